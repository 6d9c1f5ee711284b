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
        if (kind == LogicalPlan.JoinKind.INNERUNIQUE || left.size() < right.size()) {
            Table table = new Table(leftKeys);
            for (int r = 0; r < right.size(); r++) {
                for (int l = table.first(rightKeys, r); l >= 0; l = table.next(l)) {
                    leftMatched[l] = true;
                    rightMatched[r] = true;
                    if (pairs) {
                        matches.add(l, r);
                    }
                    if (kind == LogicalPlan.JoinKind.INNERUNIQUE) {
                        break;
                    }
                }
            }
            matches.sortByLeft(left.size());
        } else {
            Table table = new Table(rightKeys);
            for (int l = 0; l < left.size(); l++) {
                for (int r = table.first(leftKeys, l); r >= 0; r = table.next(r)) {
                    leftMatched[l] = true;
                    rightMatched[r] = true;
                    if (pairs) {
                        matches.add(l, r);
                    }
                }
            }
        }
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
                left = Arrays.copyOf(left, size * 2);
                right = Arrays.copyOf(right, size * 2);
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
            for (int row = 0; row < rows; row++) {
                if (column.isNull(row)) {
                    nullKey[row] = true;
                } else {
                    out[row] = column instanceof LongColumn typed ? typed.values()[row] : ((Number) column.get(row)).longValue();
                }
            }
            return out;
        }

        private long[] realBits(Column column, int rows) {
            long[] out = new long[rows];
            for (int row = 0; row < rows; row++) {
                if (column.isNull(row)) {
                    nullKey[row] = true;
                } else {
                    double value = column instanceof DoubleColumn typed ? typed.values()[row]
                            : ((Number) column.get(row)).doubleValue();
                    out[row] = Double.doubleToLongBits(value);
                }
            }
            return out;
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

    /**
     * The built side's distinct keys in an open-addressing table, each slot holding a key's hash and its first row
     * in one long, so that a probe of a key the side does not hold usually costs one memory access; the rows of one
     * key are chained in ascending order. Rows with a null key are left out: they match nothing.
     */
    private static final class Table {
        /** Below this many rows the table itself stays in the processor's caches and needs no filter. */
        private static final int FILTERED_ROWS = 1 << 16;

        private final Keys keys;
        private final long[] slots;
        private final int[] next;
        private final int mask;
        private final long[] filter;
        private final int filterShift;

        Table(Keys keys) {
            this.keys = keys;
            int rows = keys.hashes.length;
            int size = Integer.highestOneBit(Math.max(2, rows) * 2 - 1) * 2;
            slots = new long[size];
            mask = size - 1;
            next = new int[rows];
            Arrays.fill(next, -1);
            // A big table is a cache miss per probe; most probes of a join are for keys the built side does not
            // have, and a Bloom filter (two bits per key in one word, 16 to 32 bits of filter per key), small
            // enough to stay in cache, turns nearly all of them away.
            if (rows >= FILTERED_ROWS) {
                filter = new long[size / 8];
                filterShift = 64 - Integer.numberOfTrailingZeros(filter.length);
                for (int row = 0; row < rows; row++) {
                    if (!keys.nullKey[row]) {
                        long mixed = keys.hashes[row] * 0x9E3779B97F4A7C15L;
                        filter[(int) (mixed >>> filterShift)] |= filterBits(mixed);
                    }
                }
            } else {
                filter = null;
                filterShift = 0;
            }
            // From the last row backwards, each row goes to the head of its key's chain: the chains come out
            // ascending.
            for (int row = rows - 1; row >= 0; row--) {
                if (keys.nullKey[row]) {
                    continue;
                }
                int hash = keys.hashes[row];
                int slot = home(hash);
                while (true) {
                    long entry = slots[slot];
                    if (entry == 0) {
                        slots[slot] = entry(hash, row);
                        break;
                    }
                    int first = (int) entry - 1;
                    if ((int) (entry >>> 32) == hash && keys.equal(first, keys, row)) {
                        next[row] = first;
                        slots[slot] = entry(hash, row);
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }

        private static long entry(int hash, int row) {
            return ((long) hash << 32) | (row + 1L);
        }

        private int home(int hash) {
            return (hash ^ (hash >>> 16)) & mask;
        }

        private static long filterBits(long mixed) {
            return (1L << (mixed >>> 20)) | (1L << (mixed >>> 26));
        }

        /** The first built row whose key equals the probe row's, or -1. */
        int first(Keys probe, int row) {
            if (probe.nullKey[row]) {
                return -1;
            }
            int hash = probe.hashes[row];
            if (filter != null) {
                long mixed = hash * 0x9E3779B97F4A7C15L;
                long bits = filterBits(mixed);
                if ((filter[(int) (mixed >>> filterShift)] & bits) != bits) {
                    return -1;
                }
            }
            for (int slot = home(hash); ; slot = (slot + 1) & mask) {
                long entry = slots[slot];
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
