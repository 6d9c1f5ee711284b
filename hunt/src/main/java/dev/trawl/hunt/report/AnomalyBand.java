package dev.trawl.hunt.report;

import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.SeriesOutliers;
import java.util.Objects;
import java.util.Optional;

/**
 * The values a series' anomaly threshold leaves unflagged, point by point: {@code baseline + [lower fence, upper
 * fence]}.
 *
 * <p>Why this is the band: {@code series_decompose_anomalies} flags point i when the {@code series_outliers} score of
 * its residual {@code r = value - baseline} is beyond +-threshold. That score is 0 between the residuals' percentiles
 * P_lo and P_hi (10th/90th for ctukey, quartiles for tukey, taken over the training points) and grows linearly
 * outside them, (r - P_hi) * NF / IQR above and (r - P_lo) * NF / IQR below, so the unflagged residuals are one
 * interval, Tukey's fences {@code [P_lo - k IQR / NF, P_hi + k IQR / NF]} at k = threshold. The fences depend only on
 * the residuals, not on the point, so the band is the baseline shifted by them. They are taken from the series
 * module ({@link SeriesDecompose#anomalyFences}), which computes the residual and the score exactly as the flags were
 * computed: a residual outside the fences is exactly a flagged one. In value space the band is exact up to the
 * rounding of one addition.
 *
 * @param fences the residual fences; infinite where no value would be flagged
 * @param lower  baseline + the lower fence, per point
 * @param upper  baseline + the upper fence, per point
 */
public record AnomalyBand(SeriesOutliers.Fences fences, double[] lower, double[] upper) {
    /** Requires bounds of one length. */
    public AnomalyBand {
        Objects.requireNonNull(fences, "fences");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("band bounds differ in length: " + lower.length + ", " + upper.length);
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /** The band of a series with an overlay; empty for a plain series. */
    public static Optional<AnomalyBand> of(ChartSeries series) {
        Objects.requireNonNull(series, "series");
        if (series.anomalies().isEmpty()) {
            return Optional.empty();
        }
        AnomalyOverlay overlay = series.anomalies().get();
        double[] values = series.values();
        double[] baseline = overlay.baseline();
        SeriesOutliers.Fences fences = SeriesDecompose.anomalyFences(values, baseline, overlay.threshold(),
                overlay.testPoints(), overlay.method());
        double[] lower = new double[values.length];
        double[] upper = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            lower[i] = baseline[i] + fences.lower();
            upper[i] = baseline[i] + fences.upper();
        }
        return Optional.of(new AnomalyBand(fences, lower, upper));
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    double lowerAt(int index) {
        return lower[index];
    }

    double upperAt(int index) {
        return upper[index];
    }
}
