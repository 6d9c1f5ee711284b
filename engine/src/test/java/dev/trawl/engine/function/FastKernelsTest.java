package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.vector.BoolColumn;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.engine.vector.DictionaryColumn;
import dev.trawl.engine.vector.DoubleColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The specialised kernels against the general per-value ones on the same values: typed columns and constants take
 * the fast path, and the same values in a plain object column (which no fast path accepts) the general one.
 */
class FastKernelsTest {
    private static final int SIZE = 400;
    private static final EvaluationContext CONTEXT = new EvaluationContext(0);

    private static ScalarFunction function(String name) {
        return (ScalarFunction) FunctionRegistry.standard().lookup(name);
    }

    /** A typed column of {@code type} with random values (some null, some extreme) and its untyped twin. */
    private static Column[] column(ScalarType type, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ColumnBuilder typed = ColumnBuilder.of(type, SIZE);
        Object[] plain = new Object[SIZE];
        for (int i = 0; i < SIZE; i++) {
            Object value = switch (random.nextInt(12)) {
                case 0 -> null;
                case 1 -> type == ScalarType.REAL ? (Object) Double.NaN : (Object) Long.MAX_VALUE;
                case 2 -> type == ScalarType.REAL ? (Object) (-0.0) : (Object) 0L;
                case 3 -> type == ScalarType.REAL ? (Object) 1e300 : (Object) Long.MIN_VALUE;
                default -> type == ScalarType.REAL ? (Object) (random.nextDouble() * 200 - 100)
                        : (Object) (long) random.nextInt(-1_000_000, 1_000_000);
            };
            if (type == ScalarType.INT && value != null) {
                value = (int) (long) (Long) value;
            }
            typed.add(value);
            plain[i] = value;
        }
        return new Column[] {typed.build(), new ObjectColumn(type, plain, SIZE)};
    }

