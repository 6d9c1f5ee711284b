package dev.trawl.engine.exec;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.Columns;
import dev.trawl.engine.vector.DoubleColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Hash joins with Kusto's nine kinds. Null keys never match (semantics ambiguity 9); innerunique keeps the first
 * left row of each key, in input order (ambiguity 10). The smaller side is built into a hash table of row numbers
 * and the other probes it; keys of numeric and time types are compared as primitive longs. Whichever side is
 * built, the output is in the same order: left rows in input order, each with its matches in right input order,
 * then the right rows an outer join adds.
 */
final class Joins {
    private Joins() {
    }

    static List<Batch> join(LogicalPlan.Join join, Iterable<Batch> leftBatches, Iterable<Batch> rightBatches) {
        Schema leftSchema = join.left().schema();
        Schema rightSchema = join.right().schema();
        Batch left = Executor.concat(leftSchema, leftBatches);
        Batch right = Executor.concat(rightSchema, rightBatches);
        Mode[] modes = modes(leftSchema, join.leftKeys(), rightSchema, join.rightKeys());
        Keys leftKeys = new Keys(left, join.leftKeys(), modes);
        Keys rightKeys = new Keys(right, join.rightKeys(), modes);
        LogicalPlan.JoinKind kind = join.kind();
        boolean[] leftMatched = new boolean[left.size()];
        boolean[] rightMatched = new boolean[right.size()];
        boolean pairs = switch (kind) {
            case INNERUNIQUE, INNER, LEFTOUTER, RIGHTOUTER, FULLOUTER -> true;
            case LEFTSEMI, LEFTANTI, RIGHTSEMI, RIGHTANTI -> false;
        };
        Pairs matches = new Pairs();
        // innerunique matches each right row with the first left row of its key, found in a table of the left.
        boolean buildLeft = kind == LogicalPlan.JoinKind.INNERUNIQUE || left.size() < right.size();
        Keys built = buildLeft ? leftKeys : rightKeys;
        Keys probe = buildLeft ? rightKeys : leftKeys;
        int bits = Table.partitionBits(built.rows());
        // Each side's rows with a key, as (hash, row) in partition order, so that building and probing one partition
        // read consecutive memory; the keys themselves are read only where the hashes agree.
        Table table = new Table(built, built.partitioned(bits), bits);
        long[] probes = probe.partitioned(bits);
        boolean firstOnly = kind == LogicalPlan.JoinKind.INNERUNIQUE;
        // A batch of probes at a time, so that the JIT compiles the probing loop as a method called many times
        // rather than once, mid-loop, from a profile that may not yet have seen a match.
        for (int from = 0; from < probes.length; from += Executor.BATCH_SIZE) {
            probe(table, probe, probes, from, Math.min(probes.length, from + Executor.BATCH_SIZE), buildLeft, firstOnly,
                    pairs ? matches : null, buildLeft ? leftMatched : rightMatched, buildLeft ? rightMatched : leftMatched);
        }
        // The probe order groups rows by partition; all rows of one key are in one partition, in input order, so
        // a stable sort by left row gives left order with each left row's matches in right order.
        matches.sortByLeft(left.size());
        Pairs output = switch (kind) {
            case INNERUNIQUE, INNER -> matches;
            case LEFTOUTER, RIGHTOUTER, FULLOUTER -> {
                Pairs all = kind == LogicalPlan.JoinKind.RIGHTOUTER ? matches
                        : withUnmatchedLeft(matches, leftMatched);
                if (kind != LogicalPlan.JoinKind.LEFTOUTER) {
                    for (int r = 0; r < right.size(); r++) {
                        if (!rightMatched[r]) {
                            all.add(-1, r);
                        }
                    }
                }
                yield all;
            }
            case LEFTSEMI, LEFTANTI -> {
                Pairs rows = new Pairs();
                for (int l = 0; l < left.size(); l++) {
                    if (leftMatched[l] == (kind == LogicalPlan.JoinKind.LEFTSEMI)) {
                        rows.add(l, -1);
                    }
                }
                yield rows;
            }
            case RIGHTSEMI, RIGHTANTI -> {
                Pairs rows = new Pairs();
                for (int r = 0; r < right.size(); r++) {
                    if (rightMatched[r] == (kind == LogicalPlan.JoinKind.RIGHTSEMI)) {
                        rows.add(-1, r);
                    }
                }
                yield rows;
            }
        };
        boolean leftColumns = kind != LogicalPlan.JoinKind.RIGHTSEMI && kind != LogicalPlan.JoinKind.RIGHTANTI;
        boolean rightColumns = kind != LogicalPlan.JoinKind.LEFTSEMI && kind != LogicalPlan.JoinKind.LEFTANTI;
        return batches(join.schema(), leftColumns ? left : null, rightColumns ? right : null, output);
    }

