package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_stats} and {@code series_stats_dynamic}: minimum, maximum, their first positions, mean, sample
 * standard deviation and variance, sum and count of a series (semantics §1.7).
 *
 * <p>Docs ({@code series-stats-function.md}): {@code ignore_nonfinite} (default false) decides whether null, NaN
 * and infinite elements are skipped; when it is false and such an element is present, every statistic is null.
 * Positions are zero-based and refer to the input array. Verified example:
 * {@code [23,46,23,87,4,8,3,75,2,56,13,75,32,16,29]} gives min 2 at 8, max 87 at 3, avg 32.8,
 * stdev 28.5036338535483, variance 812.457142857143, sum 492, len 15.
 */
public final class SeriesStats {
    private SeriesStats() {
    }

    /**
     * The statistics of one series; a null statistic is NaN, a null position -1.
     *
     * @param min      the smallest value
     * @param minIdx   the first position of the smallest value, -1 if none
     * @param max      the largest value
     * @param maxIdx   the first position of the largest value, -1 if none
     * @param avg      the mean
     * @param stdev    the sample standard deviation (divided by n - 1)
     * @param variance the sample variance
     * @param sum      the sum ({@code series_stats_dynamic} only)
     * @param len      the number of values the statistics cover ({@code series_stats_dynamic} only)
     */
    public record Stats(double min, long minIdx, double max, long maxIdx, double avg, double stdev, double variance,
            double sum, long len) {
    }

    /** {@code series_stats(x)} with {@code ignore_nonfinite = false}. */
    public static Stats stats(double[] x) {
        return stats(x, false);
    }

    /**
     * {@code series_stats(x, ignore_nonfinite)}. With {@code ignoreNonfinite} the non-finite elements are skipped
     * and {@code len} counts the others; without it any non-finite element makes every statistic null (and
     * {@code len} still reports the array length). An empty series, or one of a single value for
     * stdev/variance, gives null statistics.
     */
    public static Stats stats(double[] x, boolean ignoreNonfinite) {
        Objects.requireNonNull(x, "x");
        int count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long minIdx = -1;
        long maxIdx = -1;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (!Double.isFinite(v)) {
                if (ignoreNonfinite) {
                    continue;
                }
                double nan = Double.NaN;
                return new Stats(nan, -1, nan, -1, nan, nan, nan, nan, x.length);
            }
            count++;
            sum += v;
            if (v < min) {
                min = v;
                minIdx = i;
            }
            if (v > max) {
                max = v;
                maxIdx = i;
            }
        }
        if (count == 0) {
            double nan = Double.NaN;
            return new Stats(nan, -1, nan, -1, nan, nan, nan, 0, 0);
        }
        double avg = sum / count;
        double squares = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                double d = v - avg;
                squares += d * d;
            }
        }
        double variance = count > 1 ? squares / (count - 1) : Double.NaN;
        return new Stats(min, minIdx, max, maxIdx, avg, Math.sqrt(variance), variance, sum, count);
    }
}
