package dev.trawl.engine.function;

import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.types.ScalarType;

/**
 * Functions over a serialized row set (row_number, prev, next, row_cumsum): they read neighbouring
 * rows, so they see the whole column at once; the binder places them over one serialized batch.
 */
public final class WindowFunctions {
    /** Names of the functions that need a serialized input. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("row_number", "prev", "next", "row_cumsum",
            "row_rank_dense", "row_rank_min");

    private WindowFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.columnar("row_number", 0, 2, Types.fixed(ScalarType.LONG), (arguments, size, call) -> {
            ColumnBuilder out = ColumnBuilder.of(ScalarType.LONG, size);
            long start = arguments.length > 0 && arguments[0].get(0) instanceof Number n ? n.longValue() : 1;
            long value = start;
            for (int row = 0; row < size; row++) {
                if (row > 0 && arguments.length > 1 && Boolean.TRUE.equals(arguments[1].get(row))) {
                    value = start;
                }
                out.add(value++);
            }
            return out.build();
        }, "row_number([start [, restart]]): 1, 2, 3, ... over a serialized row set"));
        registry.add(ScalarFunction.columnar("prev", 1, 3, Types.sameAsFirst(), (arguments, size, call) ->
                shift(arguments, size, call, -1), "prev(column [, offset [, default]]): the value rows before"));
        registry.add(ScalarFunction.columnar("next", 1, 3, Types.sameAsFirst(), (arguments, size, call) ->
                shift(arguments, size, call, 1), "next(column [, offset [, default]]): the value rows after"));
        registry.add(ScalarFunction.columnar("row_cumsum", 1, 2, types -> types.get(0).isNumeric()
                || types.get(0) == ScalarType.TIMESPAN ? (types.get(0) == ScalarType.INT ? ScalarType.LONG : types.get(0))
                : null, (arguments, size, call) -> {
                    ColumnBuilder out = ColumnBuilder.of(call.resultType(), size);
                    double realSum = 0;
                    long longSum = 0;
                    for (int row = 0; row < size; row++) {
                        if (row > 0 && arguments.length > 1 && Boolean.TRUE.equals(arguments[1].get(row))) {
                            realSum = 0;
                            longSum = 0;
                        }
                        Object value = arguments[0].get(row);
                        if (value instanceof Number n) {
                            realSum += n.doubleValue();
                            longSum += n.longValue();
                        }
                        out.add(call.resultType() == ScalarType.REAL ? (Object) realSum : (Object) longSum);
                    }
                    return out.build();
                }, "row_cumsum(x [, restart]): the running sum"));
        registry.add(ScalarFunction.columnar("row_rank_min", 1, 2, Types.fixed(ScalarType.LONG),
                (arguments, size, call) -> rank(arguments, size, false),
                "row_rank_min(term [, restart]): the minimal rank of the term, 1, 2, 2, 4 over 5, 10, 10, 20"));
        registry.add(ScalarFunction.columnar("row_rank_dense", 1, 2, Types.fixed(ScalarType.LONG),
                (arguments, size, call) -> rank(arguments, size, true),
                "row_rank_dense(term [, restart]): the dense rank of the term, 1, 2, 2, 3 over 5, 10, 10, 20"));
    }

    /**
     * row_rank_min(term [, restart]): the row number of the first row of the current run of equal terms (1, 2, 2, 4
     * for 5, 10, 10, 20); row_rank_dense: one more than the previous rank whenever the term changes (1, 2, 2, 3).
     * Both count from 1 again where restart is true (row-rank-min-function.md, row-rank-dense-function.md).
     */
    private static Column rank(Column[] arguments, int size, boolean dense) {
        ColumnBuilder out = ColumnBuilder.of(ScalarType.LONG, size);
        long rowNumber = 0;
        long rank = 0;
        Object previous = null;
        for (int row = 0; row < size; row++) {
            Object term = arguments[0].get(row);
            boolean restart = row == 0 || (arguments.length > 1 && Boolean.TRUE.equals(arguments[1].get(row)));
            if (restart) {
                rowNumber = 1;
                rank = 1;
            } else {
                rowNumber++;
                if (!sameTerm(previous, term)) {
                    rank = dense ? rank + 1 : rowNumber;
                }
            }
            previous = term;
            out.add(rank);
        }
        return out.build();
    }

    private static boolean sameTerm(Object a, Object b) {
        return a == null ? b == null : b != null && Values.equal(a, b);
    }

    private static Column shift(Column[] arguments, int size, ScalarFunction.Call call, int direction) {
        long offset = arguments.length > 1 && arguments[1].get(0) instanceof Number n ? n.longValue() : 1;
        ColumnBuilder out = ColumnBuilder.of(call.resultType(), size);
        for (int row = 0; row < size; row++) {
            long source = row + direction * offset;
            if (source >= 0 && source < size) {
                out.add(arguments[0].get((int) source));
            } else {
                out.add(arguments.length > 2 ? arguments[2].get(row) : null);
            }
        }
        return out.build();
    }
}
