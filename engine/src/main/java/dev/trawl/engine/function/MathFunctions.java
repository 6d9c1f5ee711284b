package dev.trawl.engine.function;

import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Math functions and bin(). */
final class MathFunctions {
    private MathFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("bin", 2, 2, types -> {
            ScalarType value = types.get(0);
            if (value == ScalarType.DATETIME || value == ScalarType.TIMESPAN) {
                return types.get(1) == ScalarType.TIMESPAN ? value : null;
            }
            return value.isNumeric() ? (types.get(1) == ScalarType.REAL || value == ScalarType.REAL
                    ? ScalarType.REAL : value) : null;
        }, (a, call) -> bin(a[0], a[1], call.resultType()), "rounds down to a multiple: bin(Timestamp, 1h)"));
        registry.alias("floor", "bin");
        registry.add(ScalarFunction.of("abs", 1, 1, Types.sameAsFirst(), (a, call) -> switch (a[0]) {
            case Integer i -> Math.abs(i);
            case Long l -> Math.abs(l);
            case Double d -> Math.abs(d);
            case BigDecimal d -> d.abs();
            default -> null;
        }, "abs(-3) is 3"));
        registry.add(ScalarFunction.of("round", 1, 2, types -> types.get(0).isNumeric() ? types.get(0) : null,
                (a, call) -> {
                    int digits = a.length > 1 ? ((Number) a[1]).intValue() : 0;
                    if (a[0] instanceof Double d) {
                        if (!Double.isFinite(d)) {
                            return d;
                        }
                        return new BigDecimal(Double.toString(d)).setScale(digits, RoundingMode.HALF_UP).doubleValue();
                    }
                    if (a[0] instanceof BigDecimal d) {
                        return d.setScale(digits, RoundingMode.HALF_UP);
                    }
                    return a[0];
                }, "round(2.5) is 3, round(1.234, 2) is 1.23"));
        registry.add(ScalarFunction.of("sqrt", 1, 1, Types.fixed(ScalarType.REAL),
                (a, call) -> Math.sqrt(((Number) a[0]).doubleValue()), "sqrt(4) is 2"));
        registry.add(ScalarFunction.of("pow", 2, 2, Types.fixed(ScalarType.REAL),
                (a, call) -> Math.pow(((Number) a[0]).doubleValue(), ((Number) a[1]).doubleValue()), "pow(2, 3) is 8"));
        registry.add(ScalarFunction.of("exp", 1, 1, Types.fixed(ScalarType.REAL),
                (a, call) -> Math.exp(((Number) a[0]).doubleValue()), "exp(1) is e"));
        registry.add(ScalarFunction.of("log", 1, 1, Types.fixed(ScalarType.REAL),
                (a, call) -> Math.log(((Number) a[0]).doubleValue()), "natural logarithm"));
        registry.add(ScalarFunction.of("log10", 1, 1, Types.fixed(ScalarType.REAL),
                (a, call) -> Math.log10(((Number) a[0]).doubleValue()), "base-10 logarithm"));
    }

    /** Rounds down to a multiple of the size; datetimes align to 0001-01-01 (ticks 0). A non-positive size gives null. */
    static Object bin(Object value, Object size, ScalarType type) {
        if (!(value instanceof Number v) || !(size instanceof Number s)) {
            return null;
        }
        switch (type) {
            case DATETIME, TIMESPAN, LONG, INT: {
                long step = s.longValue();
                if (step <= 0) {
                    return null;
                }
                long result = Math.floorDiv(v.longValue(), step) * step;
                return type == ScalarType.INT ? (Object) (int) result : (Object) result;
            }
            case REAL: {
                double step = s.doubleValue();
                if (!(step > 0)) {
                    return null;
                }
                return Math.floor(v.doubleValue() / step) * step;
            }
            case DECIMAL: {
                BigDecimal step = Values.decimal(s);
                if (step.signum() <= 0) {
                    return null;
                }
                return Values.decimal(v).divide(step, 0, RoundingMode.FLOOR).multiply(step);
            }
            default:
                return null;
        }
    }
}
