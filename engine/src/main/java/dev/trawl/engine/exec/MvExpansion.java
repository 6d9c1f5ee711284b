package dev.trawl.engine.exec;

import dev.trawl.engine.function.TickArray;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mv-expand (semantics.md §3): each array element or bag slot becomes a row; several items expand in
 * parallel, padded with null; an empty array or bag drops the row, a null keeps one row with null.
 */
final class MvExpansion {
    private MvExpansion() {
    }

    /** The expanded rows, computed an input batch at a time as they are read. */
    static Iterable<Batch> expand(LogicalPlan.MvExpand expand, Iterable<Batch> input, Evaluator evaluator) {
        int inputWidth = expand.input().schema().size();
        int width = expand.schema().size();
        int items = expand.items().size();
        // Where each item's values go: a column it replaces, or a new one after the input's.
        int[] targets = new int[items];
        for (int i = 0; i < items; i++) {
            LogicalPlan.ExpandItem item = expand.items().get(i);
            targets[i] = item.replaces() >= 0 ? item.replaces() : inputWidth + newIndex(expand, i);
        }
        boolean[] built = new boolean[width];
        for (int target : targets) {
            built[target] = true;
        }
        if (expand.itemIndex() != null) {
            built[width - 1] = true;
        }
        return LazyBatches.flatMap(input, batch -> {
            List<Batch> out = new ArrayList<>();
            Column[] sources = new Column[items];
            for (int i = 0; i < items; i++) {
                sources[i] = evaluator.evaluate(expand.items().get(i).source(), batch);
            }
            Expanded part = new Expanded(expand, batch, built, out);
            List<List<Object>> elements = new ArrayList<>(items);
            for (int k = 0; k < batch.size(); k++) {
                elements.clear();
                int length = 0;
                for (Column source : sources) {
                    List<Object> values = elements(source.get(k), expand.bagAsArray());
                    elements.add(values);
                    length = Math.max(length, values.size());
                }
                length = (int) Math.min(length, expand.limit());
                for (int e = 0; e < length; e++) {
                    part.startRow(batch.row(k));
                    for (int i = 0; i < items; i++) {
                        List<Object> values = elements.get(i);
                        ScalarType type = expand.items().get(i).type();
                        Object value;
                        if (e >= values.size()) {
                            value = null;
                        } else if (values instanceof TickArray ticks && type == ScalarType.DATETIME
                                && ticks.readsBackAsDatetime(e)) {
                            // What reading the element's text back would give, without the text.
                            value = ticks.ticks(e);
                        } else {
                            value = cast(values.get(e), type);
                        }
                        part.builders[targets[i]].add(value);
                    }
                    if (expand.itemIndex() != null) {
                        part.builders[width - 1].add((long) e);
                    }
                }
            }
            part.flush();
            return out;
        });
    }

    /**
     * The rows an input batch expands to, in batches of at most {@link Executor#BATCH_SIZE}: the columns that are
     * passed through are gathered from the input by source row, typed, and only the expanded values are built.
     */
    private static final class Expanded {
        private final LogicalPlan.MvExpand expand;
        private final Batch input;
        private final boolean[] built;
        private final List<Batch> out;
        private final ColumnBuilder[] builders;
        private int[] sourceRows = new int[16];
        private int rows;

        Expanded(LogicalPlan.MvExpand expand, Batch input, boolean[] built, List<Batch> out) {
            this.expand = expand;
            this.input = input;
            this.built = built;
            this.out = out;
            this.builders = new ColumnBuilder[built.length];
            newBuilders();
        }

        private void newBuilders() {
            for (int c = 0; c < built.length; c++) {
                builders[c] = built[c] ? ColumnBuilder.of(expand.schema().field(c).type(), 16) : null;
            }
        }

        /** Begins an output row copied from the input's physical row {@code row}. */
        void startRow(int row) {
            if (rows == Executor.BATCH_SIZE) {
                flush();
            }
            if (rows == sourceRows.length) {
                sourceRows = java.util.Arrays.copyOf(sourceRows, rows * 2);
            }
            sourceRows[rows++] = row;
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            Column[] columns = new Column[built.length];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = built[c] ? builders[c].build() : input.columns()[c].gather(sourceRows, rows);
            }
            out.add(Batch.dense(columns, rows));
            rows = 0;
            sourceRows = new int[16];
            newBuilders();
        }
    }

    private static int newIndex(LogicalPlan.MvExpand expand, int item) {
        int index = 0;
        for (int i = 0; i < item; i++) {
            if (expand.items().get(i).replaces() < 0) {
                index++;
            }
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> elements(Object value, boolean bagAsArray) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> slots = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (bagAsArray) {
                    slots.add(List.of(entry.getKey(), entry.getValue() == null ? "" : entry.getValue()));
                } else {
                    Map<String, Object> slot = new LinkedHashMap<>();
                    slot.put(entry.getKey().toString(), entry.getValue());
                    slots.add(slot);
                }
            }
            return slots;
        }
        // A null, or a scalar that is neither array nor bag, gives one row with the value itself (ambiguity 13).
        return java.util.Collections.singletonList(value);
    }

    /**
     * {@code to typeof(T)}: numbers convert between numeric types (real to long truncates, as tolong does —
     * the seed rule relies on it, semantics §3); other non-conforming elements become null.
     */
    static Object cast(Object value, ScalarType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DYNAMIC -> value;
            case LONG -> value instanceof Number n ? (Object) n.longValue() : null;
            case INT -> value instanceof Number n ? (Object) n.intValue() : null;
            case REAL -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case DECIMAL -> value instanceof Number n ? new BigDecimal(n.toString()) : null;
            case BOOL -> value instanceof Boolean ? value : null;
            case STRING -> value instanceof String ? value : null;
            case DATETIME -> value instanceof String s ? dev.trawl.kql.syntax.LiteralValues.datetimeTicks(s)
                    : value instanceof Long l ? l : null;
            case TIMESPAN -> value instanceof String s ? dev.trawl.kql.syntax.LiteralValues.timespanTicks("time(" + s + ")")
                    : value instanceof Long l ? l : null;
            case GUID -> {
                try {
                    yield value instanceof String s ? java.util.UUID.fromString(s) : null;
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
        };
    }
}
