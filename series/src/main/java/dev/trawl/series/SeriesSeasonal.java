package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_seasonal}: the seasonal component of a series, the median of the points in the same phase
 * (index modulo the period), repeated over the whole series (semantics §1.3).
 *
 * <p>Docs ({@code series-seasonal-function.md}): {@code period} -1 (default) detects the period with
 * {@code series_periods_detect} and a score threshold of 0.7, and gives zeros when none is detected; a positive
 * period is used as given; any other value gives zeros. The component is not centred: it holds the phase levels
 * themselves. Verified examples: {@code [1,3,5,2,4,6,1,3,5,2,4,6]} with period 3 gives
 * {@code [1.5,3.5,5.5,...]}; autodetected, the documented 25- and 20-point series give periods 6 and 5, and
 * {@code [1,3,5,2,4,6]} twice gives zeros. NaN points are left out of the medians; a phase with no value gets 0.
 */
public final class SeriesSeasonal {
    /** The score a detected period needs for {@code series_seasonal} (docs). */
    public static final double AUTODETECT_THRESHOLD = 0.7;

    private SeriesSeasonal() {
    }

    /** {@code series_seasonal(series)}: the period is detected. */
    public static double[] seasonal(double[] x) {
        return seasonal(x, -1);
    }

    /** {@code series_seasonal(series, period)}. */
    public static double[] seasonal(double[] x, int period) {
        Objects.requireNonNull(x, "x");
        int n = x.length;
        double[] out = new double[n];
        SeriesWorkspace workspace = new SeriesWorkspace();
        int used = period;
        if (period == -1) {
            PeriodDetector detector = workspace.periodDetector();
            detector.prepare(x, n);
            int found = detector.detectBest(PeriodDetector.MIN_PERIOD, n / 2.0);
            used = found > 0 && detector.bestScore() >= AUTODETECT_THRESHOLD ? found : 0;
        }
        if (used > 0) {
            phaseMedians(x, n, n, used, workspace, out);
        }
        return out;
    }

    /**
     * Writes to out[0, n) the median of x's first {@code training} points in the same phase (i mod period) as each
     * index; NaN points are skipped and a phase with no point gets 0. {@code out} must not be {@code x}.
     */
    static void phaseMedians(double[] x, int n, int training, int period, SeriesWorkspace workspace,
            double[] out) {
        int phases = Math.min(period, n);
        int rows = (training + period - 1) / period;
        if (rows <= 1) {
            // At most one point per phase (the period is as long as the training part): it is its own median.
            for (int phase = 0; phase < phases; phase++) {
                double v = phase < training ? x[phase] : Double.NaN;
                out[phase] = Double.isNaN(v) ? 0 : v;
            }
        } else if (rows <= SortingNetwork.MAX_SIZE) {
            networkMedians(x, training, period, rows, workspace, out);
        } else {
            double[] values = workspace.phaseValues(rows + 1);
            for (int phase = 0; phase < phases; phase++) {
                int count = 0;
                for (int i = phase; i < training; i += period) {
                    double v = x[i];
                    if (!Double.isNaN(v)) {
                        values[count++] = v;
                    }
                }
                out[phase] = count == 0 ? 0 : Percentiles.median(values, count);
            }
        }
        for (int i = phases; i < n; i++) {
            out[i] = out[i - period];
        }
    }

    /**
     * The same medians for at most {@link SortingNetwork#MAX_SIZE} points per phase: the training points, laid out
     * as they are (row r = period r, column = phase) with +infinity for the missing, are sorted down every column
     * at once; each phase's median is then read from its column at its own count.
     */
    private static void networkMedians(double[] x, int training, int period, int rows, SeriesWorkspace workspace,
            double[] out) {
        double[] matrix = workspace.phaseValues(rows * period);
        int[] counts = workspace.phaseCounts(period);
        java.util.Arrays.fill(counts, 0, period, 0);
        for (int i = 0; i < training; i++) {
            double v = x[i];
            boolean valid = !Double.isNaN(v);
            matrix[i] = valid ? v : Double.POSITIVE_INFINITY;
            counts[i % period] += valid ? 1 : 0;
        }
        java.util.Arrays.fill(matrix, training, rows * period, Double.POSITIVE_INFINITY);
        SortingNetwork.sortColumns(matrix, rows, period);
        int phases = Math.min(period, out.length);
        for (int phase = 0; phase < phases; phase++) {
            int count = counts[phase];
            if (count == 0) {
                out[phase] = 0;
            } else {
                double low = matrix[((count - 1) >>> 1) * period + phase];
                double high = matrix[(count >>> 1) * period + phase];
                out[phase] = (low + high) / 2;
            }
        }
    }
}
