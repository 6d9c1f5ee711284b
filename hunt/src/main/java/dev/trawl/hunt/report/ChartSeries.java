package dev.trawl.hunt.report;

import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.TrendKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One series of a chart (one entity's {@code make-series} row): a label, its time axis, its values (NaN for a missing
 * point) and, for an anomaly chart, what {@code series_decompose_anomalies} said about it. The values are copied in
 * and out.
 */
public record ChartSeries(String label, List<Instant> times, double[] values, Optional<AnomalyOverlay> anomalies) {
    /** Requires as many times as values (and overlay points), the times in increasing order. */
    public ChartSeries {
        Objects.requireNonNull(label, "label");
        times = List.copyOf(times);
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(anomalies, "anomalies");
        if (times.size() != values.length) {
            throw new IllegalArgumentException(label + ": " + times.size() + " times for " + values.length + " values");
        }
        for (int i = 1; i < times.size(); i++) {
            if (!times.get(i).isAfter(times.get(i - 1))) {
                throw new IllegalArgumentException(label + ": time " + times.get(i) + " at " + i
                        + " does not follow " + times.get(i - 1));
            }
        }
        if (anomalies.isPresent() && anomalies.get().size() != values.length) {
            throw new IllegalArgumentException(label + ": " + anomalies.get().size() + " anomaly points for "
                    + values.length + " values");
        }
        values = values.clone();
    }

    /** A plain series, as {@code render timechart} draws it. */
    public static ChartSeries of(String label, List<Instant> times, double[] values) {
        return new ChartSeries(label, times, values, Optional.empty());
    }

    /** A series with the anomaly overlay computed by the query. */
    public static ChartSeries of(String label, List<Instant> times, double[] values, AnomalyOverlay anomalies) {
        return new ChartSeries(label, times, values, Optional.of(anomalies));
    }

    /**
     * A series with the overlay computed here by {@code series_decompose_anomalies(values, threshold, seasonality,
     * trend, testPoints, method)}, for callers that have the counts but not the query's decomposition.
     */
    public static ChartSeries decomposed(String label, List<Instant> times, double[] values, double threshold,
            int seasonality, TrendKind trend, int testPoints, OutlierKind method) {
        SeriesDecompose.Anomalies anomalies = SeriesDecompose.anomalies(values, threshold, seasonality, trend,
                testPoints, method, SeriesDecompose.DEFAULT_SEASONALITY_THRESHOLD);
        return of(label, times, values, AnomalyOverlay.of(anomalies, threshold, method, testPoints));
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The number of points. */
    public int size() {
        return values.length;
    }

    /** The number of points flagged up or down (0 without an overlay). */
    public int anomalyCount() {
        return anomalies.map(AnomalyOverlay::anomalyCount).orElse(0);
    }

    double valueAt(int index) {
        return values[index];
    }
}
