package dev.trawl.engine.exec;

import dev.trawl.engine.function.AggregateFunction;
import dev.trawl.engine.function.Values;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** evaluate pivot: the value columns found in the data, and the rotation itself. */
final class Pivots {
    private Pivots() {
    }

    /** A pivot value's column name: the value as tostring() writes it. */
    static String columnName(ScalarType type, Object value) {
        return Values.toText(type, value);
    }

    /**
     * The distinct values of {@code column}, as column names, in order of first appearance: the docs' own
     * examples list the value columns unsorted (ARKANSAS before ARIZONA), so Trawl keeps the data's order.
     */
    static List<String> columnNames(List<Batch> input, int column, ScalarType type) {
        Set<String> names = new LinkedHashSet<>();
        for (Batch batch : input) {
            for (int k = 0; k < batch.size(); k++) {
                names.add(columnName(type, batch.columns()[column].get(batch.row(k))));
            }
        }
        return new ArrayList<>(names);
    }

    static List<Batch> pivot(LogicalPlan.Pivot pivot, List<Batch> input, Evaluator evaluator) {
        if (pivot.schema().open()) {
            throw new IllegalStateException("evaluate pivot was bound without the data that names its columns");
        }
        Schema schema = pivot.schema();
        ScalarType pivotType = pivot.input().schema().field(pivot.column()).type();
        Map<String, Integer> valueIndex = new HashMap<>();
        for (int v = 0; v < pivot.values().size(); v++) {
            valueIndex.put(pivot.values().get(v), v);
        }
        LogicalPlan.AggregateCall call = pivot.aggregate();
        List<ScalarType> argumentTypes = call.arguments().stream().map(BoundExpression::type).toList();
        AggregateFunction function = (AggregateFunction) call.function();
        int groupCount = pivot.groups().size();
        Map<Executor.GroupKey, AggregateFunction.Accumulator[]> groups = new LinkedHashMap<>();
        for (Batch batch : input) {
            Column[] arguments = new Column[call.arguments().size()];
            for (int a = 0; a < arguments.length; a++) {
                arguments[a] = evaluator.evaluate(call.arguments().get(a), batch);
            }
            Object[] values = new Object[arguments.length];
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                Object[] key = new Object[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    key[g] = batch.columns()[pivot.groups().get(g)].get(row);
                }
                AggregateFunction.Accumulator[] cells = groups.computeIfAbsent(new Executor.GroupKey(key),
                        ignored -> new AggregateFunction.Accumulator[pivot.values().size()]);
                Integer v = valueIndex.get(columnName(pivotType, batch.columns()[pivot.column()].get(row)));
                if (v == null) {
                    // A value the output schema does not name: the docs' example drops such values' columns.
                    continue;
                }
                if (cells[v] == null) {
                    cells[v] = function.newAccumulator(argumentTypes, call.type());
                }
                for (int a = 0; a < arguments.length; a++) {
                    values[a] = arguments[a].get(k);
                }
                cells[v].add(values);
            }
        }
        ColumnBuilder[] builders = Executor.builders(schema, groups.size());
        for (Map.Entry<Executor.GroupKey, AggregateFunction.Accumulator[]> entry : groups.entrySet()) {
            for (int g = 0; g < groupCount; g++) {
                builders[g].add(entry.getKey().values()[g]);
            }
            AggregateFunction.Accumulator[] cells = entry.getValue();
            for (int v = 0; v < cells.length; v++) {
                // A group with no row of this value gets the aggregate of no rows: 0 for count() and sum(), as
                // the docs' examples show, null for min() or avg().
                AggregateFunction.Accumulator cell = cells[v] != null ? cells[v]
                        : function.newAccumulator(argumentTypes, call.type());
                ScalarType type = schema.field(groupCount + v).type();
                Object result = cell.result();
                builders[groupCount + v].add(type == call.type() ? result : MvExpansion.cast(result, type));
            }
        }
        return List.of(Batch.dense(Executor.build(builders), groups.size()));
    }
}
