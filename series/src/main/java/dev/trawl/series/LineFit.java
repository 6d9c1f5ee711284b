package dev.trawl.series;

import java.util.Objects;

/**
 * The result of {@code series_fit_line} (and the bag of {@code series_fit_line_dynamic}, which has the same keys):
 * the least-squares line y = slope * x + interception with x = 1..n (semantics §1.6).
 *
 * @param rsquare      1 - SS_res / SS_tot, in [0, 1]; 1 for a constant series, which a line fits exactly
 * @param slope        a in y = a x + b
 * @param variance     the sample variance of the input (divided by n - 1)
 * @param rvariance    the residual variance SS_res / (n - 1), the convention the documented example reproduces
 * @param interception b in y = a x + b, the line's value at x = 0 (the point before the first)
 * @param lineFit      the line's value at every point, x = 1..n
 */
public record LineFit(double rsquare, double slope, double variance, double rvariance, double interception,
        double[] lineFit) {
    /** Requires the fitted values. */
    public LineFit {
        Objects.requireNonNull(lineFit, "lineFit");
    }
}
