package dev.trawl.engine.function;

import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Math functions: bin/floor and bin_at, rounding, powers and logarithms, trigonometry, gamma, erf and the
 * beta distribution, NaN/infinity tests, max_of/min_of, rand, the bitwise binary_* functions, around, and
 * the convert_* unit conversions ({@link UnitConversions}). Result types follow Kusto's function signatures:
 * most functions give real; round, ceiling and bin keep their argument's type; abs gives long for integers.
 */
final class MathFunctions {
    private static final ScalarType[] NUMBERS = {ScalarType.INT, ScalarType.LONG, ScalarType.REAL, ScalarType.DECIMAL};
    private static final ScalarType[] INTEGERS = {ScalarType.INT, ScalarType.LONG};

    private MathFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        binning(registry);
        rounding(registry);
        elementary(registry);
        special(registry);
        comparisons(registry);
        bitwise(registry);
        UnitConversions.register(registry);
    }

    // ---------------------------------------------------------------------------------------------
    // bin, floor, bin_at

    private static void binning(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("bin", 2, 2, types -> {
            ScalarType value = types.get(0);
            ScalarType size = types.get(1);
            if (value == ScalarType.DATETIME || value == ScalarType.TIMESPAN) {
                return size == ScalarType.TIMESPAN || size == ScalarType.DYNAMIC ? value : null;
            }
            return Types.widerNumber(value, size);
        }, (a, call) -> bin(a[0], a[1], call.resultType()),
                "rounds down to a multiple of the size: bin(Timestamp, 1h); bin(4.5, 1) is 4; a size that is not"
                        + " positive gives null").withFastPath(FastKernels.bin()));
        registry.alias("floor", "bin");
        registry.add(ScalarFunction.of("bin_at", 3, 3, types -> {
            ScalarType value = types.get(0);
            ScalarType size = types.get(1);
            ScalarType fixed = types.get(2);
            if (value == ScalarType.DATETIME || value == ScalarType.TIMESPAN) {
                return size == ScalarType.TIMESPAN && fixed == value ? value : null;
            }
            ScalarType wider = Types.widerNumber(value, size);
            return wider == null ? null : Types.widerNumber(wider, fixed);
        }, (a, call) -> binAt(a[0], a[1], a[2], call.resultType()),
                "bins aligned to a fixed point: bin_at(6.5, 2.5, 7) is 4.5, bin_at(time(1h), 1d, 12h) is -12:00:00"));
    }

    /** Rounds down to a multiple of the size; datetimes align to 0001-01-01 (ticks 0). A non-positive size gives null. */
    static Object bin(Object value, Object size, ScalarType type) {
        return binAt(value, size, null, type);
    }

    /** {@code fixed + floor((value - fixed) / size) * size}; a null {@code fixed} is bin()'s zero. */
    static Object binAt(Object value, Object size, Object fixed, ScalarType type) {
        if (!(value instanceof Number v) || !(size instanceof Number s) || (fixed != null && !(fixed instanceof Number))) {
            return null;
        }
        Number origin = fixed == null ? Long.valueOf(0) : (Number) fixed;
        switch (type) {
            case DATETIME, TIMESPAN, LONG, INT: {
                long step = s.longValue();
                if (step <= 0) {
                    return null;
                }
                long start = origin.longValue();
                try {
                    long result = Math.addExact(start, Math.multiplyExact(Math.floorDiv(Math.subtractExact(v.longValue(),
                            start), step), step));
                    if (type == ScalarType.DATETIME) {
                        return DatetimeFunctions.inRange(result);
                    }
                    return type == ScalarType.INT ? (Object) (int) result : (Object) result;
                } catch (ArithmeticException overflow) {
                    return null;
                }
            }
            case REAL: {
                double step = s.doubleValue();
                if (!(step > 0)) {
                    return null;
                }
                double start = origin.doubleValue();
                return start + Math.floor((v.doubleValue() - start) / step) * step;
            }
            case DECIMAL: {
                BigDecimal step = Values.decimal(s);
                if (step.signum() <= 0) {
                    return null;
                }
                BigDecimal start = Values.decimal(origin);
                return start.add(Values.decimal(v).subtract(start).divide(step, 0, RoundingMode.FLOOR).multiply(step));
            }
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // abs, round, ceiling, sign

    private static void rounding(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("abs", 1, 1, types -> switch (types.get(0)) {
            case INT, LONG -> ScalarType.LONG;
            case REAL, DECIMAL -> ScalarType.REAL;
            // The docs take int, real or timespan; rules write abs(SigninTime - RiskTime).
            case TIMESPAN -> ScalarType.TIMESPAN;
            case DYNAMIC -> ScalarType.DYNAMIC;
            default -> null;
        }, (a, call) -> switch (a[0]) {
            case Integer i -> Math.abs((long) i);
            case Long l -> Math.abs(l);
            case Double d -> Math.abs(d);
            case BigDecimal d -> d.abs().doubleValue();
            default -> null;
        }, "abs(-5) is 5, abs(-1h) is 1h; integers give long, reals and decimals real"));
        registry.add(ScalarFunction.of("round", 1, 2, types -> numberOrDynamic(types.get(0))
                && (types.size() < 2 || integerOrDynamic(types.get(1))) ? types.get(0) : null, (a, call) -> {
                    Long digits = a.length > 1 ? DatetimeFunctions.integer(a[1]) : Long.valueOf(0);
                    return digits == null ? null : round(a[0], (int) Math.max(-400, Math.min(400, digits)));
                }, "round(2.15, 1) is 2.2, round(-50.55, -2) is -100; halves round away from zero"));
        registry.add(ScalarFunction.of("ceiling", 1, 1, types -> numberOrDynamic(types.get(0)) ? types.get(0) : null,
                (a, call) -> switch (a[0]) {
                    case Double d -> Math.ceil(d);
                    case BigDecimal d -> d.setScale(0, RoundingMode.CEILING);
                    case Integer i -> i;
                    case Long l -> l;
                    default -> null;
                }, "the smallest integer not below the number: ceiling(-1.1) is -1, ceiling(0.9) is 1"));
        realFunction(registry, "sign", Math::signum, "sign(-42) is -1, sign(0) is 0, sign(11.2) is 1");
    }

    /**
     * Rounds to {@code digits} decimal places (negative digits round to tens, hundreds, ...). Halves round away
     * from zero, and a real is rounded as the decimal number it prints as, so round(2.15, 1) is 2.2 as the docs
     * show even though the double nearest 2.15 is slightly below it. (The docs give no tie example; away from
     * zero is the usual SQL and Kusto reading of "round".)
     */
    static Object round(Object value, int digits) {
        return switch (value) {
            case Double d -> Double.isFinite(d)
                    ? new BigDecimal(Double.toString(d)).setScale(digits, RoundingMode.HALF_UP).doubleValue() : d;
            case BigDecimal d -> d.setScale(digits, RoundingMode.HALF_UP);
            case Long l -> digits >= 0 ? l : roundWhole(l, digits);
            case Integer i -> digits >= 0 ? i : (Object) (int) roundWhole(i, digits);
            default -> null;
        };
    }

    private static long roundWhole(long value, int digits) {
        if (digits < -19) {
            return 0;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP);
        return rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                || rounded.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? 0 : rounded.longValue();
    }

    // ---------------------------------------------------------------------------------------------
    // Powers, logarithms, trigonometry

    private static void elementary(FunctionRegistry.Builder registry) {
        realFunction(registry, "sqrt", Math::sqrt, "sqrt(4) is 2; a negative number gives NaN");
        realFunction(registry, "exp", Math::exp, "exp(1) is e");
        realFunction(registry, "exp2", x -> Math.pow(2, x), "exp2(3) is 8");
        realFunction(registry, "exp10", x -> Math.pow(10, x), "exp10(3) is 1000");
        realFunction(registry, "log", Math::log, "natural logarithm: log(5) is 1.6094379124341003");
        realFunction(registry, "log2", MathFunctions::log2, "base-2 logarithm: log2(8) is 3");
        realFunction(registry, "log10", Math::log10, "base-10 logarithm: log10(1000) is 3");
        realFunction(registry, "sin", Math::sin, "sine of radians");
        realFunction(registry, "cos", Math::cos, "cosine of radians");
        realFunction(registry, "tan", Math::tan, "tangent of radians");
        realFunction(registry, "cot", x -> 1 / Math.tan(x), "cotangent of radians: cot(1) is 0.6420926159343306");
        realFunction(registry, "asin", Math::asin, "arc sine, in radians");
        realFunction(registry, "acos", Math::acos, "arc cosine, in radians");
        realFunction(registry, "atan", Math::atan, "arc tangent, in radians");
        realFunction(registry, "degrees", Math::toDegrees, "radians to degrees: degrees(pi()/4) is 45");
        realFunction(registry, "radians", Math::toRadians, "degrees to radians: radians(180) is pi");
        realFunction2(registry, "pow", Math::pow, "pow(2, 3) is 8");
        realFunction2(registry, "atan2", Math::atan2, "atan2(y, x): the angle of (x, y), atan2(1, 1) is pi/4");
        registry.add(ScalarFunction.of("pi", 0, 0, Types.fixed(ScalarType.REAL), (a, call) -> Math.PI,
                "pi() is 3.141592653589793"));
    }

    /** Exact at powers of two (as C's log2), else the natural logarithm scaled. */
    static double log2(double x) {
        if (x > 0 && Double.isFinite(x) && x == Math.scalb(1.0, Math.getExponent(x))) {
            return Math.getExponent(x);
        }
        return Math.log(x) / Math.log(2);
    }

    // ---------------------------------------------------------------------------------------------
    // gamma, erf, the beta distribution, NaN tests

    private static void special(FunctionRegistry.Builder registry) {
        realFunction(registry, "gamma", SpecialFunctions::gamma, "gamma(5) is 24 (= 4!)");
        realFunction(registry, "loggamma", SpecialFunctions::logGamma,
                "natural logarithm of |gamma(x)|: loggamma(5) is 3.1780538303479458");
        realFunction(registry, "erf", SpecialFunctions::erf, "the error function: erf(1) is 0.842700792949715");
        realFunction(registry, "erfc", SpecialFunctions::erfc, "1 - erf(x), accurate far out: erfc(3) is 2.209e-05");
        ScalarFunction.TypeRule three = Types.fixed(ScalarType.REAL, NUMBERS);
        registry.add(ScalarFunction.of("beta_cdf", 3, 3, three, (a, call) -> {
            Double x = real(a[0]);
            Double alpha = real(a[1]);
            Double beta = real(a[2]);
            return x == null || alpha == null || beta == null ? null : SpecialFunctions.betaCdf(x, alpha, beta);
        }, "the beta distribution's cumulative probability; x outside [0, 1] or a parameter <= 0 gives NaN"));
        registry.add(ScalarFunction.of("beta_pdf", 3, 3, three, (a, call) -> {
            Double x = real(a[0]);
            Double alpha = real(a[1]);
            Double beta = real(a[2]);
            return x == null || alpha == null || beta == null ? null : SpecialFunctions.betaPdf(x, alpha, beta);
        }, "the beta distribution's density; x outside [0, 1] or a parameter <= 0 gives NaN"));
        registry.add(ScalarFunction.of("beta_inv", 3, 3, three, (a, call) -> {
            Double p = real(a[0]);
            Double alpha = real(a[1]);
            Double beta = real(a[2]);
            return p == null || alpha == null || beta == null ? null : SpecialFunctions.betaInv(p, alpha, beta);
        }, "the x with beta_cdf(x, alpha, beta) = p; a p outside (0, 1] gives null, a parameter <= 0 NaN"
                + " (as the docs' example output shows)"));
        ScalarFunction.TypeRule test = Types.fixed(ScalarType.BOOL, NUMBERS);
        registry.add(ScalarFunction.of("isnan", 1, 1, test,
                (a, call) -> a[0] instanceof Double d ? (Object) d.isNaN() : a[0] instanceof Number ? false : null,
                "isnan(0.0 / 0) is true"));
        registry.add(ScalarFunction.of("isinf", 1, 1, test,
                (a, call) -> a[0] instanceof Double d ? (Object) d.isInfinite() : a[0] instanceof Number ? false : null,
                "isinf(1.0 / 0) is true"));
        registry.add(ScalarFunction.of("isfinite", 1, 1, test,
                (a, call) -> a[0] instanceof Double d ? (Object) Double.isFinite(d) : a[0] instanceof Number ? true : null,
                "isfinite(1.0) is true; NaN and infinities are not finite"));
    }

    // ---------------------------------------------------------------------------------------------
    // max_of, min_of, around, rand

    private static void comparisons(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule common = types -> {
            ScalarType type = Types.common(types);
            return type != null && (type.isNumeric() || type == ScalarType.DATETIME || type == ScalarType.TIMESPAN
                    || type == ScalarType.DYNAMIC || type == ScalarType.STRING) ? type : null;
        };
        registry.add(ScalarFunction.of("max_of", 2, 64, common, ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS,
                (a, call) -> extreme(a, call.resultType(), 1),
                "the largest argument, nulls ignored (null when all are null): max_of(10, 1, -3, 17) is 17"));
        registry.add(ScalarFunction.of("min_of", 2, 64, common, ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS,
                (a, call) -> extreme(a, call.resultType(), -1),
                "the smallest argument, nulls ignored (null when all are null): min_of(10, 1, -3, 17) is -3"));
        registry.add(ScalarFunction.of("around", 3, 3, types -> {
            ScalarType value = types.get(0);
            ScalarType center = types.get(1);
            ScalarType delta = types.get(2);
            if (value == ScalarType.DATETIME || value == ScalarType.TIMESPAN) {
                return center == value && delta == ScalarType.TIMESPAN ? ScalarType.BOOL : null;
            }
            return numberOrDynamic(value) && numberOrDynamic(center) && numberOrDynamic(delta) ? ScalarType.BOOL : null;
        }, (a, call) -> {
            if (!(a[0] instanceof Number value) || !(a[1] instanceof Number center) || !(a[2] instanceof Number delta)) {
                return null;
            }
            if (value instanceof Double || center instanceof Double || delta instanceof Double) {
                double c = center.doubleValue();
                double d = delta.doubleValue();
                return value.doubleValue() >= c - d && value.doubleValue() <= c + d;
            }
            BigDecimal v = Values.decimal(value);
            BigDecimal c = Values.decimal(center);
            BigDecimal d = Values.decimal(delta);
            return v.compareTo(c.subtract(d)) >= 0 && v.compareTo(c.add(d)) <= 0;
        }, "around(value, center, delta): value within [center - delta, center + delta], inclusive"));
        registry.add(ScalarFunction.of("rand", 0, 1, types -> types.isEmpty() || integerOrDynamic(types.get(0))
                ? ScalarType.REAL : null, (a, call) -> {
                    if (a.length == 0) {
                        return ThreadLocalRandom.current().nextDouble();
                    }
                    Long n = DatetimeFunctions.integer(a[0]);
                    return n == null || n <= 0 ? null : (double) ThreadLocalRandom.current().nextLong(n);
                }, "rand() is uniform in [0, 1); rand(N) one of 0.0, 1.0, ..., N - 1").nondeterministic()
                .withFastPath(FastKernels.rand()));
    }

    private static Object extreme(Object[] values, ScalarType type, int sign) {
        Object best = null;
        for (Object value : values) {
            if (value == null) {
                continue;
            }
            if (best == null || Integer.signum(Values.compare(value, best)) == sign) {
                best = value;
            }
        }
        return best == null && type == ScalarType.STRING ? "" : ConversionFunctions.convert(best, type);
    }

    // ---------------------------------------------------------------------------------------------
    // binary_*, bitset_count_ones, gcd, lcm

    private static void bitwise(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule one = Types.fixed(ScalarType.LONG, INTEGERS);
        ScalarFunction.TypeRule two = Types.fixed(ScalarType.LONG, INTEGERS);
        registry.add(ScalarFunction.of("binary_and", 2, 2, two, (a, call) -> longs(a, (x, y) -> x & y),
                "bitwise and: binary_and(6, 3) is 2"));
        registry.add(ScalarFunction.of("binary_or", 2, 2, two, (a, call) -> longs(a, (x, y) -> x | y),
                "bitwise or: binary_or(5, 3) is 7"));
        registry.add(ScalarFunction.of("binary_xor", 2, 2, two, (a, call) -> longs(a, (x, y) -> x ^ y),
                "bitwise exclusive or: binary_xor(5, 3) is 6"));
        // Shifts use the count's low six bits, as .NET's shift of a long does.
        registry.add(ScalarFunction.of("binary_shift_left", 2, 2, two, (a, call) -> longs(a, (x, y) -> x << y),
                "binary_shift_left(1, 3) is 8"));
        registry.add(ScalarFunction.of("binary_shift_right", 2, 2, two, (a, call) -> longs(a, (x, y) -> x >> y),
                "arithmetic shift: binary_shift_right(-8, 1) is -4"));
        registry.add(ScalarFunction.of("binary_not", 1, 1, one, (a, call) -> {
            Long x = DatetimeFunctions.integer(a[0]);
            return x == null ? null : ~x;
        }, "bitwise not: binary_not(5) is -6"));
        registry.add(ScalarFunction.of("bitset_count_ones", 1, 1, one, (a, call) -> switch (a[0]) {
            case Integer i -> (long) Integer.bitCount(i);
            case Long l -> (long) Long.bitCount(l);
            default -> null;
        }, "the number of set bits: bitset_count_ones(42) is 3 (an int counts its 32 bits)"));
        registry.add(ScalarFunction.of("gcd", 2, 2, two, (a, call) -> longs(a, MathFunctions::gcd),
                "greatest common divisor: gcd(12, 18) is 6"));
        registry.add(ScalarFunction.of("lcm", 2, 2, two, (a, call) -> longs(a, (x, y) -> {
            long divisor = gcd(x, y);
            return divisor == 0 ? 0 : Math.abs(x / divisor * y);
        }), "least common multiple: lcm(4, 6) is 12"));
    }

    private interface LongBinaryOperator {
        long apply(long x, long y);
    }

    private static Object longs(Object[] a, LongBinaryOperator operator) {
        Long x = a[0] instanceof Integer || a[0] instanceof Long ? ((Number) a[0]).longValue() : null;
        Long y = a[1] instanceof Integer || a[1] instanceof Long ? ((Number) a[1]).longValue() : null;
        return x == null || y == null ? null : operator.apply(x, y);
    }

    static long gcd(long x, long y) {
        long a = Math.abs(x);
        long b = Math.abs(y);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    // ---------------------------------------------------------------------------------------------
    // Shared

    /** A function of one number giving a real; a dynamic that is not a number gives null. */
    private static void realFunction(FunctionRegistry.Builder registry, String name, DoubleUnaryOperator function,
                                     String description) {
        registry.add(ScalarFunction.of(name, 1, 1, Types.fixed(ScalarType.REAL, NUMBERS), (a, call) -> {
            Double x = real(a[0]);
            return x == null ? null : function.applyAsDouble(x);
        }, description));
    }

    private static void realFunction2(FunctionRegistry.Builder registry, String name, DoubleBinaryOperator function,
                                      String description) {
        registry.add(ScalarFunction.of(name, 2, 2, Types.fixed(ScalarType.REAL, NUMBERS), (a, call) -> {
            Double x = real(a[0]);
            Double y = real(a[1]);
            return x == null || y == null ? null : function.applyAsDouble(x, y);
        }, description));
    }

    static Double real(Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }

    static boolean numberOrDynamic(ScalarType type) {
        return type.isNumeric() || type == ScalarType.DYNAMIC;
    }

    static boolean integerOrDynamic(ScalarType type) {
        return List.of(INTEGERS).contains(type) || type == ScalarType.DYNAMIC;
    }

    // ---------------------------------------------------------------------------------------------

    /** Gamma, error function and the regularized incomplete beta function, to double precision. */
    static final class SpecialFunctions {
        private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

        private SpecialFunctions() {
        }

        static double gamma(double x) {
            if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
                return Double.NaN;
            }
            if (x == Math.rint(x)) {
                if (x <= 0) {
                    return Double.NaN; // the poles
                }
                if (x <= 171) {
                    // Whole numbers exactly (as far as a double holds them): gamma(5) is 24, not 23.999999999999996.
                    double product = 1;
                    for (int k = 2; k < x; k++) {
                        product *= k;
                    }
                    return product;
                }
                return Double.POSITIVE_INFINITY;
            }
            if (x < 0.5) {
                return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
            }
            if (x > 171.7) {
                return Double.POSITIVE_INFINITY;
            }
            return Math.exp(logGammaPositive(x));
        }

        static double logGamma(double x) {
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            if (x == Math.rint(x) && x <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            if (x < 0.5) {
                // Reflection: log|gamma(x)| = log(pi / |sin(pi x)|) - log|gamma(1 - x)|.
                return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
            }
            if (x == Math.rint(x) && x <= 171) {
                return Math.log(gamma(x));
            }
            return logGammaPositive(x);
        }

        /**
         * log gamma(x) for x >= 0.5: the recurrence gamma(x) = gamma(x + n) / (x (x + 1) ... (x + n - 1)) moves x
         * to 15 or more, where Stirling's series to the x^-13 term (Bernoulli numbers B2..B14) is exact to double
         * precision.
         */
        private static double logGammaPositive(double x) {
            double product = 1;
            while (x < 15) {
                product *= x;
                x += 1;
            }
            double inverse = 1 / x;
            double square = inverse * inverse;
            double series = inverse * (1.0 / 12 + square * (-1.0 / 360 + square * (1.0 / 1260 + square * (-1.0 / 1680
                    + square * (1.0 / 1188 + square * (-691.0 / 360360 + square / 156))))));
            return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - Math.log(product);
        }

        static double erf(double x) {
            if (Double.isNaN(x)) {
                return x;
            }
            if (x < 0) {
                return -erf(-x);
            }
            return x < 2 ? erfSeries(x) : 1 - erfcContinuedFraction(x);
        }

        static double erfc(double x) {
            if (Double.isNaN(x)) {
                return x;
            }
            if (x < 0) {
                return 2 - erfc(-x);
            }
            return x < 2 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
        }

        /**
         * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)): every term is positive, so
         * nothing cancels (unlike the Taylor series) and it converges fast for the x below 2 it serves.
         */
        private static double erfSeries(double x) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        }

        /** erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), by Lentz's method. */
        private static double erfcContinuedFraction(double x) {
            if (x > 27) {
                return 0;
            }
            double tiny = 1e-300;
            double f = x;
            double c = x;
            double d = 0;
            for (int n = 1; n < 500; n++) {
                double a = n / 2.0;
                d = x + a * d;
                d = Math.abs(d) < tiny ? tiny : d;
                c = x + a / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) {
                    break;
                }
            }
            return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
        }

        static double betaPdf(double x, double alpha, double beta) {
            if (!(alpha > 0) || !(beta > 0) || !(x >= 0) || !(x <= 1)) {
                return Double.NaN;
            }
            double logBeta = logGamma(alpha) + logGamma(beta) - logGamma(alpha + beta);
            if (x == 0 || x == 1) {
                double edge = x == 0 ? alpha : beta;
                return edge < 1 ? Double.POSITIVE_INFINITY : edge > 1 ? 0 : Math.exp(-logBeta);
            }
            return Math.exp((alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - logBeta);
        }

        static double betaCdf(double x, double alpha, double beta) {
            if (!(alpha > 0) || !(beta > 0) || !(x >= 0) || !(x <= 1)) {
                return Double.NaN;
            }
            return regularizedBeta(x, alpha, beta);
        }

        /** Bisection on the monotone cdf: slow but sure, and exact to the last bit of x in ~60 steps. */
        static Double betaInv(double p, double alpha, double beta) {
            if (!(alpha > 0) || !(beta > 0)) {
                return Double.NaN;
            }
            if (!(p > 0) || p > 1) {
                return null;
            }
            if (p == 1) {
                return 1.0;
            }
            double low = 0;
            double high = 1;
            for (int i = 0; i < 200 && high - low > 0; i++) {
                double middle = (low + high) / 2;
                if (middle == low || middle == high) {
                    break;
                }
                if (regularizedBeta(middle, alpha, beta) < p) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return (low + high) / 2;
        }

        /** I_x(a, b) by its continued fraction, on the side of the symmetry where the fraction converges fast. */
        static double regularizedBeta(double x, double a, double b) {
            if (x == 0 || x == 1) {
                return x;
            }
            double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x)
                    - (logGamma(a) + logGamma(b) - logGamma(a + b)));
            if (x < (a + 1) / (a + b + 2)) {
                return front * betaContinuedFraction(x, a, b) / a;
            }
            return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
        }

        private static double betaContinuedFraction(double x, double a, double b) {
            double tiny = 1e-300;
            double c = 1;
            double d = 1 - (a + b) * x / (a + 1);
            d = Math.abs(d) < tiny ? tiny : d;
            d = 1 / d;
            double h = d;
            for (int m = 1; m < 1000; m++) {
                int m2 = 2 * m;
                double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
                d = 1 + even * d;
                d = Math.abs(d) < tiny ? tiny : d;
                c = 1 + even / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                h *= d * c;
                double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
                d = 1 + odd * d;
                d = Math.abs(d) < tiny ? tiny : d;
                c = 1 + odd / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                double delta = d * c;
                h *= delta;
                if (Math.abs(delta - 1) < 1e-16) {
                    break;
                }
            }
            return h;
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * convert_angle, _energy, _force, _length, _mass, _speed, _temperature and _volume. Kusto's unit names
     * and factors are those of the UnitsNet library (the names the docs list); names match ignoring case and
     * an unknown unit gives null. Every unit is affine to its quantity's base unit (base = value * scale +
     * offset; only temperatures have an offset), except the angle Tilt (the sine of the angle). The
     * arithmetic is decimal, so exact factors give exact results: 1.2 m/s is 432000 cm/h, not 431999.99999999994.
     * Deliberate: the mile is the international 1609.344 m (older UnitsNet releases used 1609.34).
     */
    static final class UnitConversions {
        private static final java.math.MathContext CONTEXT = java.math.MathContext.DECIMAL128;
        /** 180 / pi to 34 digits, so that convert_angle(pi(), 'Radian', 'Degree') is exactly 180. */
        private static final String RADIAN_IN_DEGREES = "57.29577951308232087679815481410517";

        private record Unit(BigDecimal scale, BigDecimal offset) {
        }

        private static final class Quantity {
            private final java.util.Map<String, Unit> units = new java.util.HashMap<>();

            /** A unit whose base value is value * factor; factor is decimals joined by '*' and '/', left to right. */
            Quantity unit(String name, String factor) {
                return unit(name, factor, "0");
            }

            Quantity unit(String name, String factor, String offset) {
                units.put(name.toLowerCase(java.util.Locale.ROOT), new Unit(decimal(factor), decimal(offset)));
                return this;
            }

            Unit find(String name) {
                return units.get(name.trim().toLowerCase(java.util.Locale.ROOT));
            }

            private static BigDecimal decimal(String text) {
                java.util.regex.Matcher term = java.util.regex.Pattern.compile("([*/]?)([^*/]+)").matcher(text);
                BigDecimal value = BigDecimal.ONE;
                while (term.find()) {
                    BigDecimal operand = new BigDecimal(term.group(2));
                    value = term.group(1).equals("/") ? value.divide(operand, CONTEXT) : value.multiply(operand, CONTEXT);
                }
                return value;
            }
        }

        private UnitConversions() {
        }

        static void register(FunctionRegistry.Builder registry) {
            conversion(registry, "angle", angle(), "convert_angle(1.2, 'Degree', 'Arcminute') is 72");
            conversion(registry, "energy", energy(), "convert_energy(1.2, 'Joule', 'BritishThermalUnit') is 0.001137");
            conversion(registry, "force", force(), "convert_force(1.2, 'Newton', 'Decanewton') is 0.12");
            conversion(registry, "length", length(), "convert_length(1.2, 'Meter', 'Foot') is 3.937");
            conversion(registry, "mass", mass(), "convert_mass(1.2, 'Kilogram', 'Pound') is 2.6455");
            conversion(registry, "speed", speed(), "convert_speed(1.2, 'MeterPerSecond', 'CentimeterPerHour') is 432000");
            conversion(registry, "temperature", temperature(),
                    "convert_temperature(1.2, 'Kelvin', 'DegreeCelsius') is -271.95");
            conversion(registry, "volume", volume(), "convert_volume(1.2, 'CubicMeter', 'AcreFoot') is 0.0009728568");
        }

        private static void conversion(FunctionRegistry.Builder registry, String quantityName, Quantity quantity,
                                       String example) {
            registry.add(ScalarFunction.of("convert_" + quantityName, 3, 3, types -> numberOrDynamic(types.get(0))
                    && DatetimeFunctions.isStringOrDynamic(types.get(1)) && DatetimeFunctions.isStringOrDynamic(types.get(2))
                    ? ScalarType.REAL : null, (a, call) -> {
                        Double value = real(a[0]);
                        if (value == null || !(a[1] instanceof String from) || !(a[2] instanceof String to)) {
                            return null;
                        }
                        boolean tiltFrom = quantity == ANGLE && from.trim().equalsIgnoreCase("Tilt");
                        boolean tiltTo = quantity == ANGLE && to.trim().equalsIgnoreCase("Tilt");
                        Unit source = tiltFrom ? DEGREE : quantity.find(from);
                        Unit target = tiltTo ? DEGREE : quantity.find(to);
                        if (source == null || target == null) {
                            return null;
                        }
                        double start = tiltFrom ? Math.toDegrees(Math.asin(value)) : value;
                        if (!Double.isFinite(start)) {
                            return start;
                        }
                        BigDecimal base = new BigDecimal(Double.toString(start)).multiply(source.scale(), CONTEXT)
                                .add(source.offset(), CONTEXT);
                        double result = base.subtract(target.offset(), CONTEXT).divide(target.scale(), CONTEXT)
                                .doubleValue();
                        return tiltTo ? Math.sin(Math.toRadians(result)) : result;
                    }, "converts a " + quantityName + " between units: " + example));
        }

        private static final Unit DEGREE = new Unit(BigDecimal.ONE, BigDecimal.ZERO);
        private static final Quantity ANGLE = new Quantity()
                .unit("Arcminute", "1/60").unit("Arcsecond", "1/3600").unit("Degree", "1").unit("Gradian", "0.9")
                .unit("Microdegree", "1e-6").unit("Millidegree", "1e-3").unit("Nanodegree", "1e-9")
                .unit("NatoMil", "9/160").unit("Revolution", "360").unit("Radian", RADIAN_IN_DEGREES)
                .unit("Centiradian", RADIAN_IN_DEGREES + "/100").unit("Deciradian", RADIAN_IN_DEGREES + "/10")
                .unit("Milliradian", RADIAN_IN_DEGREES + "/1e3").unit("Microradian", RADIAN_IN_DEGREES + "/1e6")
                .unit("Nanoradian", RADIAN_IN_DEGREES + "/1e9");

        private static Quantity angle() {
            return ANGLE;
        }

        private static Quantity energy() {
            String btu = "1055.05585262";
            String electronVolt = "1.602176212e-19";
            return new Quantity().unit("Joule", "1").unit("Millijoule", "1e-3").unit("Kilojoule", "1e3")
                    .unit("Megajoule", "1e6").unit("Gigajoule", "1e9")
                    .unit("BritishThermalUnit", btu).unit("KilobritishThermalUnit", btu + "e3")
                    .unit("MegabritishThermalUnit", btu + "e6").unit("GigabritishThermalUnit", btu + "e9")
                    .unit("Calorie", "4.184").unit("Kilocalorie", "4184").unit("Megacalorie", "4.184e6")
                    .unit("ThermEc", "1.05505585262e8").unit("DecathermEc", "1.05505585262e9")
                    .unit("ThermImperial", "1.05505585257348e8").unit("DecathermImperial", "1.05505585257348e9")
                    .unit("ThermUs", "1.054804e8").unit("DecathermUs", "1.054804e9")
                    .unit("ElectronVolt", electronVolt).unit("KiloelectronVolt", electronVolt + "*1e3")
                    .unit("MegaelectronVolt", electronVolt + "*1e6").unit("GigaelectronVolt", electronVolt + "*1e9")
                    .unit("TeraelectronVolt", electronVolt + "*1e12")
                    .unit("Erg", "1e-7").unit("FootPound", "1.355817948").unit("HorsepowerHour", "2.6845195377e6")
                    .unit("WattHour", "3600").unit("KilowattHour", "3.6e6").unit("MegawattHour", "3.6e9")
                    .unit("GigawattHour", "3.6e12").unit("TerawattHour", "3.6e15")
                    .unit("WattDay", "86400").unit("KilowattDay", "8.64e7").unit("MegawattDay", "8.64e10")
                    .unit("GigawattDay", "8.64e13").unit("TerawattDay", "8.64e16");
        }

        private static Quantity force() {
            return new Quantity().unit("Newton", "1").unit("Micronewton", "1e-6").unit("Millinewton", "1e-3")
                    .unit("Decanewton", "10").unit("Kilonewton", "1e3").unit("Meganewton", "1e6").unit("Dyn", "1e-5")
                    .unit("KilogramForce", "9.80665").unit("KiloPond", "9.80665").unit("TonneForce", "9806.65")
                    .unit("PoundForce", "4.4482216152605").unit("KilopoundForce", "4448.2216152605")
                    .unit("ShortTonForce", "8896.443230521").unit("OunceForce", "0.27801385095378125")
                    .unit("Poundal", "0.138254954376");
        }

        private static Quantity length() {
            String lightYear = "9.46073047258e15";
            String parsec = "3.08567758128e16";
            return new Quantity().unit("Meter", "1").unit("Nanometer", "1e-9").unit("Micrometer", "1e-6")
                    .unit("Millimeter", "1e-3").unit("Centimeter", "1e-2").unit("Decimeter", "0.1")
                    .unit("Decameter", "10").unit("Hectometer", "100").unit("Kilometer", "1000")
                    .unit("Angstrom", "1e-10").unit("AstronomicalUnit", "1.4959787070e11").unit("Chain", "20.1168")
                    .unit("DataMile", "1828.8").unit("Fathom", "1.8288").unit("Foot", "0.3048").unit("Hand", "0.1016")
                    .unit("Inch", "0.0254").unit("Microinch", "2.54e-8").unit("Mil", "2.54e-5").unit("Mile", "1609.344")
                    .unit("NauticalMile", "1852").unit("Shackle", "27.432").unit("Yard", "0.9144")
                    .unit("UsSurveyFoot", "1200/3937").unit("SolarRadius", "6.95510000e8")
                    .unit("LightYear", lightYear).unit("KilolightYear", lightYear + "*1e3")
                    .unit("MegalightYear", lightYear + "*1e6")
                    .unit("Parsec", parsec).unit("Kiloparsec", parsec + "*1e3").unit("Megaparsec", parsec + "*1e6")
                    .unit("PrinterPoint", "0.0254/72.27").unit("DtpPoint", "0.0254/72")
                    .unit("PrinterPica", "1/237.106301584").unit("DtpPica", "1/236.220472441")
                    .unit("Twip", "1/56692.913385826");
        }

        private static Quantity mass() {
            String pound = "0.45359237";
            return new Quantity().unit("Kilogram", "1").unit("Nanogram", "1e-12").unit("Microgram", "1e-9")
                    .unit("Milligram", "1e-6").unit("Centigram", "1e-5").unit("Decigram", "1e-4").unit("Gram", "1e-3")
                    .unit("Decagram", "1e-2").unit("Hectogram", "0.1").unit("Tonne", "1e3").unit("Kilotonne", "1e6")
                    .unit("Megatonne", "1e9").unit("Pound", pound).unit("Kilopound", pound + "*1e3")
                    .unit("Megapound", pound + "*1e6").unit("Ounce", "0.028349523125").unit("Grain", "6.479891e-5")
                    .unit("Stone", "6.35029318").unit("ShortTon", "907.18474").unit("LongTon", "1016.0469088")
                    .unit("ShortHundredweight", "45.359237").unit("LongHundredweight", "50.80234544")
                    .unit("Slug", "14.593902937206365").unit("EarthMass", "5.9722e24").unit("SolarMass", "1.98947e30");
        }

        private static Quantity speed() {
            Quantity speed = new Quantity().unit("Knot", "1852/3600").unit("MilePerHour", "0.44704");
            String[][] lengths = {{"Nanometer", "1e-9"}, {"Micrometer", "1e-6"}, {"Millimeter", "1e-3"},
                    {"Centimeter", "1e-2"}, {"Decimeter", "0.1"}, {"Meter", "1"}, {"Kilometer", "1e3"},
                    {"Foot", "0.3048"}, {"Inch", "0.0254"}, {"Yard", "0.9144"}, {"UsSurveyFoot", "1200/3937"}};
            for (String[] length : lengths) {
                // "a/b" factors already hold one '/', so the per-time divisor joins the denominator.
                String[] parts = length[1].split("/");
                String denominator = parts.length > 1 ? parts[1] : "1";
                speed.unit(length[0] + "PerSecond", parts[0] + "/" + denominator)
                        .unit(length[0] + "PerMinute", parts[0] + "/" + new BigDecimal(denominator).multiply(
                                BigDecimal.valueOf(60)).toPlainString())
                        .unit(length[0] + "PerHour", parts[0] + "/" + new BigDecimal(denominator).multiply(
                                BigDecimal.valueOf(3600)).toPlainString());
            }
            return speed;
        }

        private static Quantity temperature() {
            return new Quantity().unit("Kelvin", "1").unit("DegreeCelsius", "1", "273.15")
                    .unit("MillidegreeCelsius", "1e-3", "273.15").unit("DegreeFahrenheit", "5/9", "255.3722222222222222222222222222222")
                    .unit("DegreeRankine", "5/9").unit("DegreeDelisle", "-2/3", "373.15")
                    .unit("DegreeNewton", "100/33", "273.15").unit("DegreeReaumur", "1.25", "273.15")
                    .unit("DegreeRoemer", "40/21", "258.8642857142857142857142857142857")
                    .unit("SolarTemperature", "5778");
        }

        private static Quantity volume() {
            Quantity volume = new Quantity().unit("CubicMeter", "1").unit("HectocubicMeter", "100")
                    .unit("KilocubicMeter", "1e3").unit("CubicKilometer", "1e9").unit("CubicHectometer", "1e6")
                    .unit("CubicDecimeter", "1e-3").unit("CubicCentimeter", "1e-6").unit("CubicMillimeter", "1e-9")
                    .unit("CubicMicrometer", "1e-18").unit("CubicMile", "4.16818182544058e9")
                    .unit("CubicYard", "0.764554858").unit("CubicInch", "1.6387e-5")
                    .unit("CubicFoot", "0.0283168").unit("HectocubicFoot", "2.83168").unit("KilocubicFoot", "28.3168")
                    .unit("MegacubicFoot", "28316.8")
                    .unit("ImperialGallon", "0.00454609000000181429905810072407")
                    .unit("KiloimperialGallon", "4.54609000000181429905810072407")
                    .unit("MegaimperialGallon", "4546.09000000181429905810072407")
                    .unit("ImperialOunce", "2.8413062499962901241875439064617e-5")
                    .unit("ImperialPint", "5.6826125e-4").unit("ImperialBeerBarrel", "0.16365924")
                    .unit("UsOunce", "2.957352956253760505068307980135e-5").unit("UsTablespoon", "1.478676478125e-5")
                    .unit("UsTeaspoon", "4.92892159375e-6").unit("AuTablespoon", "2e-5").unit("UkTablespoon", "1.5e-5")
                    .unit("MetricTeaspoon", "0.5e-5").unit("MetricCup", "0.00025").unit("UsCustomaryCup", "0.0002365882365")
                    .unit("UsLegalCup", "0.00024").unit("OilBarrel", "0.158987294928").unit("UsBeerBarrel", "0.1173477658")
                    .unit("UsQuart", "9.46352946e-4").unit("UsPint", "4.73176473e-4")
                    .unit("AcreFoot", "1/0.000810714").unit("BoardFoot", "2.3597372158e-3");
            String[][] liters = {{"Microliter", "1e-9"}, {"Milliliter", "1e-6"}, {"Centiliter", "1e-5"},
                    {"Deciliter", "1e-4"}, {"Liter", "1e-3"}, {"Decaliter", "1e-2"}, {"Hectoliter", "0.1"},
                    {"Kiloliter", "1"}, {"Megaliter", "1e3"}};
            for (String[] liter : liters) {
                volume.unit(liter[0], liter[1]);
            }
            String usGallon = "0.00378541";
            String[][] gallons = {{"DeciusGallon", "0.1"}, {"UsGallon", "1"}, {"DecausGallon", "10"},
                    {"HectousGallon", "100"}, {"KilousGallon", "1e3"}, {"MegausGallon", "1e6"}};
            for (String[] gallon : gallons) {
                volume.unit(gallon[0], new BigDecimal(usGallon).multiply(new BigDecimal(gallon[1])).toPlainString());
            }
            return volume;
        }
    }
}
