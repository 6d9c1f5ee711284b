package dev.trawl.engine.exec;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.ScalarFunction;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates bound expressions over a batch, a column at a time. Sub-queries (toscalar, in (T | ...)) run
 * once per query and are remembered.
 */
final class Evaluator {
    private final EvaluationContext context;
    private final Executor executor;
    private final Map<BoundExpression.Call, ScalarFunction.Call> calls = new IdentityHashMap<>();
    private final Map<BoundExpression.ScalarSubquery, Object> subqueries = new IdentityHashMap<>();

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
                Column[] arguments = new Column[call.arguments().size()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = evaluate(call.arguments().get(i), batch);
                }
                yield function.evaluate(arguments, batch.size(), callOf(call));
            }
        };
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
