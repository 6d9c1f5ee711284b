package dev.trawl.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The calibration of the period detector (see {@link PeriodDetector}) against every documented oracle, and its
 * behaviour on synthetic series. The documented numbers themselves are asserted in {@link DocumentedExamplesTest};
 * here the measured values are pinned so that a change to the algorithm shows up as a diff.
 */
class SeriesPeriodsTest {
    private static final double[] SEASONAL_25 = {2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3,
        2, 1};
    private static final double[] SEASONAL_20 = {8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14,
        12, 10};
    private static final double[] TWICE_123456 = {1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6};

    /*
     * The remaining documented period results (time-series-analysis.md: 84 with 0.8206 and 12 with 0.7646 for 2-hour
     * bins of the docs' sample traffic table) need that table, which is not self-contained, so they cannot be run.
     */

    /** The docs' 0.84 is matched by 0.8412: min(r(14) = 0.961, r(28) = 0.841, r_detrended(14) = 0.981). */
    @Test
    void trafficSeriesScoreIsPinned() {
        Periods periods = SeriesPeriods.detect(DocumentedExamplesTest.TRAFFIC, 0.0, 50.0, 2);
        assertEquals(0.8412, periods.scores()[0], 1e-4);
        // Asking for more periods only pads: the harmonics 7 and 4.67 and the multiple 28 are not reported.
        Periods five = SeriesPeriods.detect(DocumentedExamplesTest.TRAFFIC, 0.0, 50.0, 5);
        assertArrayEquals(new double[] {14, 0, 0, 0, 0}, five.periods());
    }

    /**
     * series_seasonal's autodetect threshold is 0.7 (docs): the 25- and 20-point examples must reach it, the
     * twice-repeated [1,3,5,2,4,6] must not. Measured: 0.706 at 6, 0.891 at 5, and nothing for the third (a pattern
     * seen only twice scores 0.5 at 6, below the noise floor 2/sqrt(12) = 0.577).
     */
    @Test
    void seasonalExamplesAreDetectedAsDocumented() {
        Periods p25 = SeriesPeriods.detect(SEASONAL_25, 4, SEASONAL_25.length / 2.0, 1);
        assertArrayEquals(new double[] {6}, p25.periods());
        assertEquals(0.7060, p25.scores()[0], 1e-4);
        assertTrue(p25.scores()[0] >= SeriesSeasonal.AUTODETECT_THRESHOLD);

        Periods p20 = SeriesPeriods.detect(SEASONAL_20, 4, SEASONAL_20.length / 2.0, 1);
        assertArrayEquals(new double[] {5}, p20.periods());
        assertEquals(0.8909, p20.scores()[0], 1e-4);

        Periods p12 = SeriesPeriods.detect(TWICE_123456, 4, TWICE_123456.length / 2.0, 1);
        assertTrue(p12.scores()[0] < SeriesSeasonal.AUTODETECT_THRESHOLD, () -> "score " + p12.scores()[0]);
        assertEquals(0.0, SeriesPeriods.validate(TWICE_123456, 6).scores()[0]);
    }

