package dev.trawl.hunt.report;

import java.time.Instant;

/**
 * Maps times and values to the plot area's pixels: time grows rightwards, values upwards. Kept apart from the
 * renderer so the tests can check a marker's position against the same mapping.
 */
record PlotScale(double left, double top, double width, double height, double startSeconds, double endSeconds,
        double lowValue, double highValue) {

    double x(Instant time) {
        if (endSeconds == startSeconds) {
            return left + width / 2;
        }
        return left + (seconds(time) - startSeconds) / (endSeconds - startSeconds) * width;
    }

    /** The y of a value; infinite values land on the plot's edges, where a clipped band ends. */
    double y(double value) {
        double clamped = Math.max(lowValue, Math.min(highValue, value));
        return top + height - (clamped - lowValue) / (highValue - lowValue) * height;
    }

    double bottom() {
        return top + height;
    }

    double right() {
        return left + width;
    }

    static double seconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }
}
