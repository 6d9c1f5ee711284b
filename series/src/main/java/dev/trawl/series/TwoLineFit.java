package dev.trawl.series;

import java.util.Objects;

/**
 * The result of {@code series_fit_2lines} (and {@code series_fit_2lines_dynamic}): the best two-segment
 * linear fit, with its components in the order of Kusto's result tuple.
 *
 * <p>The left segment is the points {@code [0, splitIdx)}, the right one {@code [splitIdx, n)}; each is fitted as
 * its own series by {@link SeriesFit#line(double[])}, as the docs describe ("fits a separate line (using
 * series_fit_line()) to each part"), so each segment's interception is relative to its own first point, x = 1.
 *
 * @param rsquare            1 - (SS_res of both segments) / SS_tot of the whole series
 * @param splitIdx           the index of the right segment's first point (zero-based); -1 when no split exists
 * @param variance           the sample variance of the whole input
 * @param rvariance          (SS_res of both segments) / (n - 1)
 * @param lineFit            both segments' fitted values, n elements
 * @param rightRsquare       {@link LineFit#rsquare()} of the right segment
 * @param rightSlope         its slope
 * @param rightInterception  its interception
 * @param rightVariance      the sample variance of the right segment's points
 * @param rightRvariance     its residual variance
 * @param leftRsquare        {@link LineFit#rsquare()} of the left segment
 * @param leftSlope          its slope
 * @param leftInterception   its interception
 * @param leftVariance       the sample variance of the left segment's points
 * @param leftRvariance      its residual variance
 */
public record TwoLineFit(double rsquare, long splitIdx, double variance, double rvariance, double[] lineFit,
        double rightRsquare, double rightSlope, double rightInterception, double rightVariance,
        double rightRvariance, double leftRsquare, double leftSlope, double leftInterception, double leftVariance,
        double leftRvariance) {
    /** Requires the fitted values. */
    public TwoLineFit {
        Objects.requireNonNull(lineFit, "lineFit");
    }
}
