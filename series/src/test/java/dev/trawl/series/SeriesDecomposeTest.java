package dev.trawl.series;

import static dev.trawl.series.SeriesAssertions.assertSeries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the decomposition and anomaly detection over thousands of seeded random series, the documented
 * rules (phase medians, trend on the de-seasonalised training points, test points), and the seed rule's fixture.
 */
class SeriesDecomposeTest {
    private static final TrendKind[] TRENDS = TrendKind.values();

    /** A random series: noise, sometimes a daily-like cycle, a trend, a level. */
    private static double[] randomSeries(Random random, int n) {
        double level = random.nextDouble() * 100 - 20;
        double slope = random.nextBoolean() ? random.nextGaussian() * 0.1 : 0;
        int period = 4 + random.nextInt(Math.max(1, n / 4 - 3));
        double amplitude = random.nextBoolean() ? random.nextDouble() * 20 : 0;
        double noise = 0.1 + random.nextDouble() * 5;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = level + slope * i + amplitude * Math.sin(2 * Math.PI * i / period) + noise * random.nextGaussian();
        }
        return x;
    }

    @Test
    void residualPlusBaselineIsTheSeries() {
        Random random = new Random(1);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 8 + random.nextInt(400);
            double[] x = randomSeries(random, n);
            int seasonality = switch (random.nextInt(3)) {
                case 0 -> -1;
                case 1 -> 0;
                default -> 1 + random.nextInt(n / 2);
            };
            TrendKind trend = TRENDS[random.nextInt(TRENDS.length)];
            int testPoints = random.nextInt(4) == 0 ? random.nextInt(n / 4 + 1) : 0;
            SeriesDecompose.Decomposition d = SeriesDecompose.decompose(x, seasonality, trend, testPoints, 0.6);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], d.residual()[i] + d.baseline()[i], 1e-9 * (1 + Math.abs(x[i])), "trial " + trial);
                assertEquals(d.baseline()[i], d.seasonal()[i] + d.trend()[i], 1e-9 * (1 + Math.abs(x[i])));
            }
        }
    }

    @Test
    void withoutSeasonalityTheLinefitBaselineIsSeriesFitLine() {
        Random random = new Random(2);
        for (int trial = 0; trial < 3000; trial++) {
            double[] x = randomSeries(random, 2 + random.nextInt(400));
            SeriesDecompose.Decomposition d = SeriesDecompose.decompose(x, 0, TrendKind.LINEFIT, 0, 0.6);
            assertArrayEquals(SeriesFit.line(x).lineFit(), d.baseline(), "trial " + trial);
            assertArrayEquals(new double[x.length], d.seasonal());
        }
    }

    /** A spike 10 "IQRs" (P90 - P10 of the noise) above P90 is flagged +1; its mirror below P10 is flagged -1. */
    @Test
    void aTenIqrSpikeIsFlaggedUpAndItsMirrorDown() {
        Random random = new Random(3);
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (int trial = 0; trial < 2000; trial++) {
            int n = 30 + random.nextInt(370);
            double[] x = new double[n];
            double level = random.nextDouble() * 1000;
            double sigma = 0.5 + random.nextDouble() * 20;
            for (int i = 0; i < n; i++) {
                x[i] = level + sigma * random.nextGaussian();
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double p10 = Percentiles.linear(sorted.clone(), n, 10);
            double p90 = Percentiles.linear(sorted.clone(), n, 90);
            int at = random.nextInt(n);
            double[] up = x.clone();
            up[at] = p90 + 10 * (p90 - p10);
            double[] down = x.clone();
            down[at] = p10 - 10 * (p90 - p10);
            TrendKind trend = TRENDS[random.nextInt(TRENDS.length)];
            SeriesDecompose.Anomalies upAnomalies = SeriesDecompose.anomalies(up, 1.5, -1, trend, 0, OutlierKind.CTUKEY,
                    0.6, workspace);
            SeriesDecompose.Anomalies downAnomalies = SeriesDecompose.anomalies(down, 1.5, -1, trend, 0,
                    OutlierKind.CTUKEY, 0.6, workspace);
            int trialNumber = trial;
            assertEquals(1.0, upAnomalies.adFlag()[at], () -> "trial " + trialNumber + " score "
                    + upAnomalies.adScore()[at]);
            assertEquals(-1.0, downAnomalies.adFlag()[at], () -> "trial " + trialNumber + " score "
                    + downAnomalies.adScore()[at]);
        }
    }

    /** Flags are exactly the points whose score is beyond the threshold, strictly (Known ambiguities 3). */
    @Test
    void flagsAppearExactlyWhereTheScoreExceedsTheThreshold() {
        Random random = new Random(4);
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (int trial = 0; trial < 2000; trial++) {
            int n = 8 + random.nextInt(300);
            double[] x = randomSeries(random, n);
            double threshold = 0.5 + random.nextDouble() * 3;
            OutlierKind kind = random.nextBoolean() ? OutlierKind.CTUKEY : OutlierKind.TUKEY;
            SeriesDecompose.Anomalies a = SeriesDecompose.anomalies(x, threshold, -1, TRENDS[random.nextInt(3)],
                    random.nextInt(3) == 0 ? random.nextInt(n / 4 + 1) : 0, kind, 0.6, workspace);
            for (int i = 0; i < n; i++) {
                double score = a.adScore()[i];
                double expected = score > threshold ? 1 : score < -threshold ? -1 : 0;
                assertEquals(expected, a.adFlag()[i]);
                if (Math.abs(score) <= threshold) {
                    assertEquals(0.0, a.adFlag()[i]);
                }
            }
        }
        // A score exactly at the threshold is not flagged: the observed series scores 1.6702 at 16, so a threshold of
        // exactly that score leaves it unflagged.
        double[] observed = {-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4};
        double[] score = SeriesDecompose.anomalies(observed, 1.5, 0, TrendKind.NONE, 0, OutlierKind.CTUKEY, 0.6)
                .adScore();
        double[] flag = SeriesDecompose.anomalies(observed, score[11], 0, TrendKind.NONE, 0, OutlierKind.CTUKEY, 0.6)
                .adFlag();
        assertEquals(0.0, flag[11]);
        assertEquals(-1.0, flag[0]);
    }

    /** With seasonality 0 and trend none the baseline is 0 and the residual is x (docs). */
    @Test
    void noSeasonalityAndNoTrendGiveAZeroBaseline() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
        SeriesDecompose.Decomposition d = SeriesDecompose.decompose(x, 0, TrendKind.NONE, 0, 0.6);
        assertArrayEquals(new double[8], d.baseline());
        assertArrayEquals(x, d.residual());
    }

    /**
     * The seasonal component is the per-phase median, not centred, and the avg trend is the mean of x - seasonal
     * (Known ambiguities 4): a purely seasonal series is its own baseline with a zero trend.
     */
    @Test
    void seasonalComponentIsThePhaseMedianAndAvgTrendIsTheDeseasonalisedMean() {
        double[] x = {10, 12, 14, 12, 10, 11, 13, 15, 13, 11, 10, 12, 14, 12, 10};
        SeriesDecompose.Decomposition d = SeriesDecompose.decompose(x, 5, TrendKind.AVG, 0, 0.6);
        assertSeries(new double[] {10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10}, d.seasonal(), 0);
        double expectedTrend = 1.0 / 3; // the middle cycle is one higher
        for (double t : d.trend()) {
            assertEquals(expectedTrend, t, 1e-12);
        }
    }

    /** Test points take no part in learning; the pattern and the trend line are extended over them. */
    @Test
    void testPointsAreExcludedFromLearningAndForecast() {
        double[] pattern = {5, 9, 4, 7, 1, 8};
        int n = 60;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 48 ? pattern[i % 6] : 0; // the empty tail make-series fills with 0
        }
        double[] forecast = SeriesDecompose.forecast(x, 12, 6, TrendKind.AVG, 0.6);
        for (int i = 0; i < n; i++) {
            assertEquals(pattern[i % 6], forecast[i], 1e-12, "index " + i);
        }
        // Detected rather than given: same forecast.
        assertSeries(forecast, SeriesDecompose.forecast(x, 12, -1, TrendKind.AVG, 0.6), 1e-12);

        double[] line = new double[40];
        for (int i = 0; i < 30; i++) {
            line[i] = 2.5 * (i + 1) - 4;
        }
        double[] extended = SeriesDecompose.forecast(line, 10);
        for (int i = 0; i < 40; i++) {
            assertEquals(2.5 * (i + 1) - 4, extended[i], 1e-9, "index " + i);
        }
        // The outlier percentiles come from the training part too: a huge tail does not hide a training spike.
        double[] spiky = x.clone();
        spiky[20] += 50;
        Arrays.fill(spiky, 48, 60, 1e6);
        SeriesDecompose.Anomalies a = SeriesDecompose.anomalies(spiky, 1.5, 6, TrendKind.AVG, 12,
                OutlierKind.CTUKEY, 0.6);
        assertEquals(1.0, a.adFlag()[20]);
    }

    /** Nulls are skipped by the learning steps; their residual is null and their score 0 (Known ambiguities 7). */
    @Test
    void nullsAreMissingPoints() {
        double[] pattern = {5, 9, 4, 7, 1, 8};
        double[] x = new double[48];
        for (int i = 0; i < x.length; i++) {
            x[i] = pattern[i % 6];
        }
        x[7] = Double.NaN;
        SeriesDecompose.Decomposition d = SeriesDecompose.decompose(x, 6, TrendKind.LINEFIT, 0, 0.6);
        assertEquals(pattern[1], d.baseline()[7], 1e-9);
        assertTrue(Double.isNaN(d.residual()[7]));
        SeriesDecompose.Anomalies a = SeriesDecompose.anomalies(x, 1.5, 6, TrendKind.LINEFIT, 0, OutlierKind.CTUKEY,
                0.6);
        assertEquals(0.0, a.adScore()[7]);
        assertEquals(0.0, a.adFlag()[7]);
    }

    @Test
    void badArgumentsNameTheirParameter() {
        assertEquals("Seasonality", assertThrows(SeriesArgumentException.class,
                () -> SeriesDecompose.decompose(new double[10], -2, TrendKind.AVG, 0, 0.6)).parameter());
        assertEquals("Test_points", assertThrows(SeriesArgumentException.class,
                () -> SeriesDecompose.decompose(new double[10], 0, TrendKind.AVG, -1, 0.6)).parameter());
        assertEquals("Trend", assertThrows(SeriesArgumentException.class, () -> TrendKind.fromKql("cubic"))
                .parameter());
        assertEquals(TrendKind.LINEFIT, TrendKind.fromKql("linefit"));
        assertEquals(OutlierKind.TUKEY, OutlierKind.fromKql("tukey"));
    }

    /**
     * The seed rule's time-series shape ({@link SeedFixture}, seed 0): {@code series_decompose_anomalies(x, 1.5, -1,
     * 'linefit')} detects the period 24 and flags index 205 (day 8, 13:00), and only it, with +1.
     */
    @Test
    void seedFixtureFlagsTheSpikeAndOnlyTheSpike() {
        double[] x = SeedFixture.hourlyCounts(0);
        SeriesDecompose.Anomalies a = SeriesDecompose.anomalies(x, 1.5, -1, TrendKind.LINEFIT, 0, OutlierKind.CTUKEY,
                0.6);
        assertEquals(205, SeedFixture.SPIKE_INDEX);
        for (int i = 0; i < x.length; i++) {
            assertEquals(i == SeedFixture.SPIKE_INDEX ? 1.0 : 0.0, a.adFlag()[i], "index " + i + " score "
                    + a.adScore()[i]);
        }
        Periods periods = SeriesPeriods.detect(x, 4, 168, 1);
        assertArrayEquals(new double[] {24}, periods.periods());
        // The baseline follows the daily cycle: the spike's baseline is the usual 13:00 level.
        assertEquals(x[SeedFixture.SPIKE_INDEX - 24], a.baseline()[SeedFixture.SPIKE_INDEX], 6);
    }

    /**
     * The same fixture with 500 different jitters. The spike is always flagged, far beyond any threshold (measured
     * minimum score 41). Kusto's score gives every point outside [P10, P90] a non-zero score, and the jitter minus its
     * phase median occasionally lands just beyond the 1.5 fence: 47 of the 500 seeds have one such mild flag (measured
     * worst 1.89), which is what the formula says, not an error. Below the docs' 2.5 for suppressing mild anomalies
     * nothing but the spike ever scores.
     */
    @Test
    void seedFixtureSpikeIsAlwaysFoundAndNothingElseIsStrong() {
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (long seed = 0; seed < 500; seed++) {
            double[] x = SeedFixture.hourlyCounts(seed);
            SeriesDecompose.Anomalies a = SeriesDecompose.anomalies(x, 2.5, -1, TrendKind.LINEFIT, 0,
                    OutlierKind.CTUKEY, 0.6, workspace);
            assertTrue(a.adScore()[SeedFixture.SPIKE_INDEX] > 20, "seed " + seed);
            for (int i = 0; i < x.length; i++) {
                assertEquals(i == SeedFixture.SPIKE_INDEX ? 1.0 : 0.0, a.adFlag()[i], "seed " + seed + " index " + i);
            }
        }
    }

    /**
     * The fences of series_decompose_anomalies agree with its flags point for point, over random decompositions
     * of every kind: outside the fences is flagged, inside is not.
     */
    @Test
    void anomalyFencesSeparateExactlyTheFlaggedPoints() {
        Random random = new Random(7);
        OutlierKind[] methods = OutlierKind.values();
        int flaggedSeen = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int n = 8 + random.nextInt(400);
            double[] x = randomSeries(random, n);
            for (int spikes = random.nextInt(4); spikes > 0; spikes--) {
                x[random.nextInt(n)] += (random.nextBoolean() ? 1 : -1) * random.nextDouble() * 60;
            }
            TrendKind trend = TRENDS[random.nextInt(TRENDS.length)];
            int testPoints = random.nextInt(4) == 0 ? random.nextInt(n / 4 + 1) : 0;
            OutlierKind method = methods[random.nextInt(methods.length)];
            double threshold = random.nextInt(3) == 0 ? 1.5 : random.nextDouble() * 4;
            SeriesDecompose.Anomalies a = SeriesDecompose.anomalies(x, threshold, -1, trend, testPoints, method, 0.6);
            SeriesOutliers.Fences fences = SeriesDecompose.anomalyFences(x, a.baseline(), threshold, testPoints,
                    method);
            for (int i = 0; i < n; i++) {
                assertEquals(a.adFlag()[i], fences.flag(x[i] - a.baseline()[i]), "trial " + trial + " point " + i);
                flaggedSeen += a.adFlag()[i] != 0 ? 1 : 0;
            }
        }
        assertTrue(flaggedSeen > 1000, "the trials flag points: " + flaggedSeen);
    }

    @Test
    void anomalyFencesNeedAsManyBaselinePointsAsSeriesPoints() {
        assertThrows(IllegalArgumentException.class,
                () -> SeriesDecompose.anomalyFences(new double[3], new double[2], 1.5, 0, OutlierKind.CTUKEY));
    }
}
