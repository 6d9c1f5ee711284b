package dev.trawl.engine.function;

import dev.trawl.engine.vector.BoolColumn;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.engine.vector.DictionaryColumn;
import dev.trawl.engine.vector.DoubleColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.kql.types.ScalarType;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Specialised column kernels for the hottest shapes in hunting queries: a column compared with a
 * constant, bin() of a time column, arithmetic on numbers and times, case() of labels, rand(). Each
 * returns null when its shape does not apply; the general per-value kernel then runs, so both give the
 * same answers (tests compare them).
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
            boolean[] nulls;
            boolean[] out;
            if (arguments[0] instanceof LongColumn column && (value instanceof Long || value instanceof Integer)) {
                out = compareLongs(comparison, column.values(), ((Number) value).longValue(), size);
                nulls = column.nulls();
            } else if ((arguments[0] instanceof DoubleColumn || arguments[0] instanceof LongColumn)
                    && (value instanceof Double || value instanceof Long || value instanceof Integer)) {
                out = compareDoubles(comparison, doubles(arguments[0], size), ((Number) value).doubleValue(), size);
                nulls = arguments[0] instanceof DoubleColumn reals ? reals.nulls() : ((LongColumn) arguments[0]).nulls();
            } else {
                return null;
            }
            boolean[] outNulls = null;
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
        };
    }

    /** One loop per comparison, so the comparison is not decided again for every row. */
    private static boolean[] compareLongs(Comparison comparison, long[] values, long bound, int size) {
        boolean[] out = new boolean[size];
        switch (comparison) {
            case EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] == bound;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] != bound;
                }
            }
            case LESS -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] < bound;
                }
            }
            case LESS_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] <= bound;
                }
            }
            case GREATER -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] > bound;
                }
            }
            case GREATER_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] >= bound;
                }
            }
        }
        return out;
    }

    /**
     * Comparisons as Values.compare orders reals: Double.compare, under which NaN is above everything and equal to
     * itself and -0.0 is below 0.0. Against a bound that is neither NaN nor zero that is the plain operators, with
     * NaN counted as greater.
     */
    private static boolean[] compareDoubles(Comparison comparison, double[] values, double bound, int size) {
        boolean[] out = new boolean[size];
        if (Double.isNaN(bound) || bound == 0) {
            for (int i = 0; i < size; i++) {
                int order = Double.compare(values[i], bound);
                out[i] = switch (comparison) {
                    case EQUAL -> order == 0;
                    case NOT_EQUAL -> order != 0;
                    case LESS -> order < 0;
                    case LESS_OR_EQUAL -> order <= 0;
                    case GREATER -> order > 0;
                    case GREATER_OR_EQUAL -> order >= 0;
                };
            }
            return out;
        }
        switch (comparison) {
            case EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] == bound;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] != bound;
                }
            }
            case LESS -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] < bound;
                }
            }
            case LESS_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    out[i] = values[i] <= bound;
                }
            }
            case GREATER -> {
                for (int i = 0; i < size; i++) {
                    double x = values[i];
                    out[i] = x > bound || x != x;
                }
            }
            case GREATER_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    double x = values[i];
                    out[i] = x >= bound || x != x;
                }
            }
        }
        return out;
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

    /**
     * +, -, * (and / of reals) over long-backed and real columns and constants, as OperatorFunctions.arithmetic
     * computes them value by value: integers in long arithmetic (an int result truncated to int), reals in double
     * arithmetic, a timespan times a number rounded to ticks; null in, null out. Division of integers or times and
     * modulo, which give null for a zero divisor, are left to the general kernel, as are decimals and dynamics.
     */
    static ScalarFunction.ColumnKernel arithmetic(char operator) {
        return (arguments, size, call) -> {
            ScalarType type = call.resultType();
            ScalarType left = call.argumentTypes().get(0);
            ScalarType right = call.argumentTypes().get(1);
            if (!numeric(arguments[0]) || !numeric(arguments[1]) || !plainNumber(left) || !plainNumber(right)) {
                return null;
            }
            boolean[] nulls = nulls(arguments[0], arguments[1], size);
            switch (type) {
                case INT, LONG -> {
                    if (operator == '/' || left == ScalarType.REAL || right == ScalarType.REAL) {
                        return null;
                    }
                    long[] p = longs(arguments[0], size);
                    long[] q = longs(arguments[1], size);
                    long[] out = new long[size];
                    for (int i = 0; i < size; i++) {
                        long result = switch (operator) {
                            case '+' -> p[i] + q[i];
                            case '-' -> p[i] - q[i];
                            default -> p[i] * q[i];
                        };
                        out[i] = type == ScalarType.INT ? (int) result : result;
                    }
                    return new LongColumn(type, out, nulls, size);
                }
                case REAL -> {
                    double[] p = doubles(arguments[0], size);
                    double[] q = doubles(arguments[1], size);
                    double[] out = new double[size];
                    for (int i = 0; i < size; i++) {
                        out[i] = switch (operator) {
                            case '+' -> p[i] + q[i];
                            case '-' -> p[i] - q[i];
                            case '*' -> p[i] * q[i];
                            default -> p[i] / q[i];
                        };
                    }
                    return new DoubleColumn(out, nulls, size);
                }
                case DATETIME, TIMESPAN -> {
                    long[] out = new long[size];
                    if (operator == '*') {
                        boolean timespanFirst = left == ScalarType.TIMESPAN;
                        long[] ticks = longs(arguments[timespanFirst ? 0 : 1], size);
                        double[] factor = doubles(arguments[timespanFirst ? 1 : 0], size);
                        for (int i = 0; i < size; i++) {
                            out[i] = Math.round(ticks[i] * factor[i]);
                        }
                    } else if (operator == '/' || left == ScalarType.REAL || right == ScalarType.REAL) {
                        return null;
                    } else {
                        long[] p = longs(arguments[0], size);
                        long[] q = longs(arguments[1], size);
                        for (int i = 0; i < size; i++) {
                            out[i] = operator == '+' ? p[i] + q[i] : p[i] - q[i];
                        }
                    }
                    return new LongColumn(type, out, nulls, size);
                }
                default -> {
                    return null;
                }
            }
        };
    }

    /** A long-backed or real column, or a non-null number constant. */
    private static boolean numeric(Column column) {
        return column instanceof LongColumn || column instanceof DoubleColumn
                || column instanceof ConstantColumn constant && (constant.value() instanceof Long
                || constant.value() instanceof Integer || constant.value() instanceof Double);
    }

    private static boolean plainNumber(ScalarType type) {
        return switch (type) {
            case INT, LONG, REAL, DATETIME, TIMESPAN -> true;
            default -> false;
        };
    }

    /** Where either column is null, or null when neither has a null. */
    private static boolean[] nulls(Column a, Column b, int size) {
        boolean[] x = nullMask(a);
        boolean[] y = nullMask(b);
        if (x == null || y == null) {
            return x != null ? x : y;
        }
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = x[i] | y[i];
        }
        return out;
    }

    private static boolean[] nullMask(Column column) {
        return switch (column) {
            case LongColumn longs -> longs.nulls();
            case DoubleColumn doubles -> doubles.nulls();
            default -> null;
        };
    }

    /** The values of a long-backed or real column or constant as longs (Number.longValue, as the kernels read). */
    private static long[] longs(Column column, int size) {
        switch (column) {
            case LongColumn longs -> {
                return longs.values();
            }
            case DoubleColumn doubles -> {
                long[] out = new long[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (long) doubles.values()[i];
                }
                return out;
            }
            default -> {
                long[] out = new long[size];
                Arrays.fill(out, ((Number) ((ConstantColumn) column).value()).longValue());
                return out;
            }
        }
    }

    /** The values of a long-backed or real column or constant as doubles (Number.doubleValue). */
    private static double[] doubles(Column column, int size) {
        switch (column) {
            case DoubleColumn doubles -> {
                return doubles.values();
            }
            case LongColumn longs -> {
                double[] out = new double[size];
                for (int i = 0; i < size; i++) {
                    out[i] = longs.values()[i];
                }
                return out;
            }
            default -> {
                double[] out = new double[size];
                Arrays.fill(out, ((Number) ((ConstantColumn) column).value()).doubleValue());
                return out;
            }
        }
    }

    /**
     * case(c1, v1, c2, v2, ..., else) and iff(c, v1, v2) whose values are string constants (labels): a dictionary
     * column of those strings, coded by the first true condition, so later predicates on it run per label.
     */
    static ScalarFunction.ColumnKernel labels() {
        return (arguments, size, call) -> {
            if (call.resultType() != ScalarType.STRING) {
                return null;
            }
            int branches = arguments.length / 2;
            String[] dictionary = new String[branches + 1];
            for (int b = 0; b <= branches; b++) {
                Column value = arguments[b == branches ? arguments.length - 1 : 2 * b + 1];
                if (!(value instanceof ConstantColumn constant)
                        || !(constant.value() instanceof String || constant.value() == null)) {
                    return null;
                }
                dictionary[b] = constant.value() == null ? "" : (String) constant.value();
            }
            for (int b = 0; b < branches; b++) {
                if (!(arguments[2 * b] instanceof BoolColumn) && !(arguments[2 * b] instanceof ConstantColumn)) {
                    return null;
                }
            }
            int[] codes = new int[size];
            Arrays.fill(codes, branches);
            // From the last condition to the first, so the first true one is the one that stays.
            for (int b = branches - 1; b >= 0; b--) {
                Column condition = arguments[2 * b];
                if (condition instanceof BoolColumn bools) {
                    for (int i = 0; i < size; i++) {
                        if (bools.isTrue(i)) {
                            codes[i] = b;
                        }
                    }
                } else if (Boolean.TRUE.equals(condition.get(0))) {
                    Arrays.fill(codes, b);
                }
            }
            return new DictionaryColumn(codes, dictionary, size);
        };
    }

    /** rand() and rand(N) for a constant N, without a boxed value per row. */
    static ScalarFunction.ColumnKernel rand() {
        return (arguments, size, call) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            double[] out = new double[size];
            if (arguments.length == 0) {
                for (int i = 0; i < size; i++) {
                    out[i] = random.nextDouble();
                }
                return new DoubleColumn(out, null, size);
            }
            if (!(arguments[0] instanceof ConstantColumn constant)
                    || !(constant.value() instanceof Long || constant.value() instanceof Integer)) {
                return null;
            }
            long n = ((Number) constant.value()).longValue();
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i < size; i++) {
                out[i] = random.nextLong(n);
            }
            return new DoubleColumn(out, null, size);
        };
    }
}
