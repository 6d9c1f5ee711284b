package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_periods_detect} and {@code series_periods_validate}: which periods a series has, and how strongly
 * (semantics §1.5). The algorithm and its calibration are described in {@link PeriodDetector}.
 *
 * <p>Docs ({@code series-periods-detect-function.md}): periods are in bins, "ordered by their scores", scores
 * "between 0 and 1", arrays of length {@code num_periods} padded with 0 ("no additional pattern was found"); "The
 * algorithm can detect periods containing at least 4 points and at most half of the series length"; the series
 * must be regular. Documented example: the 60-point traffic series gives {@code [14, 0]}, {@code [0.84, 0]}; this
 * implementation gives 14 with 0.8412.
 */
public final class SeriesPeriods {
    private SeriesPeriods() {
    }

    /**
     * {@code series_periods_detect(series, min_period, max_period, num_periods)}.
     *
     * @throws SeriesArgumentException if {@code numPeriods} is negative
     */
    public static Periods detect(double[] x, double minPeriod, double maxPeriod, int numPeriods) {
        return detect(x, minPeriod, maxPeriod, numPeriods, new SeriesWorkspace());
    }

    /** {@link #detect(double[], double, double, int)} with the caller's scratch space. */
    public static Periods detect(double[] x, double minPeriod, double maxPeriod, int numPeriods,
            SeriesWorkspace workspace) {
        Objects.requireNonNull(x, "x");
        if (numPeriods < 0) {
            throw new SeriesArgumentException("num_periods", numPeriods + " is negative");
        }
        PeriodDetector detector = workspace.periodDetector();
        detector.prepare(x, x.length);
        int[] lags = new int[numPeriods];
        double[] scores = new double[numPeriods];
        int found = detector.detect(minPeriod, maxPeriod, numPeriods, lags, scores);
        double[] periods = new double[numPeriods];
        for (int i = 0; i < found; i++) {
            periods[i] = lags[i];
        }
        return new Periods(periods, scores);
    }

    /**
     * {@code series_periods_validate(series, period1, ...)}: the score of each given period, scored as
     * {@link #detect} scores its candidates. A period outside [4, n/2] scores 0 (docs); a fractional period is
     * scored at the nearest integer lag. The periods are returned unchanged.
     *
     * @throws SeriesArgumentException if more than 16 periods are given (the documented limit) or none
     */
    public static Periods validate(double[] x, double... periods) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(periods, "periods");
        if (periods.length == 0 || periods.length > 16) {
            throw new SeriesArgumentException("period", "between 1 and 16 periods are allowed, got "
                    + periods.length);
        }
        PeriodDetector detector = new SeriesWorkspace().periodDetector();
        detector.prepare(x, x.length);
        double[] scores = new double[periods.length];
        for (int i = 0; i < periods.length; i++) {
            double p = periods[i];
            if (p >= PeriodDetector.MIN_PERIOD && p <= x.length / 2.0) {
                scores[i] = detector.score((int) Math.round(p));
            }
        }
        return new Periods(periods.clone(), scores);
    }
}
