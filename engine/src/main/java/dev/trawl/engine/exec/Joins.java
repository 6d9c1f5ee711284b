package dev.trawl.engine.exec;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hash joins with Kusto's nine kinds. The right side is built into a hash table; the left side probes it
 * in order. Null keys never match (semantics ambiguity 9); innerunique keeps the first left row of each
 * key, in input order (ambiguity 10).
 */
final class Joins {
    private Joins() {
    }

    record Key(Object[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** The key of a row, or null when any part is null. Integers of any width compare equal. */
    private static Key key(Batch batch, int row, List<Integer> columns) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = batch.columns()[columns.get(i)].get(row);
            if (value == null) {
                return null;
            }
            values[i] = value instanceof Integer integer ? (Object) integer.longValue() : value;
        }
        return new Key(values);
    }

    private record RowRef(Batch batch, int row) {
    }

    static List<Batch> join(LogicalPlan.Join join, List<Batch> leftBatches, List<Batch> rightBatches) {
        Map<Key, List<RowRef>> right = new HashMap<>();
        List<RowRef> rightRows = new ArrayList<>();
        for (Batch batch : rightBatches) {
            for (int k = 0; k < batch.size(); k++) {
                RowRef ref = new RowRef(batch, batch.row(k));
                rightRows.add(ref);
                Key key = key(batch, ref.row(), join.rightKeys());
                if (key != null) {
                    right.computeIfAbsent(key, ignored -> new ArrayList<>()).add(ref);
                }
            }
        }
        Schema schema = join.schema();
        int leftWidth = join.left().schema().size();
        int rightWidth = join.right().schema().size();
        ColumnBuilder[] out = Executor.builders(schema, 1024);
        int[] count = {0};
        Set<RowRef> matchedRight = new HashSet<>();
        LogicalPlan.JoinKind kind = join.kind();
        // innerunique keeps one left row per key; Kusto leaves which one open (ambiguity 10). Trawl keeps the
        // FIRST in input order, as the docs' default-join example shows (b keeps Value1 = 2); the docs'
        // "two possible outputs" page documents the other choice too, so one of its examples differs.
        Set<Key> seenLeftKeys = new HashSet<>();
        for (Batch batch : leftBatches) {
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                Key key = key(batch, row, join.leftKeys());
                if (kind == LogicalPlan.JoinKind.INNERUNIQUE && key != null && !seenLeftKeys.add(key)) {
                    continue;
                }
                List<RowRef> matches = key == null ? List.of() : right.getOrDefault(key, List.of());
                switch (kind) {
                    case INNERUNIQUE, INNER, LEFTOUTER, RIGHTOUTER, FULLOUTER -> {
                        for (RowRef match : matches) {
                            emit(out, batch, row, leftWidth, match, rightWidth);
                            count[0]++;
                            matchedRight.add(match);
                        }
                        if (matches.isEmpty() && (kind == LogicalPlan.JoinKind.LEFTOUTER
                                || kind == LogicalPlan.JoinKind.FULLOUTER)) {
                            emit(out, batch, row, leftWidth, null, rightWidth);
                            count[0]++;
                        }
                    }
                    case LEFTSEMI -> {
                        if (!matches.isEmpty()) {
                            emit(out, batch, row, leftWidth, null, 0);
                            count[0]++;
                        }
                    }
                    case LEFTANTI -> {
                        if (matches.isEmpty()) {
                            emit(out, batch, row, leftWidth, null, 0);
                            count[0]++;
                        }
                    }
                    case RIGHTSEMI, RIGHTANTI -> matchedRight.addAll(matches);
                }
            }
        }
        switch (kind) {
            case RIGHTOUTER, FULLOUTER -> {
                for (RowRef ref : rightRows) {
                    if (!matchedRight.contains(ref)) {
                        for (int c = 0; c < leftWidth; c++) {
                            out[c].add(null);
                        }
                        for (int c = 0; c < rightWidth; c++) {
                            out[leftWidth + c].add(ref.batch().columns()[c].get(ref.row()));
                        }
                        count[0]++;
                    }
                }
            }
            case RIGHTSEMI, RIGHTANTI -> {
                boolean semi = kind == LogicalPlan.JoinKind.RIGHTSEMI;
                for (RowRef ref : rightRows) {
                    if (matchedRight.contains(ref) == semi) {
                        for (int c = 0; c < rightWidth; c++) {
                            out[c].add(ref.batch().columns()[c].get(ref.row()));
                        }
                        count[0]++;
                    }
                }
            }
            default -> {
            }
        }
        return List.of(Batch.dense(Executor.build(out), count[0]));
    }

    private static void emit(ColumnBuilder[] out, Batch left, int leftRow, int leftWidth, RowRef right, int rightWidth) {
        for (int c = 0; c < leftWidth; c++) {
            out[c].add(left.columns()[c].get(leftRow));
        }
        for (int c = 0; c < rightWidth; c++) {
            out[leftWidth + c].add(right == null ? null : right.batch().columns()[c].get(right.row()));
        }
    }
}
