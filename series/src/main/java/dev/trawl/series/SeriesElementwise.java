package dev.trawl.series;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The element-wise {@code series_*} functions: one result per element, null (NaN) for a null element.
 *
 * <p>Docs ({@code series-add-function.md} and its siblings): "Any non-numeric element or non-existing element
 * (arrays of different sizes) yields a null element value", so a binary function's result is as long as the longer
 * input and NaN beyond the shorter one. Either operand of a binary function may be a scalar, which applies to every
 * element. Comparisons ({@code series_greater}, ...) return 1.0 for true and 0.0 for false (NaN for null); the engine
 * turns them into booleans. Integer typing of the results (series_add of longs gives longs) is the engine's.
 */
public final class SeriesElementwise {
    private SeriesElementwise() {
    }

    /** {@code series_abs(series)}: the absolute value of each element. */
    public static double[] abs(double[] x) {
        return map(x, v -> Math.abs(v));
    }

    /** {@code series_acos(series)}: the arc cosine (NaN outside [-1, 1]) of each element. */
    public static double[] acos(double[] x) {
        return map(x, v -> Math.acos(v));
    }

    /** {@code series_asin(series)}: the arc sine (NaN outside [-1, 1]) of each element. */
    public static double[] asin(double[] x) {
        return map(x, v -> Math.asin(v));
    }

    /** {@code series_atan(series)}: the arc tangent of each element. */
    public static double[] atan(double[] x) {
        return map(x, v -> Math.atan(v));
    }

    /** {@code series_ceiling(series)}: the smallest integer not below the value of each element. */
    public static double[] ceiling(double[] x) {
        return map(x, v -> Math.ceil(v));
    }

    /** {@code series_cos(series)}: the cosine of each element. */
    public static double[] cos(double[] x) {
        return map(x, v -> Math.cos(v));
    }

    /** {@code series_exp(series)}: e to the power of the value of each element. */
    public static double[] exp(double[] x) {
        return map(x, v -> Math.exp(v));
    }

    /** {@code series_floor(series)}: the largest integer not above the value of each element. */
    public static double[] floor(double[] x) {
        return map(x, v -> Math.floor(v));
    }

    /** {@code series_log(series)}: the natural logarithm (null, NaN, for a negative value; log(0) is -infinity) of each element. */
    public static double[] log(double[] x) {
        return map(x, v -> Math.log(v));
    }

    /** {@code series_sign(series)}: -1, 0 or +1 by the value's sign of each element. */
    public static double[] sign(double[] x) {
        return map(x, v -> v > 0 ? 1.0 : v < 0 ? -1.0 : v == 0 ? 0.0 : Double.NaN);
    }

    /** {@code series_sin(series)}: the sine of each element. */
    public static double[] sin(double[] x) {
        return map(x, v -> Math.sin(v));
    }

    /** {@code series_tan(series)}: the tangent of each element. */
    public static double[] tan(double[] x) {
        return map(x, v -> Math.tan(v));
    }

    /** {@code series_add(series1, series2)}: the sum of corresponding elements. */
    public static double[] add(double[] x, double[] y) {
        return zip(x, y, (a, b) -> a + b);
    }

