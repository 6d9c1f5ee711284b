package dev.trawl.engine.exec;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.ScalarFunction;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.BoolColumn;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.engine.vector.DictionaryColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates bound expressions over a batch, a column at a time. Sub-queries (toscalar, in (T | ...)) run
 * once per query and are remembered.
 */
final class Evaluator {
    private final EvaluationContext context;
    private final Executor executor;
    private final Map<BoundExpression.Call, ScalarFunction.Call> calls = new IdentityHashMap<>();
    private final Map<BoundExpression.ScalarSubquery, Object> subqueries = new IdentityHashMap<>();
    private final Map<BoundExpression.Call, EntryResults> entryResults = new IdentityHashMap<>();

    Evaluator(EvaluationContext context, Executor executor) {
        this.context = context;
        this.executor = executor;
    }

    EvaluationContext context() {
        return context;
    }

    /** The expression's value for each live row of the batch, densely. */
    Column evaluate(BoundExpression expression, Batch batch) {
        return switch (expression) {
            case BoundExpression.ColumnRef ref -> {
                if (ref.index() == BoundExpression.ColumnRef.DATA_NAMED) {
                    throw new IllegalStateException("column '" + ref.name() + "' was bound without the data that names it");
                }
                yield batch.dense(ref.index());
            }
            case BoundExpression.Constant constant -> new ConstantColumn(constant.type(), constant.value(), batch.size());
            case BoundExpression.ScalarSubquery subquery ->
                    new ConstantColumn(subquery.type(), subqueryValue(subquery), batch.size());
            case BoundExpression.Call call -> {
                ScalarFunction function = (ScalarFunction) call.function();
                Column[] arguments = arguments(call, batch);
                Column constant = overConstants(call, function, arguments, batch.size());
                if (constant != null) {
                    yield constant;
                }
                PerEntry perEntry = overDictionary(call, function, arguments, batch.size());
                yield perEntry != null ? perEntry.spread(batch.size())
                        : function.evaluate(arguments, batch.size(), callOf(call));
            }
        };
    }

    /**
     * A per-row, deterministic function of constants only (lookupWindow / 2.0, a let of an expression) computed
     * once and kept a constant, so that what it feeds still sees a constant (bin(Time, lookupBin) keeps its fast
     * path); null when an argument is not a constant.
     */
    private Column overConstants(BoundExpression.Call call, ScalarFunction function, Column[] arguments, int size) {
        if (!function.perRow() || !function.deterministic()) {
            return null;
        }
        Column[] one = new Column[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            if (!(arguments[i] instanceof ConstantColumn constant)) {
                return null;
            }
            one[i] = new ConstantColumn(constant.type(), constant.value(), 1);
        }
        Object value = function.evaluate(one, 1, callOf(call)).get(0);
        return new ConstantColumn(call.type(), value, size);
    }

    private Column[] arguments(BoundExpression.Call call, Batch batch) {
        Column[] arguments = new Column[call.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = evaluate(call.arguments().get(i), batch);
        }
        return arguments;
    }

    /**
     * A filter's predicate: its value per row ({@code rows}), or, when it is a function of a dictionary column,
     * per dictionary entry ({@code entries}) with each row's code, so the filter selects rows by looking their
     * codes up without first spreading the entries' values over a column.
     */
    record Predicate(Column rows, int[] codes, BoolColumn entries) {
    }

    Predicate evaluatePredicate(BoundExpression expression, Batch batch) {
        if (expression instanceof BoundExpression.Call call) {
            ScalarFunction function = (ScalarFunction) call.function();
            Column[] arguments = arguments(call, batch);
            PerEntry perEntry = overDictionary(call, function, arguments, batch.size());
            if (perEntry == null) {
                return new Predicate(function.evaluate(arguments, batch.size(), callOf(call)), null, null);
            }
            if (perEntry.results().values() instanceof BoolColumn entries) {
                return new Predicate(null, perEntry.codes(), entries);
            }
            return new Predicate(perEntry.spread(batch.size()), null, null);
        }
        return new Predicate(evaluate(expression, batch), null, null);
    }

    /** A function's results per dictionary entry, and the batch's codes into them. */
    private record PerEntry(int[] codes, EntryResults results) {
        /** The value of each row. A string result keeps the codes: a function of a dictionary column is one. */
        Column spread(int size) {
            return results.strings() != null ? new DictionaryColumn(codes, results.strings(), size)
                    : results.values().gather(codes, size);
        }
    }

