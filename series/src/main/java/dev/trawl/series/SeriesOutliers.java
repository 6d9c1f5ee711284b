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
    // Where fit() leaves the fitted test in the workspace's outlierTest() buffer.
    private static final int P_LOW = 0;
    private static final int P_HIGH = 1;
    private static final int LOWER_SCALE = 2;
    private static final int UPPER_SCALE = 3;

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
        double[] test = workspace.outlierTest();
        if (!fit(x, n, kind, ignoreVal, minPercentile, maxPercentile, testPoints, workspace, test)) {
            java.util.Arrays.fill(scores, 0, n, 0.0);
            return;
        }
        double pLow = test[P_LOW];
        double pHigh = test[P_HIGH];
        double lowerScale = test[LOWER_SCALE];
        double upperScale = test[UPPER_SCALE];
        boolean ignoring = !Double.isNaN(ignoreVal);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            scores[i] = Double.isNaN(v) || (ignoring && v == ignoreVal) ? 0
                    : scoreOf(v, pLow, pHigh, lowerScale, upperScale);
        }
    }

    /**
     * The residual values a threshold leaves unflagged, as {@code series_decompose_anomalies} flags them: a point v
     * (not null, not {@code ignore_val}) gets flag +1 exactly when {@code v > upper} and -1 exactly when
     * {@code v < lower}. Either bound is infinite when no finite value crosses it (no training points, or an
     * infinite threshold).
     */
    public record Fences(double lower, double upper) {
        /** Requires lower <= upper; neither may be NaN. */
        public Fences {
            if (!(lower <= upper)) {
                throw new IllegalArgumentException("fences " + lower + " and " + upper + " are not ordered");
            }
        }

        /** The flag the threshold gives v: +1 above the upper fence, -1 below the lower one, else 0. */
        public int flag(double v) {
            return v > upper ? 1 : v < lower ? -1 : 0;
        }
    }

    /**
     * Tukey's fences of {@code series_outliers(x, kind, ignoreVal, minPercentile, maxPercentile, testPoints)} at
     * {@code threshold}: where the score crosses +-threshold. They are searched for on the same per-point formula
     * that scores the series rather than solved algebraically (P_hi + threshold * IQR / NF), because the algebraic
     * fence can sit an ulp off the point where the rounded score actually exceeds the threshold, and a chart's band
     * must agree with the flags exactly. The score is monotone in v, so a bisection over the doubles finds the
     * boundary in at most 64 steps.
     *
     * @param threshold the k of the test, at least 0 (a negative one would flag points that score 0, so that no
     *                  range is left unflagged)
     * @throws SeriesArgumentException if the threshold is negative or NaN, or a ctukey percentile is out of range
     */
    public static Fences fences(double[] x, OutlierKind kind, double ignoreVal, double minPercentile,
            double maxPercentile, int testPoints, double threshold) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(kind, "kind");
        if (!(threshold >= 0)) {
            throw new SeriesArgumentException("Threshold", threshold + " is negative or not a number: every "
                    + "point would be flagged, so there are no fences");
        }
        SeriesWorkspace workspace = new SeriesWorkspace();
        double[] test = workspace.outlierTest();
        if (!fit(x, x.length, kind, ignoreVal, minPercentile, maxPercentile, testPoints, workspace, test)) {
            return new Fences(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double pLow = test[P_LOW];
        double pHigh = test[P_HIGH];
        double lowerScale = test[LOWER_SCALE];
        double upperScale = test[UPPER_SCALE];
        // Upper: the largest v >= P_hi whose score is not above the threshold (P_hi itself scores 0).
        long unflagged = orderedKey(pHigh);
        long flagged = orderedKey(Double.POSITIVE_INFINITY);
        if (!(scoreOf(Double.POSITIVE_INFINITY, pLow, pHigh, lowerScale, upperScale) > threshold)) {
            unflagged = flagged;
        }
        while (Long.compareUnsigned(flagged - unflagged, 1) > 0) {
            long middle = unflagged + ((flagged - unflagged) >>> 1);
            if (scoreOf(fromOrderedKey(middle), pLow, pHigh, lowerScale, upperScale) > threshold) {
                flagged = middle;
            } else {
                unflagged = middle;
            }
        }
        double upper = fromOrderedKey(unflagged);
        // Lower: the smallest v <= P_lo whose score is not below -threshold, by the mirror search.
        unflagged = orderedKey(pLow);
        flagged = orderedKey(Double.NEGATIVE_INFINITY);
        if (!(scoreOf(Double.NEGATIVE_INFINITY, pLow, pHigh, lowerScale, upperScale) < -threshold)) {
            unflagged = flagged;
        }
        while (Long.compareUnsigned(unflagged - flagged, 1) > 0) {
            long middle = flagged + ((unflagged - flagged) >>> 1);
            if (scoreOf(fromOrderedKey(middle), pLow, pHigh, lowerScale, upperScale) < -threshold) {
                flagged = middle;
            } else {
                unflagged = middle;
            }
        }
        double lower = fromOrderedKey(unflagged);
        return new Fences(lower, upper);
    }

    /**
     * Fits the test on the training points: writes P_lo, P_hi and the per-side scales (NF / IQR) into
     * {@code test}. Returns false when there is no training point to take percentiles of (every score is then 0).
     */
    private static boolean fit(double[] x, int n, OutlierKind kind, double ignoreVal, double minPercentile,
            double maxPercentile, int testPoints, SeriesWorkspace workspace, double[] test) {
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
            return false;
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
        test[P_LOW] = pLow;
        test[P_HIGH] = pHigh;
        test[LOWER_SCALE] = lowerFactor / range;
        test[UPPER_SCALE] = upperFactor / range;
        return true;
    }

    /** The score of one (non-null, not ignored) value; the one formula both the scores and the fences use. */
    private static double scoreOf(double v, double pLow, double pHigh, double lowerScale, double upperScale) {
        if (v > pHigh) {
            return (v - pHigh) * upperScale;
        }
        if (v < pLow) {
            return (v - pLow) * lowerScale;
        }
        return 0;
    }

    /** A long whose signed order is the doubles' numeric order (-0.0 just below +0.0), so doubles can be bisected. */
    private static long orderedKey(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
    }

    private static double fromOrderedKey(long key) {
        return Double.longBitsToDouble(key >= 0 ? key : key ^ Long.MAX_VALUE);
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
