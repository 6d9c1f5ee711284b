package dev.trawl.bench;

import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.SeriesWorkspace;
import dev.trawl.series.TrendKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * The per-mailbox variant of the seed rule's time-series step: {@code series_decompose_anomalies(x, 1.5, -1,
 * 'linefit')} (seasonality detected) over many series of 14 days of hourly counts, in parallel over the series with
 * one {@link SeriesWorkspace} per thread. Reports the seconds one pass over all series takes (median of the timed
 * passes, after warm-up passes), and beside it the CPU seconds the workers used divided by the thread count, which
 * is what the pass takes when nothing else competes for the cores (the system load average is printed too: on a
 * busy machine the wall time measures the other processes). The series are generated once, before any timing, and
 * kept in memory (100,000 x 336 doubles is 269 MB).
 *
 * <p>Arguments: {@code [--series N] [--points P] [--threads T] [--warmup W] [--iterations I]}; defaults 100,000
 * series of 336 points, as many threads as cores, 3 warm-up and 7 timed passes.
 */
public final class SeriesBench {
    private SeriesBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        int seriesCount = 100_000;
        int points = 336;
        int threads = Runtime.getRuntime().availableProcessors();
        int warmup = 3;
        int iterations = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--series" -> seriesCount = Integer.parseInt(args[++i]);
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: SeriesBench [--series N] [--points P] [--threads T] [--warmup W]"
                            + " [--iterations I]");
                    System.exit(64);
                }
            }
        }
        double[][] series = generate(seriesCount, points);
        System.out.printf("series_decompose_anomalies(x, 1.5, -1, 'linefit'): %,d series of %d points, %d threads;"
                + " %s %s; load average %.2f%n", seriesCount, points, threads, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), loadAverage());
        SeriesWorkspace[] workspaces = new SeriesWorkspace[threads];
        for (int t = 0; t < threads; t++) {
            workspaces[t] = new SeriesWorkspace();
        }
        long checksum = 0;
        long[] cpuNanos = new long[threads];
        for (int pass = 0; pass < warmup; pass++) {
            long start = System.nanoTime();
            checksum += runPass(series, workspaces, cpuNanos);
            System.out.printf("  warm-up %d: %.3f s%n", pass + 1, (System.nanoTime() - start) / 1e9);
        }
        double[] seconds = new double[iterations];
        double[] cpuSeconds = new double[iterations];
        for (int pass = 0; pass < iterations; pass++) {
            long start = System.nanoTime();
            checksum += runPass(series, workspaces, cpuNanos);
            seconds[pass] = (System.nanoTime() - start) / 1e9;
            long cpu = 0;
            for (long nanos : cpuNanos) {
                cpu += nanos;
            }
            cpuSeconds[pass] = cpu / 1e9 / threads;
            System.out.printf("  pass %2d: %.3f s (CPU %.3f s per thread)%n", pass + 1, seconds[pass],
                    cpuSeconds[pass]);
        }
        double median = median(seconds);
        double cpuMedian = median(cpuSeconds);
        System.out.printf("decompose_anomalies: median %.3f s per pass (min %.3f, max %.3f) over %d passes, %,.0f"
                + " series/s; CPU per thread: median %.3f s per pass, %.1f us per series; load average %.2f;"
                + " checksum %d%n", median, min(seconds), max(seconds), iterations, seriesCount / median, cpuMedian,
                cpuMedian * 1e6 * threads / seriesCount, loadAverage(), checksum);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * One pass: thread t decomposes a contiguous share of the series and records its CPU time in cpuNanos[t];
     * returns the number of flags raised.
     */
    private static long runPass(double[][] series, SeriesWorkspace[] workspaces, long[] cpuNanos)
            throws InterruptedException {
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        int threads = workspaces.length;
        long[] flags = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int worker = t;
            int from = (int) ((long) series.length * t / threads);
            int to = (int) ((long) series.length * (t + 1) / threads);
            workers[t] = new Thread(() -> {
                long cpuStart = threadBean.getCurrentThreadCpuTime();
                SeriesWorkspace workspace = workspaces[worker];
                long raised = 0;
                for (int s = from; s < to; s++) {
                    SeriesDecompose.Anomalies anomalies = SeriesDecompose.anomalies(series[s], 1.5, -1,
                            TrendKind.LINEFIT, 0, OutlierKind.CTUKEY, 0.6, workspace);
                    double[] flag = anomalies.adFlag();
                    for (double f : flag) {
                        raised += f != 0 ? 1 : 0;
                    }
                }
                flags[worker] = raised;
                cpuNanos[worker] = threadBean.getCurrentThreadCpuTime() - cpuStart;
            }, "series-bench-" + t);
            workers[t].start();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            total += flags[t];
        }
        return total;
    }

    /**
     * Mailbox-like hourly counts: most series have an office-hours daily cycle at their own volume, half of them a
     * weekend dip, a fifth no cycle at all; Poisson-like jitter; one series in twenty has a burst.
     */
    static double[][] generate(int count, int points) {
        Random random = new Random(6);
        double[][] series = new double[count][points];
        for (int s = 0; s < count; s++) {
            double volume = 1 + random.nextDouble() * 200;
            boolean cyclic = random.nextInt(5) != 0;
            boolean weekends = random.nextBoolean();
            double[] x = series[s];
            for (int i = 0; i < points; i++) {
                int hour = i % 24;
                int day = i / 24;
                double shape = !cyclic ? 0.5 : hour < 7 ? 0.1 : hour < 18 ? 1.0 : hour < 22 ? 0.5 : 0.2;
                if (weekends && (day % 7 == 5 || day % 7 == 6)) {
                    shape *= 0.3;
                }
                double mean = volume * shape;
                x[i] = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
            }
            if (random.nextInt(20) == 0) {
                x[random.nextInt(points)] += volume * 5;
            }
        }
        return series;
    }
}