    /** Probes the table with the probe side's entries {@code from..to}, recording matches and matched rows. */
    private static void probe(Table table, Keys probe, long[] probes, int from, int to, boolean buildLeft,
                              boolean firstOnly, Pairs matches, boolean[] builtMatched, boolean[] probeMatched) {
        for (int k = from; k < to; k++) {
            int hash = (int) (probes[k] >>> 32);
            int row = (int) probes[k];
            for (int built = table.first(hash, probe, row); built >= 0; built = table.next(built)) {
                builtMatched[built] = true;
                probeMatched[row] = true;
                if (matches != null) {
                    matches.add(buildLeft ? built : row, buildLeft ? row : built);
                }
                if (firstOnly) {
                    break;
                }
            }
        }
    }

    /** The matches of each left row in left order, with a row of its own (no right side) for a left row without. */
    private static Pairs withUnmatchedLeft(Pairs matches, boolean[] leftMatched) {
        Pairs out = new Pairs();
        int next = 0;
        for (int l = 0; l < leftMatched.length; l++) {
            if (!leftMatched[l]) {
                out.add(l, -1);
                continue;
            }
            while (next < matches.size && matches.left[next] == l) {
                out.add(l, matches.right[next++]);
            }
        }
        return out;
    }

    /** The output rows picked from the sides (null when a side has no columns in the output), a batch at a time. */
    private static List<Batch> batches(Schema schema, Batch left, Batch right, Pairs output) {
        List<Batch> out = new ArrayList<>();
        int leftWidth = left == null ? 0 : left.columns().length;
        for (int from = 0; from < output.size; from += Executor.BATCH_SIZE) {
            int count = Math.min(Executor.BATCH_SIZE, output.size - from);
            Column[] columns = new Column[schema.size()];
            for (int c = 0; c < columns.length; c++) {
                boolean fromLeft = c < leftWidth;
                Column source = fromLeft ? left.columns()[c] : right.columns()[c - leftWidth];
                columns[c] = Columns.gatherOrNull(source, schema.field(c).type(), fromLeft ? output.left : output.right,
                        from, count);
            }
            out.add(Batch.dense(columns, count));
        }
        return out;
    }

    /** Row pairs (a left and a right row number, -1 for none), in the order they were added. */
    private static final class Pairs {
        int[] left = new int[64];
        int[] right = new int[64];
        int size;

        void add(int l, int r) {
            if (size == left.length) {
                // Sorting can leave exactly-sized arrays, empty ones too: grow from at least 64.
                left = Arrays.copyOf(left, Math.max(64, size * 2));
                right = Arrays.copyOf(right, Math.max(64, size * 2));
            }
            left[size] = l;
            right[size] = r;
            size++;
        }

        /**
         * Reorders the pairs by left row, keeping the order of the pairs of one left row (a counting sort, so pairs
         * found by probing with the right rows in order come out as if found by probing with the left rows).
         */
        void sortByLeft(int leftRows) {
            int[] start = new int[leftRows + 1];
            for (int i = 0; i < size; i++) {
                start[left[i] + 1]++;
            }
            for (int l = 0; l < leftRows; l++) {
                start[l + 1] += start[l];
            }
            int[] sortedLeft = new int[size];
            int[] sortedRight = new int[size];
            for (int i = 0; i < size; i++) {
                int at = start[left[i]]++;
                sortedLeft[at] = left[i];
                sortedRight[at] = right[i];
            }
            left = sortedLeft;
            right = sortedRight;
        }
    }

    /**
     * How one key column pair is compared. Integers of any width and times as their longs; reals by their bits
     * (as Double.equals does); anything else, or two different kinds, as values, with ints widened to longs.
     */
    private enum Mode { LONG, REAL, VALUE }

