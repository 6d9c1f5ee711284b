package dev.trawl.series;

import java.util.Objects;

/**
 * The {@code series_*} functions that reduce whole series to one number: {@code series_sum},
 * {@code series_product}, {@code series_magnitude}, {@code series_dot_product}, {@code series_cosine_similarity}
 * and {@code series_pearson_correlation}.
 *
 * <p>Docs: for dot product and cosine similarity "the longer series will be truncated to the length of the shorter
 * one", "Any non-numeric element of the input series will be ignored", and an empty input gives null (NaN); a scalar
 * operand of the dot product applies to every element. For Pearson, "Any non-numeric element or nonexisting element
 * (arrays of different sizes) yields a null result". Sum, product and magnitude have no documented null rule; they
 * ignore null elements like the dot product does, and of an empty series give 0, 1 and 0.
 */
public final class SeriesVectors {
    private SeriesVectors() {
    }

    /** {@code series_sum(series)}: the sum of the elements, nulls ignored. */
    public static double sum(double[] x) {
        Objects.requireNonNull(x, "x");
        double sum = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                sum += v;
            }
        }
        return sum;
    }

    /** {@code series_product(series)}: the product of the elements, nulls ignored. */
    public static double product(double[] x) {
        Objects.requireNonNull(x, "x");
        double product = 1;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                product *= v;
            }
        }
        return product;
    }

    /** {@code series_magnitude(series)}: the Euclidean norm, sqrt(sum x^2), nulls ignored. */
    public static double magnitude(double[] x) {
        Objects.requireNonNull(x, "x");
        double squares = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                squares += v * v;
            }
        }
        return Math.sqrt(squares);
    }

    /** {@code series_dot_product(series1, series2)}: sum x[i] y[i] over the common length, null pairs skipped. */
    public static double dotProduct(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = Math.min(x.length, y.length);
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = x[i] * y[i];
            if (!Double.isNaN(p)) {
                sum += p;
            }
        }
        return sum;
    }

    /** {@code series_dot_product(series, scalar)}: the scalar applies to every element (docs). */
    public static double dotProduct(double[] x, double y) {
        Objects.requireNonNull(x, "x");
        if (x.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : x) {
            double p = v * y;
            if (!Double.isNaN(p)) {
                sum += p;
            }
        }
        return sum;
    }

    /**
     * {@code series_cosine_similarity(series1, series2)}: dot / (|x| |y|) over the common length; null elements are
     * ignored; NaN if either is empty or has magnitude 0.
     */
    public static double cosineSimilarity(double[] x, double[] y) {
        return cosineSimilarity(x, y, Double.NaN, Double.NaN);
    }

    /**
     * {@code series_cosine_similarity(series1, series2, magnitude1, magnitude2)}: as above with the magnitudes given
     * (NaN: compute it, over the common length).
     */
    public static double cosineSimilarity(double[] x, double[] y, double magnitudeX, double magnitudeY) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = Math.min(x.length, y.length);
        if (n == 0) {
            return Double.NaN;
        }
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i];
            double b = y[i];
            if (!Double.isNaN(a)) {
                xx += a * a;
            }
            if (!Double.isNaN(b)) {
                yy += b * b;
            }
            double p = a * b;
            if (!Double.isNaN(p)) {
                dot += p;
            }
        }
        double mx = Double.isNaN(magnitudeX) ? Math.sqrt(xx) : magnitudeX;
        double my = Double.isNaN(magnitudeY) ? Math.sqrt(yy) : magnitudeY;
        if (mx == 0 || my == 0) {
            return Double.NaN;
        }
        return dot / (mx * my);
    }

    /**
     * {@code series_pearson_correlation(series1, series2)}: the Pearson correlation coefficient; NaN when the lengths
     * differ, an element is null, there are fewer than two points or either series is constant.
     */
    public static double pearsonCorrelation(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = x.length;
        if (n != y.length || n < 2) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                return Double.NaN;
            }
            sx += x[i];
            sy += y[i];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