    /** {@code series_add(series, scalar)}. */
    public static double[] add(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> a + bValue);
    }

    /** {@code series_add(scalar, series)}. */
    public static double[] add(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> aValue + b);
    }

    /** {@code series_subtract(series1, series2)}: the difference of corresponding elements. */
    public static double[] subtract(double[] x, double[] y) {
        return zip(x, y, (a, b) -> a - b);
    }

    /** {@code series_subtract(series, scalar)}. */
    public static double[] subtract(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> a - bValue);
    }

    /** {@code series_subtract(scalar, series)}. */
    public static double[] subtract(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> aValue - b);
    }

    /** {@code series_multiply(series1, series2)}: the product of corresponding elements. */
    public static double[] multiply(double[] x, double[] y) {
        return zip(x, y, (a, b) -> a * b);
    }

    /** {@code series_multiply(series, scalar)}. */
    public static double[] multiply(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> a * bValue);
    }

    /** {@code series_multiply(scalar, series)}. */
    public static double[] multiply(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> aValue * b);
    }

    /** {@code series_divide(series1, series2)}: the quotient (real division: x/0 is infinite or NaN) of corresponding elements. */
    public static double[] divide(double[] x, double[] y) {
        return zip(x, y, (a, b) -> a / b);
    }

    /** {@code series_divide(series, scalar)}. */
    public static double[] divide(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> a / bValue);
    }

    /** {@code series_divide(scalar, series)}. */
    public static double[] divide(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> aValue / b);
    }

    /** {@code series_pow(series1, series2)}: the first to the power of the second of corresponding elements. */
    public static double[] pow(double[] x, double[] y) {
        return zip(x, y, (a, b) -> Math.pow(a, b));
    }

    /** {@code series_pow(series, scalar)}. */
    public static double[] pow(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> Math.pow(a, bValue));
    }

    /** {@code series_pow(scalar, series)}. */
    public static double[] pow(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> Math.pow(aValue, b));
    }

    /** A comparison's result: 1.0 or 0.0, and NaN when either operand is null (NaN). */
    private static double truth(boolean value, double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : value ? 1.0 : 0.0;
    }

    /** {@code series_greater(series1, series2)}: 1.0 where {@code a > b}, 0.0 where not, NaN where either is null. */
    public static double[] greater(double[] x, double[] y) {
        return zip(x, y, (a, b) -> truth(a > b, a, b));
    }

    /** {@code series_greater(series, scalar)}. */
    public static double[] greater(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> truth(a > bValue, a, bValue));
    }

    /** {@code series_greater(scalar, series)}. */
    public static double[] greater(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> truth(aValue > b, aValue, b));
    }

    /** {@code series_greater_equals(series1, series2)}: 1.0 where {@code a >= b}, 0.0 where not, NaN where either is null. */
    public static double[] greaterEquals(double[] x, double[] y) {
        return zip(x, y, (a, b) -> truth(a >= b, a, b));
    }

    /** {@code series_greater_equals(series, scalar)}. */
    public static double[] greaterEquals(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> truth(a >= bValue, a, bValue));
    }

    /** {@code series_greater_equals(scalar, series)}. */
    public static double[] greaterEquals(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> truth(aValue >= b, aValue, b));
    }

    /** {@code series_less(series1, series2)}: 1.0 where {@code a < b}, 0.0 where not, NaN where either is null. */
    public static double[] less(double[] x, double[] y) {
        return zip(x, y, (a, b) -> truth(a < b, a, b));
    }

    /** {@code series_less(series, scalar)}. */
    public static double[] less(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> truth(a < bValue, a, bValue));
    }

    /** {@code series_less(scalar, series)}. */
    public static double[] less(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> truth(aValue < b, aValue, b));
    }

    /** {@code series_less_equals(series1, series2)}: 1.0 where {@code a <= b}, 0.0 where not, NaN where either is null. */
    public static double[] lessEquals(double[] x, double[] y) {
        return zip(x, y, (a, b) -> truth(a <= b, a, b));
    }

    /** {@code series_less_equals(series, scalar)}. */
    public static double[] lessEquals(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> truth(a <= bValue, a, bValue));
    }

    /** {@code series_less_equals(scalar, series)}. */
    public static double[] lessEquals(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> truth(aValue <= b, aValue, b));
    }

    /** {@code series_equals(series1, series2)}: 1.0 where {@code a == b}, 0.0 where not, NaN where either is null. */
    public static double[] equals(double[] x, double[] y) {
        return zip(x, y, (a, b) -> truth(a == b, a, b));
    }

    /** {@code series_equals(series, scalar)}. */
    public static double[] equals(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> truth(a == bValue, a, bValue));
    }

    /** {@code series_equals(scalar, series)}. */
    public static double[] equals(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> truth(aValue == b, aValue, b));
    }

    /** {@code series_not_equals(series1, series2)}: 1.0 where {@code a != b}, 0.0 where not, NaN where either is null. */
    public static double[] notEquals(double[] x, double[] y) {
        return zip(x, y, (a, b) -> truth(a != b, a, b));
    }

    /** {@code series_not_equals(series, scalar)}. */
    public static double[] notEquals(double[] x, double b) {
        return withRight(x, b, (a, bValue) -> truth(a != bValue, a, bValue));
    }

    /** {@code series_not_equals(scalar, series)}. */
    public static double[] notEquals(double a, double[] y) {
        return withLeft(a, y, (aValue, b) -> truth(aValue != b, aValue, b));
    }

    private static double[] map(double[] x, DoubleUnaryOperator op) {
        Objects.requireNonNull(x, "x");
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = op.applyAsDouble(x[i]);
        }
        return out;
    }

    /** Corresponding elements; beyond the shorter series the result is NaN (a missing element). */
    private static double[] zip(double[] x, double[] y, DoubleBinaryOperator op) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = Math.max(x.length, y.length);
        int common = Math.min(x.length, y.length);
        double[] out = new double[n];
        for (int i = 0; i < common; i++) {
            out[i] = op.applyAsDouble(x[i], y[i]);
        }
        java.util.Arrays.fill(out, common, n, Double.NaN);
        return out;
    }

    /** A series against a scalar on the right. */
    private static double[] withRight(double[] x, double b, DoubleBinaryOperator op) {
        Objects.requireNonNull(x, "x");
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = op.applyAsDouble(x[i], b);
        }
        return out;
    }

    /** A scalar on the left against a series. */
    private static double[] withLeft(double a, double[] y, DoubleBinaryOperator op) {
        Objects.requireNonNull(y, "y");
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = op.applyAsDouble(a, y[i]);
        }
        return out;
    }
}