    private static Mode[] modes(Schema leftSchema, List<Integer> leftKeys, Schema rightSchema, List<Integer> rightKeys) {
        Mode[] modes = new Mode[leftKeys.size()];
        for (int i = 0; i < modes.length; i++) {
            Mode l = mode(leftSchema.field(leftKeys.get(i)).type());
            Mode r = mode(rightSchema.field(rightKeys.get(i)).type());
            modes[i] = l == r ? l : Mode.VALUE;
        }
        return modes;
    }

    private static Mode mode(ScalarType type) {
        return switch (type) {
            case INT, LONG, DATETIME, TIMESPAN -> Mode.LONG;
            case REAL -> Mode.REAL;
            default -> Mode.VALUE;
        };
    }

    /** One side's key columns, read once: primitive longs where the mode allows, values otherwise. */
    private static final class Keys {
        private final long[][] longs;
        private final Object[][] values;
        private final boolean[] nullKey;
        private final int[] hashes;

        int rows() {
            return hashes.length;
        }

        /**
         * The rows with a key, each as its hash and row number in one long, sorted by the partition the top
         * {@code bits} of the hash pick, stably: one pass that reads the hashes in order and appends each row to its
         * partition's run (a scatter to at most a few hundred places, which the caches absorb).
         */
        long[] partitioned(int bits) {
            int[] at = new int[1 << bits];
            int count = 0;
            for (int row = 0; row < hashes.length; row++) {
                if (!nullKey[row]) {
                    at[partition(hashes[row], bits)]++;
                    count++;
                }
            }
            for (int p = 0, start = 0; p < at.length; p++) {
                int size = at[p];
                at[p] = start;
                start += size;
            }
            long[] out = new long[count];
            for (int row = 0; row < hashes.length; row++) {
                if (!nullKey[row]) {
                    int hash = hashes[row];
                    out[at[partition(hash, bits)]++] = ((long) hash << 32) | row;
                }
            }
            return out;
        }

        Keys(Batch side, List<Integer> columns, Mode[] modes) {
            int rows = side.size();
            longs = new long[modes.length][];
            values = new Object[modes.length][];
            nullKey = new boolean[rows];
            for (int i = 0; i < modes.length; i++) {
                Column column = side.columns()[columns.get(i)];
                switch (modes[i]) {
                    case LONG -> longs[i] = longs(column, rows);
                    case REAL -> longs[i] = realBits(column, rows);
                    case VALUE -> values[i] = values(column, rows);
                }
            }
            hashes = new int[rows];
            for (int row = 0; row < rows; row++) {
                long h = 0;
                for (int i = 0; i < modes.length; i++) {
                    long part = longs[i] != null ? longs[i][row] : Objects.hashCode(values[i][row]);
                    h = (h + part) * 0x9E3779B97F4A7C15L;
                }
                hashes[row] = (int) (h ^ (h >>> 32));
            }
        }

        private long[] longs(Column column, int rows) {
            long[] out = new long[rows];
            if (column instanceof LongColumn typed) {
                System.arraycopy(typed.values(), 0, out, 0, rows);
                markNulls(typed.nulls(), rows);
                return out;
            }
            for (int row = 0; row < rows; row++) {
                Object value = column.get(row);
                if (value == null) {
                    nullKey[row] = true;
                } else {
                    out[row] = ((Number) value).longValue();
                }
            }
            return out;
        }

        private long[] realBits(Column column, int rows) {
            long[] out = new long[rows];
            if (column instanceof DoubleColumn typed) {
                double[] values = typed.values();
                for (int row = 0; row < rows; row++) {
                    out[row] = Double.doubleToLongBits(values[row]);
                }
                markNulls(typed.nulls(), rows);
                return out;
            }
            for (int row = 0; row < rows; row++) {
                Object value = column.get(row);
                if (value == null) {
                    nullKey[row] = true;
                } else {
                    out[row] = Double.doubleToLongBits(((Number) value).doubleValue());
                }
            }
            return out;
        }

        private void markNulls(boolean[] nulls, int rows) {
            if (nulls != null) {
                for (int row = 0; row < rows; row++) {
                    nullKey[row] |= nulls[row];
                }
            }
        }

        private Object[] values(Column column, int rows) {
            Object[] out = new Object[rows];
            for (int row = 0; row < rows; row++) {
                Object value = column.get(row);
                if (value == null) {
                    nullKey[row] = true;
                }
                out[row] = value instanceof Integer integer ? (Object) integer.longValue() : value;
            }
            return out;
        }

