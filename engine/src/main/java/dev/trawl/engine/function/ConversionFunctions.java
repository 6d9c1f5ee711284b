package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Conversions (to*), null and emptiness tests, iff/case/coalesce, gettype. */
final class ConversionFunctions {
    private ConversionFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule any = types -> ScalarType.STRING;
        registry.add(ScalarFunction.of("tostring", 1, 1, any, KERNEL_HANDLES_NULLS,
                (a, call) -> Values.toText(call.argumentTypes().get(0), a[0]), "tostring(123) is \"123\"; null is \"\""));
        registry.add(ScalarFunction.of("tolong", 1, 1, Types.fixed(ScalarType.LONG), (a, call) -> toLong(a[0]),
                "tolong(\"12\") is 12; text that is not a number gives null"));
        registry.alias("toint64", "tolong");
        registry.add(ScalarFunction.of("toint", 1, 1, Types.fixed(ScalarType.INT), (a, call) -> {
            Long value = toLong(a[0]);
            return value == null ? null : (Object) value.intValue();
        }, "toint(\"12\") is 12"));
        registry.add(ScalarFunction.of("todouble", 1, 1, Types.fixed(ScalarType.REAL), (a, call) -> toDouble(a[0]),
                "todouble(\"1.5\") is 1.5"));
        registry.alias("toreal", "todouble");
        registry.add(ScalarFunction.of("todecimal", 1, 1, Types.fixed(ScalarType.DECIMAL), (a, call) -> {
            Double value = toDouble(a[0]);
            return a[0] instanceof BigDecimal d ? d : value == null ? null : new BigDecimal(a[0] instanceof Number
                    ? a[0].toString() : Double.toString(value));
        }, "todecimal(\"1.5\") is 1.5"));
        registry.add(ScalarFunction.of("tobool", 1, 1, Types.fixed(ScalarType.BOOL), (a, call) -> toBool(a[0]),
                "tobool(\"true\") is true, tobool(1) is true"));
        registry.alias("toboolean", "tobool");
        registry.add(ScalarFunction.of("todatetime", 1, 1, Types.fixed(ScalarType.DATETIME), (a, call) -> {
            if (call.argumentTypes().get(0) == ScalarType.DATETIME) {
                return a[0];
            }
            return a[0] instanceof String text ? LiteralValues.datetimeTicks(text) : null;
        }, "todatetime(\"2024-01-31\")"));
        registry.add(ScalarFunction.of("totimespan", 1, 1, Types.fixed(ScalarType.TIMESPAN), (a, call) -> {
            if (call.argumentTypes().get(0) == ScalarType.TIMESPAN) {
                return a[0];
            }
            if (a[0] instanceof String text) {
                return LiteralValues.timespanTicks("time(" + text + ")");
            }
            return a[0] instanceof Number number && call.argumentTypes().get(0) != ScalarType.DYNAMIC
                    ? (Object) number.longValue() : null;
        }, "totimespan(\"0.01:00:00\") is 1h"));
        registry.alias("totime", "totimespan");
        registry.add(ScalarFunction.of("toguid", 1, 1, Types.fixed(ScalarType.GUID), (a, call) -> {
            try {
                return a[0] instanceof UUID uuid ? uuid : UUID.fromString(a[0].toString().trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }, "toguid(\"74be27de-1e4e-49d9-b579-fe0b331d3642\")"));

        registry.add(ScalarFunction.of("isnull", 1, 1, types -> ScalarType.BOOL, KERNEL_HANDLES_NULLS,
                (a, call) -> a[0] == null, "isnull(x): true for null; an empty string is not null"));
        registry.add(ScalarFunction.of("isnotnull", 1, 1, types -> ScalarType.BOOL, KERNEL_HANDLES_NULLS,
                (a, call) -> a[0] != null, "isnotnull(x)"));
        registry.alias("notnull", "isnotnull");
        registry.add(ScalarFunction.of("isempty", 1, 1, types -> ScalarType.BOOL, KERNEL_HANDLES_NULLS,
                (a, call) -> isEmpty(a[0]), "isempty(\"\") and isempty(null) are true"));
        registry.add(ScalarFunction.of("isnotempty", 1, 1, types -> ScalarType.BOOL, KERNEL_HANDLES_NULLS,
                (a, call) -> !isEmpty(a[0]), "isnotempty(\"a\") is true"));
        registry.alias("notempty", "isnotempty");

        ScalarFunction.TypeRule branches = types -> types.get(0) == ScalarType.BOOL || types.get(0) == ScalarType.DYNAMIC
                ? Types.common(types.subList(1, 3)) : null;
        registry.add(ScalarFunction.of("iff", 3, 3, branches, KERNEL_HANDLES_NULLS,
                (a, call) -> convert(Boolean.TRUE.equals(a[0]) ? a[1] : a[2], call.resultType()),
                "iff(condition, then, else); a null condition takes else"));
        registry.alias("iif", "iff");
        registry.add(ScalarFunction.of("case", 3, Integer.MAX_VALUE, types -> {
            if (types.size() % 2 == 0) {
                return null;
            }
            List<ScalarType> values = new java.util.ArrayList<>();
            for (int i = 0; i < types.size() - 1; i += 2) {
                values.add(types.get(i + 1));
            }
            values.add(types.get(types.size() - 1));
            return Types.common(values);
        }, KERNEL_HANDLES_NULLS, (a, call) -> {
            for (int i = 0; i < a.length - 1; i += 2) {
                if (Boolean.TRUE.equals(a[i])) {
                    return convert(a[i + 1], call.resultType());
                }
            }
            return convert(a[a.length - 1], call.resultType());
        }, "case(p1, v1, p2, v2, ..., else)"));
        registry.add(ScalarFunction.of("coalesce", 1, 64, Types::common, KERNEL_HANDLES_NULLS, (a, call) -> {
            for (Object value : a) {
                if (value != null && !(value instanceof String s && s.isEmpty())) {
                    return convert(value, call.resultType());
                }
            }
            return call.resultType() == ScalarType.STRING ? "" : null;
        }, "coalesce(a, b, ...): the first non-null (non-empty for strings) value"));
        registry.add(ScalarFunction.of("gettype", 1, 1, types -> ScalarType.STRING, KERNEL_HANDLES_NULLS,
                (a, call) -> typeName(call.argumentTypes().get(0), a[0]), "gettype(123) is \"long\""));
    }

    static boolean isEmpty(Object value) {
        return value == null || (value instanceof String text && text.isEmpty());
    }

    /** A branch value in the call's common result type (int into long, long into real, ...). */
    static Object convert(Object value, ScalarType type) {
        if (value == null) {
            return type == ScalarType.STRING ? "" : null;
        }
        return switch (type) {
            case LONG -> value instanceof Number number ? (Object) number.longValue() : value;
            case REAL -> value instanceof Number number ? (Object) number.doubleValue() : value;
            case DECIMAL -> value instanceof Number number ? Values.decimal(number) : value;
            default -> value;
        };
    }

    static Long toLong(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Double d -> Double.isFinite(d) ? (Long) (long) (double) d : null;
            case BigDecimal d -> d.longValue();
            case Boolean b -> b ? 1L : 0L;
            case String s -> {
                try {
                    yield Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    try {
                        double d = Double.parseDouble(s.trim());
                        yield Double.isFinite(d) ? (Long) (long) d : null;
                    } catch (NumberFormatException notNumber) {
                        yield null;
                    }
                }
            }
            default -> null;
        };
    }

    static Double toDouble(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1.0 : 0.0;
            case String s -> {
                try {
                    yield Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    static Boolean toBool(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default -> null;
        };
    }

    /** gettype(): the declared type's name, and for a dynamic its value's (JSON integers are "long" here). */
    static String typeName(ScalarType type, Object value) {
        if (type != ScalarType.DYNAMIC) {
            return type.kqlName();
        }
        return switch (value) {
            case null -> "null";
            case String s -> "string";
            case Boolean b -> "bool";
            case Long l -> "long";
            case Integer i -> "int";
            case Double d -> "real";
            case List<?> list -> "array";
            case Map<?, ?> map -> "dictionary";
            default -> "dynamic";
        };
    }
}