    private static double[] periodic(int n, int period, double phase, double noise, Random random,
            DoubleUnaryOperator shape) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = shape.applyAsDouble(2 * Math.PI * i / period + phase) + noise * random.nextGaussian();
        }
        return x;
    }

    /**
     * A sine or square wave of every integer period 4..n/2, random phase, 1% noise: the best period is the true one.
     * Patterns with fewer than three cycles score lower (0.5 for exactly two), which is what keeps the documented
     * twice-repeated example from being detected, but they are still found.
     */
    @Test
    void everyIntegerPeriodOfASineOrSquareWaveIsFound() {
        Random random = new Random(20261203L);
        DoubleUnaryOperator sine = Math::sin;
        DoubleUnaryOperator square = t -> Math.sin(t) >= 0 ? 1 : -1;
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (int n : new int[] {336, 100, 60, 37, 20}) {
            for (int period = 4; period <= n / 2; period++) {
                for (DoubleUnaryOperator shape : new DoubleUnaryOperator[] {sine, square}) {
                    double[] x = periodic(n, period, random.nextDouble() * 2 * Math.PI, 0.01, random, shape);
                    Periods found = SeriesPeriods.detect(x, 4, n / 2.0, 2, workspace);
                    int expected = period;
                    assertEquals(expected, found.periods()[0], () -> "n=" + n + " period " + expected + ": found "
                            + java.util.Arrays.toString(found.periods()) + " "
                            + java.util.Arrays.toString(found.scores()));
                    if (3 * period <= n) {
                        assertTrue(found.scores()[0] >= 0.6, () -> "n=" + n + " period " + expected + " scored "
                                + found.scores()[0]);
                    }
                }
            }
        }
    }

    /**
     * With 10% noise the period is still found exactly for periods up to n/6. Longer sine periods often come out a
     * few lags off: measured over 20 random phases per period, 22% of the periods 4..168 at n = 336 (the shortest
     * wrong one 63, at most 3 lags off) and 2% of 4..50 at n = 100 (from 39 up, some not found at all), because the
     * neighbouring lags of a long smooth wave are then almost indistinguishable. Pinned as a limit, not a goal.
     */
    @Test
    void withTenPercentNoisePeriodsUpToASixthOfTheSeriesAreExact() {
        Random random = new Random(20261204L);
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (int n : new int[] {336, 100}) {
            for (int period = 4; period <= n / 6; period++) {
                for (int phase = 0; phase < 5; phase++) {
                    double[] x = periodic(n, period, random.nextDouble() * 2 * Math.PI, 0.1, random, Math::sin);
                    int expected = period;
                    assertEquals(expected, SeriesPeriods.detect(x, 4, n / 2.0, 1, workspace).periods()[0],
                            () -> "n=" + n + " period " + expected);
                }
            }
        }
    }

    /** White noise scores below the 0.6 decompose threshold; measured maxima over 1,000 series: 0.21 (n=336). */
    @Test
    void whiteNoiseScoresBelowTheDecomposeThreshold() {
        Random random = new Random(7);
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (int n : new int[] {336, 100, 60}) {
            double max = 0;
            for (int series = 0; series < 1000; series++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = random.nextGaussian();
                }
                max = Math.max(max, SeriesPeriods.detect(x, 4, n / 2.0, 1, workspace).scores()[0]);
            }
            double worst = max;
            assertTrue(worst < 0.45, () -> "n=" + n + ": white noise scored " + worst);
        }
    }

    /** A trend has a high autocorrelation at every lag; the de-trended term keeps it from passing for a period. */
    @Test
    void trendPlusNoiseIsNotPeriodic() {
        Random random = new Random(11);
        for (int series = 0; series < 300; series++) {
            int n = 336;
            double slope = 0.01 + random.nextDouble();
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = slope * i + random.nextGaussian();
            }
            assertTrue(SeriesPeriods.detect(x, 4, n / 2.0, 1).scores()[0] < 0.3);
        }
        double[] line = new double[100];
        for (int i = 0; i < line.length; i++) {
            line[i] = 3 * i + 7;
        }
        assertArrayEquals(new double[] {0, 0}, SeriesPeriods.detect(line, 4, 50, 2).scores());
    }

    /** A periodic pattern on top of a trend is still found. */
    @Test
    void periodOnATrendIsFound() {
        Random random = new Random(5);
        double[] x = periodic(336, 24, 0.3, 0.05, random, Math::sin);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.02 * i;
        }
        Periods found = SeriesPeriods.detect(x, 4, 168, 1);
        assertArrayEquals(new double[] {24}, found.periods());
        assertTrue(found.scores()[0] > 0.6);
    }

    @Test
    void constantShortAndEmptySeriesHaveNoPeriod() {
        assertArrayEquals(new double[] {0, 0}, SeriesPeriods.detect(new double[50], 4, 25, 2).periods());
        double[] tenths = new double[50];
        java.util.Arrays.fill(tenths, 0.1); // a mean that is not exactly 0.1 must not create a pattern
        assertArrayEquals(new double[] {0}, SeriesPeriods.detect(tenths, 4, 25, 1).scores());
        assertArrayEquals(new double[] {0}, SeriesPeriods.detect(new double[] {1, 2, 3, 1, 2, 3, 1}, 0, 10, 1)
                .periods());
        assertEquals(0, SeriesPeriods.detect(new double[0], 0, 10, 0).periods().length);
    }

    @Test
    void searchRangeLimitsThePeriods() {
        Random random = new Random(3);
        double[] x = periodic(336, 24, 0, 0.01, random, Math::sin);
        assertArrayEquals(new double[] {24}, SeriesPeriods.detect(x, 20, 30, 1).periods());
        // 24 is outside [30, 100], but 48 is a period too, and the shortest one inside the range.
        assertArrayEquals(new double[] {48}, SeriesPeriods.detect(x, 30, 100, 1).periods());
        assertArrayEquals(new double[] {0}, SeriesPeriods.detect(x, 4, 10, 1).scores());
    }

    @Test
    void nullsCountAsTheMean() {
        Random random = new Random(9);
        double[] x = periodic(200, 10, 0, 0.05, random, Math::sin);
        for (int i = 3; i < x.length; i += 17) {
            x[i] = Double.NaN;
        }
        assertArrayEquals(new double[] {10}, SeriesPeriods.detect(x, 4, 100, 1).periods());
    }

    @Test
    void validateScoresPeriodsOutsideTheRangeZero() {
        Periods periods = SeriesPeriods.validate(DocumentedExamplesTest.TRAFFIC, 3, 14, 31, 28);
        assertArrayEquals(new double[] {3, 14, 31, 28}, periods.periods());
        assertEquals(0, periods.scores()[0]);
        assertEquals(0, periods.scores()[2]);
        assertTrue(periods.scores()[3] > 0, "28 is a real (multiple) period; validate does not suppress echoes");
    }
}
