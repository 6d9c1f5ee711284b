package dev.trawl.bench;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.Executor;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engine's scan-filter-aggregate speed: {@code where ActionType == "MailItemsAccessed" | summarize
 * count() by bin(Timestamp, 1h)} over in-memory rows, on one thread, against a baseline in the same run:
 * a hand-written loop over the same arrays that computes the same answer (what a fixed-purpose program
 * would do; the engine's overhead is the gap). Prints the median of the timed iterations. Registering the
 * table dictionary-encodes its ActionType column, as a store would when writing it; that happens once, before
 * the timing, and the loop reads the plain strings.
 *
 * <pre>bench/run engine [--rows N] [--iterations N]</pre>
 */
public final class EngineBench {
    private static final String[] ACTIONS = {"MailItemsAccessed", "FileAccessed", "UserLoggedIn", "Send", "Update",
        "MoveToDeletedItems", "FileDownloaded", "Add member to group.", "New-InboxRule", "Set-Mailbox", "SearchQueryPerformed"};
    private static final String QUERY = "Events | where ActionType == \"MailItemsAccessed\" "
            + "| summarize count() by bin(Timestamp, 1h)";

    private EngineBench() {
    }

    public static void main(String[] args) {
        int rows = 10_000_000;
        int iterations = 10;
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("engine bench: %,d rows in batches of %d; query: %s%n", rows, Executor.BATCH_SIZE, QUERY);
        List<Batch> batches = generate(rows, 42);
        Schema schema = Schema.of(new Schema.Field("Timestamp", ScalarType.DATETIME),
                new Schema.Field("ActionType", ScalarType.STRING));
        Engine engine = new Engine().register("Events", schema, batches);

        long expected = checksum(baseline(batches));
        double[] engineRates = new double[iterations];
        double[] baselineRates = new double[iterations];
        for (int warmup = 0; warmup < 3; warmup++) {
            engine.run(QUERY);
            baseline(batches);
        }
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            QueryResult result = engine.run(QUERY);
            long engineNanos = System.nanoTime() - start;
            start = System.nanoTime();
            Map<Long, Long> reference = baseline(batches);
            long baselineNanos = System.nanoTime() - start;
            long sum = 0;
            for (int r = 0; r < result.rowCount(); r++) {
                sum += (Long) result.value(r, 1) * 31 + (Long) result.value(r, 0) % 1_000_003;
            }
            if (sum != expected || checksum(reference) != expected) {
                throw new IllegalStateException("the engine and the baseline disagree: " + sum + " vs " + expected);
            }
            engineRates[i] = rows / (engineNanos / 1e9);
            baselineRates[i] = rows / (baselineNanos / 1e9);
            System.out.printf("  iteration %2d: engine %6.1f M rows/s, baseline loop %6.1f M rows/s%n", i + 1,
                    engineRates[i] / 1e6, baselineRates[i] / 1e6);
        }
        System.out.printf("engine: median %.1f M rows/s; baseline loop: median %.1f M rows/s (engine at %.0f%% of it)%n",
                median(engineRates) / 1e6, median(baselineRates) / 1e6, 100 * median(engineRates) / median(baselineRates));
    }

    /** Fourteen days of events, a little over half of them MailItemsAccessed. */
    static List<Batch> generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long start = (1_700_000_000L + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND;
        long span = 14 * LiteralValues.TICKS_PER_DAY;
        List<Batch> batches = new ArrayList<>();
        for (int offset = 0; offset < rows; offset += Executor.BATCH_SIZE) {
            int size = Math.min(Executor.BATCH_SIZE, rows - offset);
            long[] times = new long[size];
            Object[] actions = new Object[size];
            for (int i = 0; i < size; i++) {
                times[i] = start + random.nextLong(span);
                actions[i] = random.nextInt(100) < 55 ? ACTIONS[0] : ACTIONS[1 + random.nextInt(ACTIONS.length - 1)];
            }
            batches.add(Batch.dense(new Column[] {new LongColumn(ScalarType.DATETIME, times, null, size),
                new ObjectColumn(ScalarType.STRING, actions, size)}, size));
        }
        return batches;
    }

    /** The same answer by a loop written for this one query. */
    static Map<Long, Long> baseline(List<Batch> batches) {
        long hour = 3600 * LiteralValues.TICKS_PER_SECOND;
        long[] keys = new long[4096];
        long[] counts = new long[4096];
        boolean[] used = new boolean[4096];
        for (Batch batch : batches) {
            long[] times = ((LongColumn) batch.columns()[0]).values();
            Object[] actions = ((ObjectColumn) batch.columns()[1]).values();
            for (int i = 0; i < batch.size(); i++) {
                if ("MailItemsAccessed".equals(actions[i])) {
                    long key = Math.floorDiv(times[i], hour) * hour;
                    int slot = (int) ((key / hour) & 4095);
                    while (used[slot] && keys[slot] != key) {
                        slot = (slot + 1) & 4095;
                    }
                    used[slot] = true;
                    keys[slot] = key;
                    counts[slot]++;
                }
            }
        }
        Map<Long, Long> result = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                result.put(keys[i], counts[i]);
            }
        }
        return result;
    }

    private static long checksum(Map<Long, Long> counts) {
        long sum = 0;
        for (Map.Entry<Long, Long> entry : counts.entrySet()) {
            sum += entry.getValue() * 31 + entry.getKey() % 1_000_003;
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
