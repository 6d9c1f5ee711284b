package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.types.ScalarType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A function of constants stays a constant, unless it may give another value each row. */
class EvaluatorConstantsTest {
    private final Evaluator evaluator = new Evaluator(new EvaluationContext(0),
            new Executor(table -> List.of(), new EvaluationContext(0)));
    private final Batch batch = Batch.dense(new Column[] {new LongColumn(ScalarType.DATETIME,
        new long[] {0, 450_000_000L, 900_000_000L}, null, 3)}, 3);

    private static BoundExpression.Call call(String function, ScalarType type, BoundExpression... arguments) {
        return new BoundExpression.Call(FunctionRegistry.standard().lookup(function), List.of(arguments), type);
    }

    @Test
    void aFunctionOfConstantsIsAConstantAndFeedsOnAsOne() {
        BoundExpression.Call half = call("/", ScalarType.TIMESPAN, new BoundExpression.Constant(ScalarType.TIMESPAN,
                600_000_000L), new BoundExpression.Constant(ScalarType.REAL, 2.0));
        ConstantColumn step = assertInstanceOf(ConstantColumn.class, evaluator.evaluate(half, batch));
        assertEquals(300_000_000L, step.value());
        assertEquals(3, step.size());
        Column bins = evaluator.evaluate(call("bin", ScalarType.DATETIME,
                new BoundExpression.ColumnRef(0, "t", ScalarType.DATETIME), half), batch);
        assertEquals(List.of(0L, 300_000_000L, 900_000_000L), List.of(bins.get(0), bins.get(1), bins.get(2)));
    }

    @Test
    void randOfAConstantIsNotFolded() {
        Column values = evaluator.evaluate(call("rand", ScalarType.REAL,
                new BoundExpression.Constant(ScalarType.LONG, 1_000_000_000L)), batch);
        assertFalse(values instanceof ConstantColumn, "one draw per row");
    }
}
