package dev.trawl.engine.exec;

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

    static List<Batch> expand(LogicalPlan.MvExpand expand, List<Batch> input, Evaluator evaluator) {
        List<Batch> out = new ArrayList<>();
        int inputWidth = expand.input().schema().size();
        for (Batch batch : input) {
            Column[] sources = new Column[expand.items().size()];
            for (int i = 0; i < sources.length; i++) {
                sources[i] = evaluator.evaluate(expand.items().get(i).source(), batch);
            }
            ColumnBuilder[] builders = Executor.builders(expand.schema(), batch.size());
            int rows = 0;
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                List<List<Object>> elements = new ArrayList<>();
                int length = 0;
                for (Column source : sources) {
                    List<Object> items = elements(source.get(k), expand.bagAsArray());
                    elements.add(items);
                    length = Math.max(length, items.size());
                }
                length = (int) Math.min(length, expand.limit());
                for (int e = 0; e < length; e++) {
                    Object[] values = new Object[expand.schema().size()];
                    for (int c = 0; c < inputWidth; c++) {
                        values[c] = batch.columns()[c].get(row);
                    }
                    for (int i = 0; i < sources.length; i++) {
                        LogicalPlan.ExpandItem item = expand.items().get(i);
                        Object value = e < elements.get(i).size() ? elements.get(i).get(e) : null;
                        int target = item.replaces() >= 0 ? item.replaces() : inputWidth + newIndex(expand, i);
                        values[target] = cast(value, item.type());
                    }
                    if (expand.itemIndex() != null) {
                        values[values.length - 1] = (long) e;
                    }
                    for (int c = 0; c < values.length; c++) {
                        builders[c].add(values[c]);
                    }
                    rows++;
                }
            }
            if (rows > 0) {
                out.add(Batch.dense(Executor.build(builders), rows));
            }
        }
        return out;
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

    private static List<Object> elements(Object value, boolean bagAsArray) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
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
        List<Object> single = new ArrayList<>();
        single.add(value);
        return single;
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