    private static List<Object> values(Column column) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < column.size(); i++) {
            out.add(column.get(i));
        }
        return out;
    }

    private static void agree(String name, Column[] a, Column[] b, ScalarType left, ScalarType right) {
        ScalarFunction function = function(name);
        ScalarType result = function.resultType(List.of(left, right));
        assertNotNull(result, name + " of " + left + ", " + right);
        ScalarFunction.Call call = new ScalarFunction.Call(List.of(left, right), result, CONTEXT);
        Column fast = function.evaluate(new Column[] {a[0], b[0]}, SIZE, call);
        Column general = function.evaluate(new Column[] {a[1], b[1]}, SIZE, call);
        assertTrue(fast instanceof LongColumn || fast instanceof DoubleColumn || fast instanceof BoolColumn,
                "the fast path ran for " + name + " of " + left + ", " + right + ": " + fast.getClass());
        assertEquals(values(general), values(fast), name + " of " + left + ", " + right);
    }

    private static Column[] constant(ScalarType type, Object value) {
        Column column = new ConstantColumn(type, value, SIZE);
        return new Column[] {column, column};
    }

    @Test
    void arithmeticAgreesOverColumnsAndConstants() {
        ScalarType[][] pairs = {{ScalarType.LONG, ScalarType.LONG}, {ScalarType.INT, ScalarType.INT},
            {ScalarType.INT, ScalarType.LONG}, {ScalarType.LONG, ScalarType.REAL}, {ScalarType.REAL, ScalarType.REAL},
            {ScalarType.TIMESPAN, ScalarType.LONG}, {ScalarType.LONG, ScalarType.TIMESPAN},
            {ScalarType.TIMESPAN, ScalarType.REAL}, {ScalarType.DATETIME, ScalarType.TIMESPAN},
            {ScalarType.TIMESPAN, ScalarType.DATETIME}, {ScalarType.DATETIME, ScalarType.DATETIME},
            {ScalarType.TIMESPAN, ScalarType.TIMESPAN}};
        int checked = 0;
        for (String operator : List.of("+", "-", "*", "/")) {
            for (ScalarType[] pair : pairs) {
                ScalarFunction function = function(operator);
                ScalarType result = function.resultType(List.of(pair[0], pair[1]));
                // Division has a fast path for real results only (integer and time division may give null).
                boolean hasFastPath = result != null && (!operator.equals("/") || result == ScalarType.REAL);
                if (!hasFastPath) {
                    continue;
                }
                agree(operator, column(pair[0], 1), column(pair[1], 2), pair[0], pair[1]);
                Object constant = pair[1] == ScalarType.REAL ? (Object) 2.5 : (Object) 36_000_000_000L;
                agree(operator, column(pair[0], 3), constant(pair[1], constant), pair[0], pair[1]);
                checked++;
            }
        }
        assertTrue(checked >= 20, "shapes checked: " + checked);
    }

    @Test
    void comparisonsOfRealsAgreeIncludingNaNAndNegativeZero() {
        for (String operator : List.of("==", "!=", "<", "<=", ">", ">=")) {
            for (Object bound : new Object[] {0L, 3, -0.0, 0.0, Double.NaN, 42.5}) {
                ScalarType type = bound instanceof Double ? ScalarType.REAL : ScalarType.LONG;
                agree(operator, column(ScalarType.REAL, 5), constant(type, bound), ScalarType.REAL, type);
            }
            agree(operator, column(ScalarType.LONG, 6), constant(ScalarType.REAL, 17.5), ScalarType.LONG,
                    ScalarType.REAL);
        }
    }

    @Test
    void caseAndIffOfLabelsAgreeAndGiveADictionaryColumn() {
        SplittableRandom random = new SplittableRandom(9);
        Column[][] conditions = new Column[2][];
        for (int c = 0; c < 2; c++) {
            boolean[] values = new boolean[SIZE];
            boolean[] nulls = new boolean[SIZE];
            Object[] plain = new Object[SIZE];
            for (int i = 0; i < SIZE; i++) {
                values[i] = random.nextBoolean();
                nulls[i] = random.nextInt(7) == 0;
                plain[i] = nulls[i] ? null : values[i];
            }
            conditions[c] = new Column[] {new BoolColumn(values, nulls, SIZE), new ObjectColumn(ScalarType.BOOL, plain, SIZE)};
        }
        Column a = new ConstantColumn(ScalarType.STRING, "A", SIZE);
        Column b = new ConstantColumn(ScalarType.STRING, "B", SIZE);
        Column empty = new ConstantColumn(ScalarType.STRING, "", SIZE);
        List<ScalarType> caseTypes = List.of(ScalarType.BOOL, ScalarType.STRING, ScalarType.BOOL, ScalarType.STRING,
                ScalarType.STRING);
        ScalarFunction.Call caseCall = new ScalarFunction.Call(caseTypes, ScalarType.STRING, CONTEXT);
        Column fast = function("case").evaluate(new Column[] {conditions[0][0], a, conditions[1][0], b, empty}, SIZE,
                caseCall);
        Column general = function("case").evaluate(new Column[] {conditions[0][1], a, conditions[1][1], b, empty}, SIZE,
                caseCall);
        assertInstanceOf(DictionaryColumn.class, fast);
        assertEquals(values(general), values(fast));
        List<ScalarType> iffTypes = List.of(ScalarType.BOOL, ScalarType.STRING, ScalarType.STRING);
        ScalarFunction.Call iffCall = new ScalarFunction.Call(iffTypes, ScalarType.STRING, CONTEXT);
        Column fastIff = function("iff").evaluate(new Column[] {conditions[1][0], b, a}, SIZE, iffCall);
        assertInstanceOf(DictionaryColumn.class, fastIff);
        assertEquals(values(function("iff").evaluate(new Column[] {conditions[1][1], b, a}, SIZE, iffCall)),
                values(fastIff));
    }

    @Test
    void randOfNIsAWholeNumberBelowN() {
        ScalarFunction.Call call = new ScalarFunction.Call(List.of(ScalarType.LONG), ScalarType.REAL, CONTEXT);
        Column values = function("rand").evaluate(new Column[] {new ConstantColumn(ScalarType.LONG, 3L, SIZE)}, SIZE, call);
        assertInstanceOf(DoubleColumn.class, values);
        boolean[] seen = new boolean[3];
        for (Object value : values(values)) {
            double x = (Double) value;
            assertTrue(x == Math.floor(x) && x >= 0 && x < 3, "rand(3) gave " + x);
            seen[(int) x] = true;
        }
        assertEquals(List.of(true, true, true), List.of(seen[0], seen[1], seen[2]), "every value turns up in 400 draws");
        Column none = function("rand").evaluate(new Column[] {new ConstantColumn(ScalarType.LONG, 0L, SIZE)}, SIZE, call);
        assertEquals(null, none.get(0), "rand(0) is null");
    }
}
