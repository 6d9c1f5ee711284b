package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Conversions (to*), null and emptiness tests, iff/case/coalesce, assert, gettype and new_guid. */
final class ConversionFunctions {
    /** Every scalar type: the to* conversions take any value and give null where they cannot convert it. */
    private static final ScalarType[] SCALARS = ScalarType.values();

    private ConversionFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule any = types -> ScalarType.STRING;
        registry.add(ScalarFunction.of("tostring", 1, 1, any, KERNEL_HANDLES_NULLS,
                (a, call) -> Values.toText(call.argumentTypes().get(0), a[0]), "tostring(123) is \"123\"; null is \"\""));
        registry.add(ScalarFunction.of("tolong", 1, 1, Types.fixed(ScalarType.LONG, SCALARS), (a, call) -> toLong(a[0]),
                "tolong(\"12\") is 12, tolong(2.7) is 2; datetimes and timespans give their ticks; text that is not a"
                        + " number gives null"));
        registry.alias("toint64", "tolong");
        registry.add(ScalarFunction.of("toint", 1, 1, Types.fixed(ScalarType.INT, SCALARS), (a, call) -> {
            Long value = toLong(a[0]);
            return value == null ? null : (Object) value.intValue();
        }, "toint(\"123\") is 123, toint(2.3) is 2 (truncated); a long wraps to 32 bits"));
        registry.add(ScalarFunction.of("todouble", 1, 1, Types.fixed(ScalarType.REAL, SCALARS),
                (a, call) -> toDouble(a[0]), "todouble(\"1.5\") is 1.5; text that is not a number gives null"));
        registry.alias("toreal", "todouble");
        registry.add(ScalarFunction.of("todecimal", 1, 1, Types.fixed(ScalarType.DECIMAL, SCALARS),
                (a, call) -> toDecimal(a[0]), "todecimal(\"123.45678\") == decimal(123.45678)"));
        registry.add(ScalarFunction.of("tobool", 1, 1, Types.fixed(ScalarType.BOOL, SCALARS), (a, call) -> toBool(a[0]),
                "tobool(\"true\") is true, tobool(123) is true, tobool(0) is false; other text gives null"));
        registry.alias("toboolean", "tobool");
        registry.add(ScalarFunction.of("todatetime", 1, 1, Types.fixed(ScalarType.DATETIME, SCALARS), (a, call) -> {
            if (call.argumentTypes().get(0) == ScalarType.DATETIME) {
                return a[0];
            }
            // A time of day alone is today's (as a datetime literal's is); "today" is the query's now().
            long today = Math.floorDiv(call.context().nowTicks(), LiteralValues.TICKS_PER_DAY) * LiteralValues.TICKS_PER_DAY;
            return a[0] instanceof String text ? LiteralValues.datetimeTicks(text, today) : null;
        }, "todatetime(\"2015-12-31 23:59:59.9\"); every spelling a datetime literal accepts; otherwise null"));
        registry.add(ScalarFunction.of("totimespan", 1, 1, Types.fixed(ScalarType.TIMESPAN, SCALARS), (a, call) -> {
            ScalarType type = call.argumentTypes().get(0);
            if (type == ScalarType.TIMESPAN) {
                return a[0];
            }
            if (a[0] instanceof String text) {
                // .NET's [-][d.]hh:mm[:ss[.fffffff]] and KQL's literal spellings (1.5h, 10ms, 2d); a bare number is days.
                return text.indexOf('(') >= 0 ? null : LiteralValues.timespanTicks(text);
            }
            // A typed number is a count of ticks (as Kusto's long-to-timespan conversion reads it).
            return (type == ScalarType.INT || type == ScalarType.LONG) && a[0] instanceof Number number
                    ? (Object) number.longValue() : null;
        }, "totimespan(\"0.00:03:00\") is 00:03:00; text that is not a timespan gives null"));
        registry.alias("totime", "totimespan");
        registry.add(ScalarFunction.of("toguid", 1, 1, Types.fixed(ScalarType.GUID, ScalarType.STRING, ScalarType.GUID),
                (a, call) -> a[0] instanceof UUID uuid ? uuid : a[0] instanceof String text ? guid(text) : null,
                "toguid(\"0123456789abcdef0123456789abcdef\") is 01234567-89ab-cdef-0123-456789abcdef; not a guid: null"));
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
                "iff(condition, then, else); a null condition takes else").withFastPath(FastKernels.labels()));
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
        }, "case(p1, v1, p2, v2, ..., else)").withFastPath(FastKernels.labels()));
        registry.add(ScalarFunction.of("coalesce", 1, 64, Types::common, KERNEL_HANDLES_NULLS, (a, call) -> {
            for (Object value : a) {
                if (value != null && !(value instanceof String s && s.isEmpty())) {
                    return convert(value, call.resultType());
                }
            }
            return call.resultType() == ScalarType.STRING ? "" : null;
        }, "coalesce(a, b, ...): the first non-null (non-empty for strings) value"));
        registry.add(ScalarFunction.of("assert", 2, 2, types -> (types.get(0) == ScalarType.BOOL
                || types.get(0) == ScalarType.DYNAMIC) && types.get(1) == ScalarType.STRING ? ScalarType.BOOL : null,
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    if (!Boolean.TRUE.equals(a[0])) {
                        // Kusto fails the whole query with the message; a null predicate is not true either.
                        throw new QueryException(List.of(Diagnostic.error(DiagnosticCode.RUNTIME_ERROR, new Span(0, 0),
                                "assert() failed: " + a[1])));
                    }
                    return true;
                }, "assert(len > 0, \"Length must be greater than zero\") is true, or fails the query with the message"));
        registry.add(ScalarFunction.of("new_guid", 0, 0, Types.fixed(ScalarType.GUID), (a, call) -> UUID.randomUUID(),
                "a random (version 4) guid, a new one for every row").nondeterministic());
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
                String text = s.trim();
                try {
                    yield Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                } catch (NumberFormatException e) {
                    // Not an integer: a decimal number truncates, as toint(2.3) does.
                    Double d = parseReal(text);
                    yield d != null && Double.isFinite(d) ? (Long) (long) (double) d : null;
                }
            }
            default -> null;
        };
    }

    static Double toDouble(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1.0 : 0.0;
            case String s -> parseReal(s.trim());
            default -> null;
        };
    }

    static BigDecimal toDecimal(Object value) {
        try {
            return switch (value) {
                case BigDecimal d -> d;
                case Double d -> Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
                case Long l -> BigDecimal.valueOf(l);
                case Integer i -> BigDecimal.valueOf(i);
                case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
                case String s -> REAL_TEXT.matcher(s.trim()).matches() ? new BigDecimal(s.trim()) : null;
                default -> null;
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The decimal or exponent notation .NET reads as a double, plus NaN and the infinities; not Java's 1.5d or 0x1p3. */
    private static final Pattern REAL_TEXT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static Double parseReal(String text) {
        if (REAL_TEXT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity", "\u221e" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-\u221e" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    static Boolean toBool(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n instanceof BigDecimal d ? d.signum() != 0 : n.doubleValue() != 0;
            case String s -> {
                String text = s.trim();
                yield text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            }
            default -> null;
        };
    }

    /**
     * A guid from its 32 hex digits, with or without dashes (anywhere: the docs accept
     * 0123456789ab-cdef-0123-456789abcdef) and optionally in braces or parentheses; otherwise null.
     */
    static UUID guid(String text) {
        String inner = text.trim();
        if (inner.length() >= 2 && ((inner.startsWith("{") && inner.endsWith("}"))
                || (inner.startsWith("(") && inner.endsWith(")")))) {
            inner = inner.substring(1, inner.length() - 1);
        }
        String hex = inner.replace("-", "");
        if (hex.length() != 32) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }


    /** gettype(): the declared type's name, and for a dynamic its value's runtime type. */
    static String typeName(ScalarType type, Object value) {
        if (type != ScalarType.DYNAMIC) {
            return type.kqlName();
        }
        return switch (value) {
            case null -> "null";
            case String s -> "string";
            case Boolean b -> "bool";
            // A JSON integer is held as a long here; Kusto's dynamic holds one that fits 32 bits as an int, and
            // gettype(parse_json('1')) is "int" (docs, semantics §5.3).
            case Long l -> l == (int) (long) l ? "int" : "long";
            case Integer i -> "int";
            case Double d -> "real";
            case List<?> list -> "array";
            case Map<?, ?> map -> "dictionary";
            default -> "dynamic";
        };
    }
}