        boolean equal(int row, Keys other, int otherRow) {
            for (int i = 0; i < longs.length; i++) {
                if (longs[i] != null ? longs[i][row] != other.longs[i][otherRow]
                        : !values[i][row].equals(other.values[i][otherRow])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The partition of a hash: its top {@code bits}. */
    private static int partition(int hash, int bits) {
        return bits == 0 ? 0 : hash >>> (32 - bits);
    }

    /**
     * The built side's distinct keys in open-addressing tables, each slot holding a key's hash and its first row in
     * one long; the rows of one key are chained in ascending order. Rows with a null key are left out: they match
     * nothing. A big side is split by the top bits of the hash into partitions, each with its own table small enough
     * to stay in the processor's cache while it is built and probed; building and probing go partition by partition
     * ({@link Keys#partitioned}), so a probe costs a cache hit instead of a miss.
     */
    private static final class Table {
        /**
         * At most about this many built rows per partition: a table of twice as many longs (256 KiB) stays in a
         * core's cache, and a side of millions of rows is split into no more than a few hundred partitions, few
         * enough for the scatter that sorts the rows by partition.
         */
        private static final int PARTITION_ROWS = 16_384;

        private final Keys keys;
        private final int bits;
        private final int[] offsets;
        private final int[] masks;
        private final long[] slots;
        private final int[] next;

        /** The table of {@code keys}, whose rows with a key {@code entries} gives in partition order for bits. */
        Table(Keys keys, long[] entries, int bits) {
            this.keys = keys;
            this.bits = bits;
            int partitions = 1 << bits;
            int[] sizes = new int[partitions];
            for (long entry : entries) {
                sizes[partition((int) (entry >>> 32), bits)]++;
            }
            offsets = new int[partitions];
            masks = new int[partitions];
            int total = 0;
            for (int p = 0; p < partitions; p++) {
                int size = Integer.highestOneBit(Math.max(2, sizes[p]) * 2 - 1) * 2;
                offsets[p] = total;
                masks[p] = size - 1;
                total += size;
            }
            slots = new long[total];
            next = new int[keys.rows()];
            Arrays.fill(next, -1);
            // From the last row backwards each row goes to the head of its key's chain, so the chains come out
            // ascending: within a partition the rows are in input order.
            for (int k = entries.length - 1; k >= 0; k--) {
                insert((int) (entries[k] >>> 32), (int) entries[k]);
            }
        }

        /** How many top bits of the hash pick a partition for a built side of {@code rows}. */
        static int partitionBits(int rows) {
            return rows <= PARTITION_ROWS ? 0 : 32 - Integer.numberOfLeadingZeros((rows - 1) / PARTITION_ROWS);
        }

        private void insert(int hash, int row) {
            int partition = partition(hash, bits);
            int mask = masks[partition];
            int offset = offsets[partition];
            for (int slot = home(hash, mask); ; slot = (slot + 1) & mask) {
                long entry = slots[offset + slot];
                if (entry == 0) {
                    slots[offset + slot] = entry(hash, row);
                    return;
                }
                int first = (int) entry - 1;
                if ((int) (entry >>> 32) == hash && keys.equal(first, keys, row)) {
                    next[row] = first;
                    slots[offset + slot] = entry(hash, row);
                    return;
                }
            }
        }

        private static long entry(int hash, int row) {
            return ((long) hash << 32) | (row + 1L);
        }

        private static int home(int hash, int mask) {
            return (hash ^ (hash >>> 16)) & mask;
        }

        /** The first built row whose key equals the probe row's (whose hash is {@code hash}), or -1. */
        int first(int hash, Keys probe, int row) {
            int partition = partition(hash, bits);
            int mask = masks[partition];
            int offset = offsets[partition];
            for (int slot = home(hash, mask); ; slot = (slot + 1) & mask) {
                long entry = slots[offset + slot];
                if (entry == 0) {
                    return -1;
                }
                int first = (int) entry - 1;
                if ((int) (entry >>> 32) == hash && keys.equal(first, probe, row)) {
                    return first;
                }
            }
        }

        /** The built row after {@code built} with the same key, or -1. */
        int next(int built) {
            return next[built];
        }
    }
}
