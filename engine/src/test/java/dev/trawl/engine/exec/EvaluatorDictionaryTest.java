package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.engine.vector.DictionaryColumn;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the evaluator computes a function of a dictionary-encoded column once per entry, and when it must not. */
class EvaluatorDictionaryTest {
    private static final String[] DICTIONARY = {"Mail", "MAIL", "", "Send"};
    private static final BoundExpression.ColumnRef S = new BoundExpression.ColumnRef(0, "s", ScalarType.STRING);

    private final Evaluator evaluator = new Evaluator(new EvaluationContext(0),
            new Executor(table -> List.of(), new EvaluationContext(0)));

    private static BoundExpression.Call call(String function, ScalarType type, BoundExpression... arguments) {
        return new BoundExpression.Call(FunctionRegistry.standard().lookup(function), List.of(arguments), type);
    }

    private static Batch batch(int[] codes, Column... more) {
        Column[] columns = new Column[1 + more.length];
        columns[0] = new DictionaryColumn(codes, DICTIONARY, codes.length);
        System.arraycopy(more, 0, columns, 1, more.length);
        return Batch.dense(columns, codes.length);
    }

    private static List<Object> values(Column column) {
        List<Object> out = new ArrayList<>();
        for (int row = 0; row < column.size(); row++) {
            out.add(column.get(row));
        }
        return out;
    }

    @Test
    void aStringFunctionOfADictionaryColumnKeepsTheCodes() {
        int[] codes = {0, 1, 2, 3, 0, 1};
        Column lower = evaluator.evaluate(call("tolower", ScalarType.STRING, S), batch(codes));
        DictionaryColumn result = assertInstanceOf(DictionaryColumn.class, lower);
        assertSame(codes, result.codes());
        assertEquals(List.of("mail", "mail", "", "send", "mail", "mail"), values(result));
    }

    @Test
    void aDictionaryLargerThanTheBatchIsUsedOnlyOnceItsResultsAreKnown() {
        BoundExpression.Call lower = call("tolower", ScalarType.STRING, S);
        Column small = evaluator.evaluate(lower, batch(new int[] {3, 1}));
        assertFalse(small instanceof DictionaryColumn, "two rows: cheaper per row than per entry");
        assertEquals(List.of("send", "mail"), values(small));
        assertInstanceOf(DictionaryColumn.class, evaluator.evaluate(lower, batch(new int[] {0, 1, 2, 3, 3})));
        Column again = evaluator.evaluate(lower, batch(new int[] {2, 0}));
        assertInstanceOf(DictionaryColumn.class, again, "the entries' results are at hand now");
        assertEquals(List.of("", "mail"), values(again));
    }

    @Test
    void resultsAreNotReusedWhenAConstantArgumentChanges() {
        BoundExpression.Call equal = call("==", ScalarType.BOOL, S,
                new BoundExpression.ColumnRef(1, "k", ScalarType.STRING));
        int[] codes = {0, 1, 2, 3, 3, 0};
        Column mail = evaluator.evaluate(equal, batch(codes, new ConstantColumn(ScalarType.STRING, "Mail", 6)));
        assertEquals(List.of(true, false, false, false, false, true), values(mail));
        Column send = evaluator.evaluate(equal, batch(codes, new ConstantColumn(ScalarType.STRING, "Send", 6)));
        assertEquals(List.of(false, false, false, true, true, false), values(send));
    }

    @Test
    void aWindowFunctionSeesTheRowsNotTheEntries() {
        // Rows Send, "", MAIL, Mail: the previous row's value, not the previous dictionary entry's.
        Column previous = evaluator.evaluate(call("prev", ScalarType.STRING, S), batch(new int[] {3, 2, 1, 0, 0}));
        assertEquals(List.of("", "Send", "", "MAIL", "Mail"), values(previous));
    }
}
