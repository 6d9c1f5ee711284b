package dev.trawl.hunt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.TrendKind;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The band means what it says on real decompositions: a point outside it is exactly a flagged point, above it
 * flagged up and below it flagged down, and a point inside it is not flagged.
 */
class ChartBandTest {
    @Test
    void outsideTheBandIsExactlyFlaggedOnTheSeedRulesSeries() {
        int flagged = 0;
        for (long seed = 0; seed < 40; seed++) {
            flagged += assertBandSeparatesFlags(ChartFixtures.decomposedAccesses("seed " + seed, seed));
        }
        assertTrue(flagged >= 80, "the series have anomalies to separate: " + flagged);
    }

    /** Every trend, both methods, test points, several thresholds, on series with and without a daily cycle. */
    @Test
    void outsideTheBandIsExactlyFlaggedForEveryKindOfDecomposition() {
        Random random = new Random(11);
        int flagged = 0;
        for (int trial = 0; trial < 300; trial++) {
            int n = 24 + random.nextInt(400);
            double[] x = new double[n];
            boolean cycle = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                x[i] = 20 + (cycle ? 15 * Math.sin(2 * Math.PI * i / 24) : 0) + 0.02 * i + 3 * random.nextGaussian();
            }
            for (int spikes = 1 + random.nextInt(3); spikes > 0; spikes--) {
                x[random.nextInt(n)] += (random.nextBoolean() ? 1 : -1) * (10 + random.nextDouble() * 40);
            }
            TrendKind trend = TrendKind.values()[random.nextInt(TrendKind.values().length)];
            OutlierKind method = OutlierKind.values()[random.nextInt(OutlierKind.values().length)];
            int testPoints = random.nextBoolean() ? 0 : random.nextInt(n / 4);
            double threshold = new double[] {0.5, 1.5, 2.5, 3}[random.nextInt(4)];
            ChartSeries series = ChartSeries.decomposed("trial " + trial, ChartFixtures.hourly(n), x, threshold, -1,
                    trend, testPoints, method);
            flagged += assertBandSeparatesFlags(series);
        }
        assertTrue(flagged >= 300, "the trials have anomalies to separate: " + flagged);
    }

    /** A flag that disagrees with the threshold the chart is told would show as a marker inside the band. */
    @Test
    void theBandFollowsTheThresholdItIsGiven() {
        double[] x = ChartFixtures.mailboxAccesses(3);
        SeriesDecompose.Anomalies strict = SeriesDecompose.anomalies(x, 3, -1, TrendKind.LINEFIT, 0,
                OutlierKind.CTUKEY, 0.6);
        SeriesDecompose.Anomalies mild = SeriesDecompose.anomalies(x, 0.5, -1, TrendKind.LINEFIT, 0,
                OutlierKind.CTUKEY, 0.6);
        ChartSeries atThree = ChartSeries.of("k=3", ChartFixtures.hourly(x.length), x,
                AnomalyOverlay.of(strict, 3, OutlierKind.CTUKEY, 0));
        ChartSeries atAHalf = ChartSeries.of("k=0.5", ChartFixtures.hourly(x.length), x,
                AnomalyOverlay.of(mild, 0.5, OutlierKind.CTUKEY, 0));
        AnomalyBand wide = AnomalyBand.of(atThree).orElseThrow();
        AnomalyBand narrow = AnomalyBand.of(atAHalf).orElseThrow();
        assertTrue(wide.fences().upper() > narrow.fences().upper());
        assertTrue(wide.fences().lower() < narrow.fences().lower());
        assertTrue(atThree.anomalyCount() < atAHalf.anomalyCount(), "a higher threshold flags fewer points");
        assertBandSeparatesFlags(atThree);
        assertBandSeparatesFlags(atAHalf);
    }

    @Test
    void aPlainSeriesHasNoBand() {
        assertTrue(AnomalyBand.of(ChartSeries.of("p", ChartFixtures.hourly(2), new double[] {1, 2})).isEmpty());
    }

    /** Checks both the residual fences (exact by construction) and the drawn band in value space. */
    private static int assertBandSeparatesFlags(ChartSeries series) {
        AnomalyOverlay overlay = series.anomalies().orElseThrow();
        AnomalyBand band = AnomalyBand.of(series).orElseThrow();
        double[] values = series.values();
        double[] baseline = overlay.baseline();
        double[] flags = overlay.flags();
        double[] lower = band.lower();
        double[] upper = band.upper();
        int flagged = 0;
        for (int i = 0; i < values.length; i++) {
            String where = series.label() + " point " + i + " value " + values[i] + " band [" + lower[i] + ", "
                    + upper[i] + "]";
            assertEquals(flags[i], band.fences().flag(values[i] - baseline[i]), "residual fences: " + where);
            int drawn = values[i] > upper[i] ? 1 : values[i] < lower[i] ? -1 : 0;
            assertEquals(flags[i], drawn, "drawn band: " + where);
            flagged += flags[i] != 0 ? 1 : 0;
        }
        return flagged;
    }

}
