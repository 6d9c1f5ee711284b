package dev.trawl.hunt.report;

import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeriesDecompose;
import java.util.Objects;

/**
 * What {@code series_decompose_anomalies} said about one series: its baseline, flags (+1 up, -1 down, 0 none) and
 * scores, and the parameters that turn scores into flags ({@code Threshold}, {@code AD_method},
 * {@code Test_points}), which the chart needs to draw the band the flags were judged by. Arrays are copied in and
 * out, so an overlay cannot change once made.
 */
public record AnomalyOverlay(double[] baseline, double[] flags, double[] scores, double threshold, OutlierKind method,
        int testPoints) {
    /** Requires three arrays of one length, flags in {-1, 0, +1}, a threshold of at least 0, testPoints >= 0. */
    public AnomalyOverlay {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(method, "method");
        if (baseline.length != flags.length || baseline.length != scores.length) {
            throw new IllegalArgumentException("baseline, flags and scores differ in length: " + baseline.length
                    + ", " + flags.length + ", " + scores.length);
        }
        for (double flag : flags) {
            if (flag != 1 && flag != -1 && flag != 0) {
                throw new IllegalArgumentException("an anomaly flag is +1, -1 or 0, not " + flag);
            }
        }
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("threshold " + threshold + " is negative or not a number");
        }
        if (testPoints < 0) {
            throw new IllegalArgumentException("testPoints " + testPoints + " is negative");
        }
        baseline = baseline.clone();
        flags = flags.clone();
        scores = scores.clone();
    }

    /** An overlay with the function's defaults for the method (ctukey) and test points (none). */
    public static AnomalyOverlay of(double[] baseline, double[] flags, double[] scores, double threshold) {
        return new AnomalyOverlay(baseline, flags, scores, threshold, OutlierKind.CTUKEY, 0);
    }

    /** The overlay of {@link SeriesDecompose#anomalies}' result, with the parameters it was called with. */
    public static AnomalyOverlay of(SeriesDecompose.Anomalies anomalies, double threshold, OutlierKind method,
            int testPoints) {
        return new AnomalyOverlay(anomalies.baseline(), anomalies.adFlag(), anomalies.adScore(), threshold, method,
                testPoints);
    }

    @Override
    public double[] baseline() {
        return baseline.clone();
    }

    @Override
    public double[] flags() {
        return flags.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** The number of points flagged up or down. */
    public int anomalyCount() {
        int count = 0;
        for (double flag : flags) {
            count += flag != 0 ? 1 : 0;
        }
        return count;
    }

    int size() {
        return flags.length;
    }

    double baselineAt(int index) {
        return baseline[index];
    }

    double flagAt(int index) {
        return flags[index];
    }

    double scoreAt(int index) {
        return scores[index];
    }
}
