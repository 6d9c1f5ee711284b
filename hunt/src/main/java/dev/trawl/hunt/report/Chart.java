package dev.trawl.hunt.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chart to draw: a title, the visualisation it follows, the series it holds (several entities may share one chart)
 * and the name of what the values count.
 */
public record Chart(String title, ChartKind kind, List<ChartSeries> series, String valueLabel) {
    /** Requires at least one series. */
    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        series = List.copyOf(series);
        Objects.requireNonNull(valueLabel, "valueLabel");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
    }

    /** One chart per series, each titled "title: label", for when entities differ too much to share an axis. */
    public static List<Chart> onePerSeries(String title, ChartKind kind, List<ChartSeries> series, String valueLabel) {
        List<Chart> charts = new ArrayList<>(series.size());
        for (ChartSeries one : series) {
            charts.add(new Chart(title + ": " + one.label(), kind, List.of(one), valueLabel));
        }
        return List.copyOf(charts);
    }

    /** The number of anomaly markers the chart shows (none for a timechart). */
    public int anomalyCount() {
        if (kind == ChartKind.TIMECHART) {
            return 0;
        }
        int count = 0;
        for (ChartSeries one : series) {
            count += one.anomalyCount();
        }
        return count;
    }
}
