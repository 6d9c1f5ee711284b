package dev.trawl.series;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code series_fit_line}, {@code series_fit_line_dynamic}, {@code series_fit_2lines} and
 * {@code series_fit_2lines_dynamic}: least-squares lines through a series (semantics §1.6).
 *
 * <p>The conventions were verified against the documented example {@code [2,5,6,8,11,15,17,18,25,26,30,30]} (RSquare
 * 0.982, Slope 2.730, Variance 98.628, RVariance 1.686, Interception -1.666): x runs 1..n, {@code variance} is the
 * sample variance of y, {@code rvariance} is SS_res / (n - 1). NaN points are left out of the fit (Known
 * ambiguities 7) but still get a fitted value.
 */
public final class SeriesFit {
    private SeriesFit() {
    }

    /** {@code series_fit_line(y)}: the least-squares line over x = 1..n. */
    public static LineFit line(double[] y) {
        Objects.requireNonNull(y, "y");
        double[] fit = new double[y.length];
        double[] stats = new double[STAT_COUNT];
        fitSegment(y, 0, y.length, fit, 0, stats);
        return toLineFit(stats, fit);
    }

    // Indices into the statistics array of fitSegment.
    private static final int SLOPE = 0;
    private static final int INTERCEPTION = 1;
    private static final int SS_TOTAL = 2;
    private static final int SS_RESIDUAL = 3;
    private static final int COUNT = 4;
    private static final int STAT_COUNT = 5;

    /**
     * Fits y[from, to) as its own series (x = 1..to-from), writes the fitted values to fit[offset ...] and the
     * slope, interception, SS_tot, SS_res and valid-point count to stats. Two passes (means first) so that large
     * values lose no precision.
     */
    static void fitSegment(double[] y, int from, int to, double[] fit, int offset, double[] stats) {
        int count = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = from; i < to; i++) {
            double v = y[i];
            if (!Double.isNaN(v)) {
                count++;
                sumX += i - from + 1;
                sumY += v;
            }
        }
        stats[COUNT] = count;
        if (count == 0) {
            Arrays.fill(fit, offset, offset + (to - from), Double.NaN);
            stats[SLOPE] = Double.NaN;
            stats[INTERCEPTION] = Double.NaN;
            stats[SS_TOTAL] = Double.NaN;
            stats[SS_RESIDUAL] = Double.NaN;
            return;
        }
        double meanX = sumX / count;
        double meanY = sumY / count;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            double v = y[i];
            if (!Double.isNaN(v)) {
                double dx = i - from + 1 - meanX;
                double dy = v - meanY;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        double interception = meanY - slope * meanX;
        double ssResidual = 0;
        for (int i = from; i < to; i++) {
            double line = slope * (i - from + 1) + interception;
            fit[offset + i - from] = line;
            double v = y[i];
            if (!Double.isNaN(v)) {
                double r = v - line;
                ssResidual += r * r;
            }
        }
        stats[SLOPE] = slope;
        stats[INTERCEPTION] = interception;
        stats[SS_TOTAL] = syy;
        stats[SS_RESIDUAL] = ssResidual;
    }

    private static LineFit toLineFit(double[] stats, double[] fit) {
        double count = stats[COUNT];
        double ssTotal = stats[SS_TOTAL];
        double ssResidual = stats[SS_RESIDUAL];
        return new LineFit(rsquare(ssTotal, ssResidual), stats[SLOPE], count > 1 ? ssTotal / (count - 1) : Double.NaN,
                count > 1 ? ssResidual / (count - 1) : Double.NaN, stats[INTERCEPTION], fit);
    }

    private static double rsquare(double ssTotal, double ssResidual) {
        if (Double.isNaN(ssTotal)) {
            return Double.NaN;
        }
        if (ssTotal <= 0) {
            return 1.0; // a constant series: any line through it with slope 0 fits exactly
        }
        return Math.max(0.0, Math.min(1.0, 1.0 - ssResidual / ssTotal));
    }

