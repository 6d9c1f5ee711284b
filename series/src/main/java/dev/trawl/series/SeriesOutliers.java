package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_outliers}: an anomaly score per point from Tukey's fences on the series' own percentiles
 * (semantics §1.2, verified against the only real-cluster output available).
 *
 * <p>With P_lo and P_hi the series' percentiles (linear interpolation, numpy's default) and IQR = P_hi - P_lo, a
 * point x scores 0 when P_lo <= x <= P_hi, (x - P_hi) / IQR * NF above and (x - P_lo) / IQR * NF below. Every point
 * outside [P_lo, P_hi] scores non-zero, however slightly; a threshold (docs: 1.5 mild, 3.0 strong) is applied by the
 * caller. Nulls (NaN) and points equal to {@code ignore_val} score 0 and are left out of the percentiles.
 *
 * <p>NF normalises the score to the scale of the classic Tukey test (25th/75th percentiles, NF = 1) by assuming a
 * normal distribution (SO-75264555). For the default 10th/90th percentiles the engine's observed constant
 * 2.772605605507915 is used (bit-exact with the real-cluster example); for other percentiles the normal-theory
 * factor, computed per side, is scaled by 2.772605605507915 / 2.714370597739 so that it agrees with the observed
 * constant at 10/90 (Known ambiguities 2; a documented deviation, since the engine's own approximation is unknown).
 * A series whose percentiles coincide (IQR = 0) scores 0 inside and +-infinity outside, as the formula says.
 */
public final class SeriesOutliers {
    /** The factor Kusto applies for the default 10th/90th percentiles (observed, semantics §1.2). */
    public static final double DEFAULT_NORMALISATION = 2.772605605507915;
    /** The normal-theory factor for 10/90, which {@link #DEFAULT_NORMALISATION} rescales for other percentiles. */
    static final double NORMAL_THEORY_DEFAULT = 2.714370597739;

    private SeriesOutliers() {
    }

    /** {@code series_outliers(x)}: ctukey with the 10th and 90th percentiles, no ignore value. */
    public static double[] outliers(double[] x) {
        return outliers(x, OutlierKind.CTUKEY, Double.NaN, 10, 90);
    }

    /**
     * {@code series_outliers(x, kind, ignore_val, min_percentile, max_percentile)}.
     *
     * @param ignoreVal     a value that marks a missing point, or NaN when none is given (nulls are always ignored)
     * @param minPercentile for ctukey, in [2, 98]; ignored for tukey (25)
     * @param maxPercentile for ctukey, in [2, 98] and not below minPercentile; ignored for tukey (75)
     * @throws SeriesArgumentException if a ctukey percentile is out of range
     */
    public static double[] outliers(double[] x, OutlierKind kind, double ignoreVal, double minPercentile,
            double maxPercentile) {
        return outliers(x, kind, ignoreVal, minPercentile, maxPercentile, 0);
    }

    /**
     * {@code series_outliers} with the undocumented sixth parameter {@code test_points} (it is in Kusto's function
     * list, semantics §1.1): the percentiles are estimated on the first n - testPoints points only, and every point
     * is scored. {@code series_decompose_anomalies} relies on this.
     */
    public static double[] outliers(double[] x, OutlierKind kind, double ignoreVal, double minPercentile,
            double maxPercentile, int testPoints) {
        Objects.requireNonNull(x, "x");
        double[] scores = new double[x.length];
        score(x, x.length, kind, ignoreVal, minPercentile, maxPercentile, testPoints, new SeriesWorkspace(), scores);
        return scores;
    }

    /**
     * Scores x[0, n) into scores[0, n), using the workspace's selection buffer; the allocation-free core of
     * {@link #outliers(double[], OutlierKind, double, double, double, int)}.
     */
    static void score(double[] x, int n, OutlierKind kind, double ignoreVal, double minPercentile,
            double maxPercentile, int testPoints, SeriesWorkspace workspace, double[] scores) {
        double low;
        double high;
        if (kind == OutlierKind.TUKEY) {
            low = 25;
            high = 75;
        } else {
            checkPercentile("min_percentile", minPercentile);
            checkPercentile("max_percentile", maxPercentile);
            if (minPercentile > maxPercentile) {
                throw new SeriesArgumentException("max_percentile",
                        maxPercentile + " is below min_percentile " + minPercentile);
            }
            low = minPercentile;
            high = maxPercentile;
        }
        int training = Math.max(0, n - Math.max(0, testPoints));
        double[] values = workspace.selection(n);
        boolean ignoring = !Double.isNaN(ignoreVal);
        int count = 0;
        for (int i = 0; i < training; i++) {
            double v = x[i];
            if (!Double.isNaN(v) && !(ignoring && v == ignoreVal)) {
                values[count++] = v;
            }
        }
        if (count == 0) {
            java.util.Arrays.fill(scores, 0, n, 0.0);
            return;
        }
        double[] pair = workspace.pair();
        Percentiles.linearPair(values, count, low, high, pair);
        double pLow = pair[0];
        double pHigh = pair[1];
        double range = pHigh - pLow;
        double upperFactor;
        double lowerFactor;
        if (kind == OutlierKind.TUKEY) {
            upperFactor = 1.0;
            lowerFactor = 1.0;
        } else if (low == 10 && high == 90) {
            upperFactor = DEFAULT_NORMALISATION;
            lowerFactor = DEFAULT_NORMALISATION;
        } else {
            upperFactor = upperNormalisation(low, high);
            lowerFactor = lowerNormalisation(low, high);
        }
        double upperScale = upperFactor / range;
        double lowerScale = lowerFactor / range;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double s;
            if (Double.isNaN(v) || (ignoring && v == ignoreVal)) {
                s = 0;
            } else if (v > pHigh) {
                s = (v - pHigh) * upperScale;
            } else if (v < pLow) {
                s = (v - pLow) * lowerScale;
            } else {
                s = 0;
            }
            scores[i] = s;
        }
    }

    private static void checkPercentile(String parameter, double value) {
        if (!(value >= 2.0 && value <= 98.0)) {
            throw new SeriesArgumentException(parameter, value + " is outside [2.0, 98.0]");
        }
    }

    /**
     * The factor for scores above the high percentile: under a normal distribution a point at Tukey's upper fence
     * (Q3 + 1.5 IQR) must score 1.5, i.e. NF = 1.5 (z_hi - z_lo) / (z_fence_hi - z_hi), scaled to the observed 10/90
     * constant.
     */
    static double upperNormalisation(double lowPercent, double highPercent) {
        double zLow = NormalQuantile.of(lowPercent / 100);
        double zHigh = NormalQuantile.of(highPercent / 100);
        double q3 = NormalQuantile.of(0.75);
        double fence = q3 + 1.5 * (2 * q3);
        return 1.5 * (zHigh - zLow) / (fence - zHigh) * (DEFAULT_NORMALISATION / NORMAL_THEORY_DEFAULT);
    }

    /** The factor for scores below the low percentile, by the mirror argument at the lower fence Q1 - 1.5 IQR. */
    static double lowerNormalisation(double lowPercent, double highPercent) {
        double zLow = NormalQuantile.of(lowPercent / 100);
        double zHigh = NormalQuantile.of(highPercent / 100);
        double q3 = NormalQuantile.of(0.75);
        double fence = -q3 - 1.5 * (2 * q3);
        return 1.5 * (zHigh - zLow) / (zLow - fence) * (DEFAULT_NORMALISATION / NORMAL_THEORY_DEFAULT);
    }
}
