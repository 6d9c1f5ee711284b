package dev.trawl.series;

import java.util.Objects;

/**
 * The result of {@code series_periods_detect} and {@code series_periods_validate}: periods (in bins) and their
 * scores in [0, 1], two arrays of equal length.
 */
public record Periods(double[] periods, double[] scores) {
    /** Checks that both arrays are present and of the same length. */
    public Periods {
        Objects.requireNonNull(periods, "periods");
        Objects.requireNonNull(scores, "scores");
        if (periods.length != scores.length) {
            throw new IllegalArgumentException("periods and scores differ in length");
        }
    }
}
