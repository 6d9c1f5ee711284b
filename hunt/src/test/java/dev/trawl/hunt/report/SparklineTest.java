package dev.trawl.hunt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal sparkline: eight heights, downsampling by maximum, markers under anomalies, colour on request. */
class SparklineTest {
    @Test
    void valuesMapToEightEqualBands() {
        assertEquals('▁', Sparkline.level(0, 0, 8));
        assertEquals('▁', Sparkline.level(0.99, 0, 8));
        assertEquals('▂', Sparkline.level(1, 0, 8));
        assertEquals('▄', Sparkline.level(3.5, 0, 8));
        assertEquals('▇', Sparkline.level(6.99, 0, 8));
        assertEquals('█', Sparkline.level(7, 0, 8), "the top eighth of the range");
        assertEquals('█', Sparkline.level(8, 0, 8), "the maximum takes the top block");
        assertEquals('▁', Sparkline.level(5, 5, 5), "a flat series lies low");
        assertEquals(' ', Sparkline.level(Double.NaN, 0, 8), "a missing value is a gap");
    }

    @Test
    void aShortSeriesGetsOneBlockPerPoint() {
        double[] values = {0, 1, 2, 3, 4, 5, 6, 7};
        ChartSeries series = ChartSeries.of("", ChartFixtures.hourly(8), values);
        String[] lines = Sparkline.render(series, Sparkline.Options.defaults()).split("\n");
        assertEquals(1, lines.length, "no overlay, no marker row");
        assertTrue(lines[0].startsWith("▁▂▃▄▅▆▇█  0..7  "), lines[0]);
    }

    /** 336 hourly points in 48 columns: 7 points a column, and the one-hour spike's column reaches the top. */
    @Test
    void downsamplingByMaximumKeepsTheSpike() {
        double[] values = ChartFixtures.mailboxAccesses(0);
        double[] columns = Sparkline.downsampleByMax(values, 48);
        assertEquals(48, columns.length);
        int spikeColumn = ChartFixtures.SPIKE_INDEX / 7;
        double max = java.util.Arrays.stream(values).max().orElseThrow();
        assertEquals(max, columns[spikeColumn]);
        for (int c = 0; c < 48; c++) {
            double expected = java.util.Arrays.stream(values, c * 7, c * 7 + 7).max().orElseThrow();
            assertEquals(expected, columns[c], "column " + c);
        }
        String blocks = Sparkline.render(ChartSeries.of("", ChartFixtures.hourly(values.length), values),
                new Sparkline.Options(48, false)).split("\n")[0].substring(0, 48);
        assertEquals('█', blocks.charAt(spikeColumn));
        assertEquals(1, blocks.chars().filter(c -> c == '█').count(), "only the spike is at the top");
    }

    @Test
    void unevenColumnsCoverEveryPointOnce() {
        assertArrayEquals(new double[] {3, 7, 9}, Sparkline.downsampleByMax(new double[] {1, 2, 3, 5, 4, 7, 9, 8, 6},
                3), 0);
        assertArrayEquals(new double[] {2, 5, 7}, Sparkline.downsampleByMax(new double[] {1, 2, 3, 5, 4, 7, 6}, 3), 0,
                "7 points in 3 columns: 2, 2 and 3 points");
        assertArrayEquals(new double[] {3, Double.NaN}, Sparkline.downsampleByMax(
                new double[] {3, Double.NaN, Double.NaN, Double.NaN}, 2), 0);
    }

    @Test
    void markersSitUnderTheAnomalies() {
        ChartSeries seed = ChartFixtures.decomposedAccesses("alice", 0);
        String[] lines = Sparkline.render(seed, new Sparkline.Options(400, false)).split("\n");
        assertEquals(2, lines.length);
        String prefix = "alice: ";
        assertTrue(lines[0].startsWith(prefix));
        String markers = lines[1].substring(prefix.length(), prefix.length() + seed.size());
        double[] flags = seed.anomalies().orElseThrow().flags();
        for (int i = 0; i < flags.length; i++) {
            char expected = flags[i] > 0 ? '▲' : flags[i] < 0 ? '▼' : ' ';
            assertEquals(expected, markers.charAt(i), "marker at " + i);
        }
        assertTrue(lines[1].endsWith("  " + seed.anomalyCount() + " anomalies"), lines[1]);
        assertEquals('▲', markers.charAt(ChartFixtures.SPIKE_INDEX));
        assertEquals('▼', markers.charAt(ChartFixtures.DIP_INDEX));
    }

    @Test
    void downsampledMarkersKeepEveryAnomaly() {
        ChartSeries seed = ChartFixtures.decomposedAccesses("", 0);
        String markers = Sparkline.render(seed, new Sparkline.Options(48, false)).split("\n")[1].substring(0, 48);
        assertEquals('▲', markers.charAt(ChartFixtures.SPIKE_INDEX / 7));
        assertEquals('▼', markers.charAt(ChartFixtures.DIP_INDEX / 7));
        double[] flags = seed.anomalies().orElseThrow().flags();
        for (int c = 0; c < 48; c++) {
            boolean any = false;
            for (int i = c * 7; i < c * 7 + 7; i++) {
                any |= flags[i] != 0;
            }
            assertEquals(any, markers.charAt(c) != ' ', "column " + c);
        }
    }

    @Test
    void theTimeRangeIsPrinted() {
        ChartSeries seed = ChartFixtures.decomposedAccesses("alice", 0);
        String first = Sparkline.render(seed, Sparkline.Options.defaults()).split("\n")[0];
        assertTrue(first.contains("2024-03-01 00:00 to 2024-03-14 23:00 UTC (336 points, max per column)"), first);
    }

    @Test
    void colourOnlyWhenAsked() {
        ChartSeries seed = ChartFixtures.decomposedAccesses("alice", 0);
        assertFalse(Sparkline.render(seed, new Sparkline.Options(72, false)).contains("\u001b["));
        String coloured = Sparkline.render(seed, new Sparkline.Options(72, true));
        assertTrue(coloured.contains("\u001b[31m▲\u001b[0m"), "up markers in red");
        assertTrue(coloured.contains("\u001b[33m▼\u001b[0m"), "down markers in yellow");
        assertEquals(Sparkline.render(seed, new Sparkline.Options(72, false)),
                coloured.replaceAll("\u001b\\[[0-9]+m", ""), "colour adds escapes and nothing else");
    }

    @Test
    void aChartAlignsItsSeriesUnderItsTitle() {
        Chart chart = new Chart("mailboxes", ChartKind.ANOMALYCHART, List.of(ChartFixtures.decomposedAccesses("al", 0),
                ChartFixtures.decomposedAccesses("bobby", 1)), "events");
        String[] lines = Sparkline.render(chart, new Sparkline.Options(30, false)).split("\n");
        assertEquals("mailboxes", lines[0]);
        assertTrue(lines[1].startsWith("al:    ") && lines[3].startsWith("bobby: "), lines[1] + "\n" + lines[3]);
        assertTrue(lines[2].startsWith(" ".repeat(7)) && lines[4].startsWith(" ".repeat(7)), "markers under blocks");
        assertEquals(5, lines.length);
    }
}