    /**
     * {@code series_fit_2lines(y)}: the split into two segments, each fitted by its own line, with the least total
     * squared error, which is the split with the largest total r-square (docs: "The best split is the one that
     * maximized r-square"). Each segment has at least two points, so the split index runs over [2, n - 2]; ties go
     * to the smallest index. A series of fewer than 4 points cannot be split: every component is NaN and
     * {@code splitIdx} is -1.
     */
    public static TwoLineFit twoLines(double[] y) {
        Objects.requireNonNull(y, "y");
        int n = y.length;
        double[] fit = new double[n];
        if (n < 4) {
            Arrays.fill(fit, Double.NaN);
            double nan = Double.NaN;
            return new TwoLineFit(nan, -1, nan, nan, fit, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        int split = bestSplit(y);
        double[] left = new double[STAT_COUNT];
        double[] right = new double[STAT_COUNT];
        fitSegment(y, 0, split, fit, 0, left);
        fitSegment(y, split, n, fit, split, right);
        double[] whole = new double[STAT_COUNT];
        fitSegment(y, 0, n, new double[n], 0, whole);
        double count = whole[COUNT];
        double ssResidual = (left[COUNT] > 0 ? left[SS_RESIDUAL] : 0) + (right[COUNT] > 0 ? right[SS_RESIDUAL] : 0);
        double ssTotal = whole[SS_TOTAL];
        LineFit leftFit = toLineFit(left, new double[0]);
        LineFit rightFit = toLineFit(right, new double[0]);
        return new TwoLineFit(rsquare(ssTotal, ssResidual), split, count > 1 ? ssTotal / (count - 1) : Double.NaN,
                count > 1 ? ssResidual / (count - 1) : Double.NaN, fit,
                rightFit.rsquare(), rightFit.slope(), rightFit.interception(), rightFit.variance(),
                rightFit.rvariance(), leftFit.rsquare(), leftFit.slope(), leftFit.interception(), leftFit.variance(),
                leftFit.rvariance());
    }

    /**
     * The split with the least total residual sum of squares, in O(n) from prefix sums. A segment's SS_res does not
     * depend on where x starts, so one global x serves both segments; x and y are centred first so that the
     * prefix sums lose little to cancellation.
     */
    private static int bestSplit(double[] y) {
        int n = y.length;
        double meanY = 0;
        int valid = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                meanY += v;
                valid++;
            }
        }
        meanY = valid > 0 ? meanY / valid : 0;
        double centreX = (n - 1) / 2.0;
        double[] count = new double[n + 1];
        double[] sx = new double[n + 1];
        double[] sxx = new double[n + 1];
        double[] sy = new double[n + 1];
        double[] syy = new double[n + 1];
        double[] sxy = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double v = y[i];
            boolean ok = !Double.isNaN(v);
            double x = i - centreX;
            double d = ok ? v - meanY : 0;
            count[i + 1] = count[i] + (ok ? 1 : 0);
            sx[i + 1] = sx[i] + (ok ? x : 0);
            sxx[i + 1] = sxx[i] + (ok ? x * x : 0);
            sy[i + 1] = sy[i] + d;
            syy[i + 1] = syy[i] + d * d;
            sxy[i + 1] = sxy[i] + (ok ? x * d : 0);
        }
        int best = 2;
        double bestError = Double.POSITIVE_INFINITY;
        for (int split = 2; split <= n - 2; split++) {
            double error = segmentError(count, sx, sxx, sy, syy, sxy, 0, split)
                    + segmentError(count, sx, sxx, sy, syy, sxy, split, n);
            if (error < bestError) {
                bestError = error;
                best = split;
            }
        }
        return best;
    }

    private static double segmentError(double[] count, double[] sx, double[] sxx, double[] sy, double[] syy,
            double[] sxy, int from, int to) {
        double c = count[to] - count[from];
        if (c < 2) {
            return 0;
        }
        double x = sx[to] - sx[from];
        double y = sy[to] - sy[from];
        double cxx = sxx[to] - sxx[from] - x * x / c;
        double cyy = syy[to] - syy[from] - y * y / c;
        double cxy = sxy[to] - sxy[from] - x * y / c;
        double error = cxx > 0 ? cyy - cxy * cxy / cxx : cyy;
        return Math.max(0, error);
    }
}
