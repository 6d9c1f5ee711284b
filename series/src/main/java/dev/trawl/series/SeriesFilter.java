package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_fir} and {@code series_iir}: finite and infinite impulse response filters (docs:
 * {@code series-fir-function.md}, {@code series-iir-function.md}). Points before the start (and, for a centred
 * FIR, after the end) count as 0, as in a filter started from rest; a NaN (null) input makes every output it
 * reaches NaN.
 */
public final class SeriesFilter {
    private SeriesFilter() {
    }

    /**
     * {@code series_fir(series, filter)}: normalised unless the filter has a negative coefficient (docs: "If filter
     * contains at least one negative value, then normalize is assumed to be false"), not centred.
     */
    public static double[] fir(double[] x, double[] filter) {
        Objects.requireNonNull(filter, "filter");
        boolean negative = false;
        for (double f : filter) {
            negative |= f < 0;
        }
        return fir(x, filter, !negative, false);
    }

    /**
     * {@code series_fir(series, filter, normalize, center)}: y[i] = sum_k f[k] x[i - k + s], with s = 0 (the
     * current and earlier points: streaming) or, when {@code center}, s = (m - 1) / 2 rounded down, which for an
     * odd length m puts the window symmetrically around i (for an even m it leans half a point into the past).
     * {@code normalize} divides the coefficients by their sum; with a negative coefficient the docs say the result
     * is null, so every element is NaN.
     *
     * @throws SeriesArgumentException if the filter is empty
     */
    public static double[] fir(double[] x, double[] filter, boolean normalize, boolean center) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(filter, "filter");
        int m = filter.length;
        if (m == 0) {
            throw new SeriesArgumentException("filter", "has no coefficients");
        }
        int n = x.length;
        double[] out = new double[n];
        double[] coefficients = filter.clone();
        if (normalize) {
            double sum = 0;
            for (double f : coefficients) {
                if (f < 0) {
                    java.util.Arrays.fill(out, Double.NaN);
                    return out;
                }
                sum += f;
            }
            for (int k = 0; k < m; k++) {
                coefficients[k] /= sum;
            }
        }
        int shift = center ? (m - 1) / 2 : 0;
        for (int i = 0; i < n; i++) {
            double y = 0;
            for (int k = 0; k < m; k++) {
                int j = i - k + shift;
                if (j >= 0 && j < n) {
                    y += coefficients[k] * x[j];
                }
            }
            out[i] = y;
        }
        return out;
    }

    /**
     * {@code series_iir(series, numerators, denominators)}: y[i] = (sum_k b[k] x[i-k] - sum_(k>=1) a[k] y[i-k]) / a[0]
     * (docs), from rest. With b = [1] and a = [1, -1] it is the running sum.
     *
     * @throws SeriesArgumentException if either coefficient array is empty or a[0] is 0
     */
    public static double[] iir(double[] x, double[] numerators, double[] denominators) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(numerators, "numerators");
        Objects.requireNonNull(denominators, "denominators");
        if (numerators.length == 0) {
            throw new SeriesArgumentException("numerators", "has no coefficients");
        }
        if (denominators.length == 0 || denominators[0] == 0) {
            throw new SeriesArgumentException("denominators", "must start with a non-zero coefficient");
        }
        int n = x.length;
        double[] y = new double[n];
        double a0 = denominators[0];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < numerators.length && k <= i; k++) {
                sum += numerators[k] * x[i - k];
            }
            for (int k = 1; k < denominators.length && k <= i; k++) {
                sum -= denominators[k] * y[i - k];
            }
            y[i] = sum / a0;
        }
        return y;
    }
}
