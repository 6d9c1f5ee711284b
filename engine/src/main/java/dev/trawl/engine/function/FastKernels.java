package dev.trawl.engine.function;

import dev.trawl.engine.vector.BoolColumn;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.kql.types.ScalarType;

/**
 * Specialised column kernels for the hottest shapes in hunting queries: a column compared with a
 * constant, and bin() of a time column. Each returns null when its shape does not apply; the general
 * per-value kernel then runs, so both give the same answers (tests compare them).
 */
final class FastKernels {
    private FastKernels() {
    }

    /** Comparison codes. */
    enum Comparison { EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

    static ScalarFunction.ColumnKernel compare(Comparison comparison) {
        return (arguments, size, call) -> {
            if (arguments[0] instanceof ConstantColumn && !(arguments[1] instanceof ConstantColumn)) {
                return null;
            }
            if (!(arguments[1] instanceof ConstantColumn constant) || constant.value() == null) {
                return null;
            }
            Object value = constant.value();
            if (arguments[0] instanceof ObjectColumn strings && strings.type() == ScalarType.STRING
                    && value instanceof String needle && (comparison == Comparison.EQUAL
                    || comparison == Comparison.NOT_EQUAL)) {
                boolean[] out = new boolean[size];
                boolean equal = comparison == Comparison.EQUAL;
                Object[] values = strings.values();
                for (int i = 0; i < size; i++) {
                    out[i] = needle.equals(values[i]) == equal;
                }
                return new BoolColumn(out, null, size);
            }
            if (arguments[0] instanceof LongColumn column && (value instanceof Long || value instanceof Integer)) {
                long bound = ((Number) value).longValue();
                long[] values = column.values();
                boolean[] nulls = column.nulls();
                boolean[] out = new boolean[size];
                boolean[] outNulls = null;
                for (int i = 0; i < size; i++) {
                    long x = values[i];
                    out[i] = switch (comparison) {
                        case EQUAL -> x == bound;
                        case NOT_EQUAL -> x != bound;
                        case LESS -> x < bound;
                        case LESS_OR_EQUAL -> x <= bound;
                        case GREATER -> x > bound;
                        case GREATER_OR_EQUAL -> x >= bound;
                    };
                }
                if (nulls != null) {
                    for (int i = 0; i < size; i++) {
                        if (nulls[i]) {
                            // null == x is false and null != x true (semantics §5.2); an ordering of null is null.
                            switch (comparison) {
                                case EQUAL -> out[i] = false;
                                case NOT_EQUAL -> out[i] = true;
                                default -> {
                                    if (outNulls == null) {
                                        outNulls = new boolean[size];
                                    }
                                    outNulls[i] = true;
                                    out[i] = false;
                                }
                            }
                        }
                    }
                }
                return new BoolColumn(out, outNulls, size);
            }
            return null;
        };
    }

    /** bin(time or long column, constant positive step). */
    static ScalarFunction.ColumnKernel bin() {
        return (arguments, size, call) -> {
            if (!(arguments[0] instanceof LongColumn column) || column.type() == ScalarType.INT
                    || !(arguments[1] instanceof ConstantColumn constant) || !(constant.value() instanceof Long step)
                    || step <= 0 || call.resultType() != column.type()) {
                return null;
            }
            long[] values = column.values();
            long[] out = new long[size];
            for (int i = 0; i < size; i++) {
                out[i] = Math.floorDiv(values[i], step) * step;
            }
            return new LongColumn(column.type(), out, column.nulls(), size);
        };
    }
}