    /**
     * A per-row function of one dictionary-encoded column and constants, computed once per dictionary entry and
     * spread over the rows by their codes; null when the call is not of that shape. The entries' results are kept
     * for the next batch, which usually shares the dictionary. A dictionary larger than the batch is only used when
     * its results are at hand, so this never does more kernel calls than the rows would.
     */
    private PerEntry overDictionary(BoundExpression.Call call, ScalarFunction function, Column[] arguments, int size) {
        if (!function.perRow() || !function.deterministic()) {
            return null;
        }
        DictionaryColumn strings = null;
        int position = -1;
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] instanceof DictionaryColumn dictionaryColumn && strings == null) {
                strings = dictionaryColumn;
                position = i;
            } else if (!(arguments[i] instanceof ConstantColumn)) {
                return null;
            }
        }
        if (strings == null) {
            return null;
        }
        String[] dictionary = strings.dictionary();
        EntryResults results = entryResults.get(call);
        if (results == null || !results.holds(dictionary, arguments)) {
            if (dictionary.length > size) {
                return null;
            }
            Column[] entries = new Column[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                entries[i] = i == position ? new ObjectColumn(ScalarType.STRING, dictionary, dictionary.length)
                        : new ConstantColumn(arguments[i].type(), ((ConstantColumn) arguments[i]).value(), dictionary.length);
            }
            Column values;
            try {
                values = function.evaluate(entries, dictionary.length, callOf(call));
            } catch (RuntimeException e) {
                // An entry no live row holds may make a kernel fail; the rows themselves decide whether the query does.
                return null;
            }
            Column[] constants = arguments.clone();
            constants[position] = null;
            results = new EntryResults(dictionary, constants, values, strings(values));
            entryResults.put(call, results);
        }
        return new PerEntry(strings.codes(), results);
    }

    /** A string column's values as a dictionary, or null for any other column. */
    private static String[] strings(Column column) {
        if (column.type() != ScalarType.STRING) {
            return null;
        }
        String[] out = new String[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (String) column.get(i);
        }
        return out;
    }

    /**
     * A call's results for each entry of one dictionary, with the constant arguments they were computed with (null
     * where the dictionary column was).
     */
    private record EntryResults(String[] dictionary, Column[] arguments, Column values, String[] strings) {
        boolean holds(String[] otherDictionary, Column[] otherArguments) {
            if (otherDictionary != dictionary) {
                return false;
            }
            for (int i = 0; i < arguments.length; i++) {
                // A constant column may differ from batch to batch (a column that extend set to a constant in one
                // leg of a union, another in the other), so the constants are compared, not just the call.
                if (arguments[i] instanceof ConstantColumn constant && !(otherArguments[i] instanceof ConstantColumn other
                        && constant.type() == other.type() && Objects.equals(constant.value(), other.value()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The value of an expression that reads no columns (a constant, now(), toscalar). */
    Object evaluateConstant(BoundExpression expression) {
        Batch one = Batch.dense(new Column[0], 1);
        return evaluate(expression, one).get(0);
    }

    private ScalarFunction.Call callOf(BoundExpression.Call call) {
        return calls.computeIfAbsent(call, c -> {
            List<ScalarType> types = new ArrayList<>();
            for (BoundExpression argument : c.arguments()) {
                types.add(argument.type());
            }
            return new ScalarFunction.Call(types, c.type(), context);
        });
    }

    private Object subqueryValue(BoundExpression.ScalarSubquery subquery) {
        if (subqueries.containsKey(subquery)) {
            return subqueries.get(subquery);
        }
        QueryResult result = executor.run(subquery.plan());
        Object value;
        if (subquery.type() == ScalarType.DYNAMIC && subquery.plan().schema().field(0).type() != ScalarType.DYNAMIC) {
            // A sub-query used as a list (x in (T | project y)): its first column's values.
            List<Object> values = new ArrayList<>(result.rowCount());
            for (int row = 0; row < result.rowCount(); row++) {
                values.add(result.value(row, 0));
            }
            value = values;
        } else {
            value = result.rowCount() == 0 ? null : result.value(0, 0);
        }
        subqueries.put(subquery, value);
        return value;
    }
}
