package dev.trawl.series;

import static dev.trawl.series.SeriesAssertions.assertSeries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The outlier score beyond the documented example: kinds, ignore values, nulls, test points, normalisation. */
class SeriesOutliersTest {
    private static final double[] OBSERVED = {-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4};

    /** SO-75264555's numbers: P10 = 2.7, P90 = 11, so -3 scores (-3 - 2.7) / 8.3 * NF. */
    @Test
    void theScoreFormulaWithTheObservedConstant() {
        double[] scores = SeriesOutliers.outliers(OBSERVED);
        assertEquals((-3 - 2.7) / 8.3 * 2.772605605507915, scores[0], 1e-12);
        assertEquals((16 - 11.0) / 8.3 * 2.772605605507915, scores[11], 1e-12);
    }

    /** Tukey's classic test: P25/P75 and NF = 1, so the score counts IQRs beyond the quartile. */
    @Test
    void tukeyUsesQuartilesAndNoFactor() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21};
        double[] withOutliers = java.util.Arrays.copyOf(x, 23);
        withOutliers[21] = 100;
        withOutliers[22] = -100;
        double[] scores = SeriesOutliers.outliers(withOutliers, OutlierKind.TUKEY, Double.NaN, 10, 90);
        // Percentiles of 23 points: Q1 at rank 5.5 = 5.5, Q3 at rank 16.5 = 16.5, IQR 11.
        assertEquals((100 - 16.5) / 11, scores[21], 1e-12);
        assertEquals((-100 - 5.5) / 11, scores[22], 1e-12);
        assertEquals(0, scores[10]);
    }

    /** Nulls and the ignore value score 0 and stay out of the percentiles (Known ambiguities 2). */
    @Test
    void nullsAndIgnoredValuesScoreZeroAndAreSkipped() {
        double[] withGaps = new double[OBSERVED.length + 3];
        System.arraycopy(OBSERVED, 0, withGaps, 0, OBSERVED.length);
        withGaps[OBSERVED.length] = Double.NaN;
        withGaps[OBSERVED.length + 1] = -999;
        withGaps[OBSERVED.length + 2] = -999;
        double[] scores = SeriesOutliers.outliers(withGaps, OutlierKind.CTUKEY, -999, 10, 90);
        double[] expected = SeriesOutliers.outliers(OBSERVED);
        assertSeries(java.util.Arrays.copyOf(expected, withGaps.length), scores, 1e-15);
    }

    /** Test points: the percentiles come from the training part only, every point is scored. */
    @Test
    void testPointsAreScoredAgainstTheTrainingPercentiles() {
        double[] x = java.util.Arrays.copyOf(OBSERVED, OBSERVED.length + 2);
        x[OBSERVED.length] = 1000;
        x[OBSERVED.length + 1] = 11;
        double[] scores = SeriesOutliers.outliers(x, OutlierKind.CTUKEY, Double.NaN, 10, 90, 2);
        assertSeries(SeriesOutliers.outliers(OBSERVED), java.util.Arrays.copyOf(scores, OBSERVED.length), 1e-15);
        assertEquals((1000 - 11.0) / 8.3 * 2.772605605507915, scores[OBSERVED.length], 1e-9);
        assertEquals(0, scores[OBSERVED.length + 1]);
    }

    /**
     * Custom percentiles use the normal-theory factor scaled to the observed 10/90 constant; it is 1.0 at 25/75
     * times that scale, 2.7726 at 10/90, and per side for asymmetric pairs.
     */
    @Test
    void normalisationForCustomPercentiles() {
        double scale = SeriesOutliers.DEFAULT_NORMALISATION / SeriesOutliers.NORMAL_THEORY_DEFAULT;
        assertEquals(SeriesOutliers.DEFAULT_NORMALISATION, SeriesOutliers.upperNormalisation(10, 90), 1e-8);
        assertEquals(SeriesOutliers.DEFAULT_NORMALISATION, SeriesOutliers.lowerNormalisation(10, 90), 1e-8);
        assertEquals(scale, SeriesOutliers.upperNormalisation(25, 75), 1e-8);
        // 5/95, from scipy's normal quantiles: 1.5 (2 z95) / (4 z75 - z95) = 4.6686..., scaled.
        assertEquals(4.786252841486266, SeriesOutliers.upperNormalisation(5, 95), 1e-7);
        // Asymmetric: the lower side's fence is farther from a low 5th percentile than the upper side's from 80.
        double upper = SeriesOutliers.upperNormalisation(5, 80);
        double lower = SeriesOutliers.lowerNormalisation(5, 80);
        assertTrue(upper < lower, upper + " vs " + lower);
    }

    @Test
    void percentilesOutOfRangeAreRejected() {
        SeriesArgumentException low = assertThrows(SeriesArgumentException.class,
                () -> SeriesOutliers.outliers(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 1, 90));
        assertEquals("min_percentile", low.parameter());
        assertThrows(SeriesArgumentException.class,
                () -> SeriesOutliers.outliers(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 10, 99));
        assertThrows(SeriesArgumentException.class,
                () -> SeriesOutliers.outliers(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 60, 40));
        // tukey ignores them
        SeriesOutliers.outliers(OBSERVED, OutlierKind.TUKEY, Double.NaN, 1, 99);
    }

    @Test
    void emptyAndAllNullSeriesScoreZero() {
        assertEquals(0, SeriesOutliers.outliers(new double[0]).length);
        assertSeries(new double[3], SeriesOutliers.outliers(new double[] {Double.NaN, Double.NaN, Double.NaN}), 0);
    }

    /** The fences sit where the algebra puts them: P_hi + k IQR / NF above, P_lo - k IQR / NF below. */
    @Test
    void fencesAreTukeysFencesScaledByTheThreshold() {
        SeriesOutliers.Fences fences = SeriesOutliers.fences(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 10, 90, 0, 1.5);
        assertEquals(11 + 1.5 * 8.3 / 2.772605605507915, fences.upper(), 1e-12);
        assertEquals(2.7 - 1.5 * 8.3 / 2.772605605507915, fences.lower(), 1e-12);
    }

    /**
     * The fences are the exact boundary of the rounded score: test points (scored against the training
     * percentiles, which they do not move) at each fence are not flagged and one ulp beyond it they are.
     */
    @Test
    void fencesAreTightToTheUlp() {
        for (double threshold : new double[] {0, 0.7, 1.5, 3}) {
            SeriesOutliers.Fences fences = SeriesOutliers.fences(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 10, 90, 0,
                    threshold);
            double[] probed = java.util.Arrays.copyOf(OBSERVED, OBSERVED.length + 4);
            probed[OBSERVED.length] = fences.upper();
            probed[OBSERVED.length + 1] = Math.nextUp(fences.upper());
            probed[OBSERVED.length + 2] = fences.lower();
            probed[OBSERVED.length + 3] = Math.nextDown(fences.lower());
            double[] scores = SeriesOutliers.outliers(probed, OutlierKind.CTUKEY, Double.NaN, 10, 90, 4);
            int n = OBSERVED.length;
            assertTrue(!(scores[n] > threshold) && scores[n + 1] > threshold, "upper fence at k = " + threshold);
            assertTrue(!(scores[n + 2] < -threshold) && scores[n + 3] < -threshold, "lower fence at k = " + threshold);
        }
    }

    @Test
    void fencesWithoutTrainingPointsOrWithAnInfiniteThresholdAreOpen() {
        SeriesOutliers.Fences none = SeriesOutliers.fences(new double[] {Double.NaN, Double.NaN}, OutlierKind.CTUKEY,
                Double.NaN, 10, 90, 0, 1.5);
        assertEquals(Double.NEGATIVE_INFINITY, none.lower());
        assertEquals(Double.POSITIVE_INFINITY, none.upper());
        SeriesOutliers.Fences infinite = SeriesOutliers.fences(OBSERVED, OutlierKind.TUKEY, Double.NaN, 10, 90, 0,
                Double.POSITIVE_INFINITY);
        assertEquals(Double.NEGATIVE_INFINITY, infinite.lower());
        assertEquals(Double.POSITIVE_INFINITY, infinite.upper());
    }

    /** A constant series has IQR 0: anything off the constant scores infinitely, so the fences close on it. */
    @Test
    void fencesOfAConstantSeriesAreTheConstant() {
        SeriesOutliers.Fences fences = SeriesOutliers.fences(new double[] {4, 4, 4, 4}, OutlierKind.CTUKEY, Double.NaN,
                10, 90, 0, 1.5);
        assertEquals(4, fences.lower());
        assertEquals(4, fences.upper());
    }

    @Test
    void aNegativeThresholdHasNoFences() {
        assertThrows(SeriesArgumentException.class,
                () -> SeriesOutliers.fences(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 10, 90, 0, -1));
        assertThrows(SeriesArgumentException.class,
                () -> SeriesOutliers.fences(OBSERVED, OutlierKind.CTUKEY, Double.NaN, 10, 90, 0, Double.NaN));
    }
}
