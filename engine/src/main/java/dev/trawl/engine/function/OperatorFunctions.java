package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.engine.function.ScalarFunction.Call;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * KQL's operators as functions: comparison, logic, arithmetic, the string and set operators, between,
 * and property/index access on dynamics. Null semantics follow semantics.md §5.2.
 */
final class OperatorFunctions {
    private OperatorFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        comparisons(registry);
        logic(registry);
        arithmetic(registry);
        stringOperators(registry);
        setOperators(registry);
        dynamicAccess(registry);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Comparable types, plus bool against a number: Kusto documents bool as true (1) and false (0), and
     * real rules write {@code where IsImpersonated == 1}; the bool compares as that number.
     */
    private static ScalarFunction.TypeRule comparison() {
        return types -> Types.comparable(types.get(0), types.get(1))
                || (types.get(0) == ScalarType.BOOL && types.get(1).isNumeric())
                || (types.get(0).isNumeric() && types.get(1) == ScalarType.BOOL) ? ScalarType.BOOL : null;
    }

    /**
     * == and != take what comparison() takes and also a string against a bool or a number, as Kusto does:
     * its language service accepts any scalar on the right of == and != (Kusto.Language, Operators.Equal)
     * and Microsoft's own Azure Monitor docs ran {@code IsBillable == "true"} on a bool column
     * (azure-docs, manage-cost-storage.md). What such a comparison gives is undocumented. Trawl holds
     * values of unlike types never equal (== false, != true), which {@link #equality} already does for
     * dynamic values: the docs guarded that very query with {@code iff(isnotnull(toint(IsBillable)),
     * IsBillable == true, IsBillable == "true")} once the column became a bool, which only makes sense if
     * the bool-to-string comparison stopped matching. The binder warns (KQL2009) wherever this rule decides.
     */
    private static ScalarFunction.TypeRule equalityComparison() {
        ScalarFunction.TypeRule comparable = comparison();
        return types -> comparable.resolve(types) != null || unlikeTypesEquated(types.get(0), types.get(1))
                ? ScalarType.BOOL : null;
    }

    /** A string against a bool or a number: accepted by == and !=, never equal. */
    private static boolean unlikeTypesEquated(ScalarType a, ScalarType b) {
        return (a == ScalarType.STRING && (b == ScalarType.BOOL || b.isNumeric()))
                || (b == ScalarType.STRING && (a == ScalarType.BOOL || a.isNumeric()));
    }

    private static void comparisons(FunctionRegistry.Builder registry) {
        // null == x is false and null != x true for a non-null x; null == null is null (semantics §5.2).
        registry.add(ScalarFunction.of("==", 2, 2, equalityComparison(), KERNEL_HANDLES_NULLS,
                (a, call) -> equality(a[0], a[1], false), "equality: a == b")
                .withFastPath(FastKernels.compare(FastKernels.Comparison.EQUAL)));
        registry.add(ScalarFunction.of("!=", 2, 2, equalityComparison(), KERNEL_HANDLES_NULLS,
                (a, call) -> not(equality(a[0], a[1], false)), "inequality: a != b")
                .withFastPath(FastKernels.compare(FastKernels.Comparison.NOT_EQUAL)));
        registry.alias("<>", "!=");
        registry.add(ScalarFunction.of("=~", 2, 2, comparison(), KERNEL_HANDLES_NULLS,
                (a, call) -> equality(a[0], a[1], true), "case-insensitive (ASCII) equality: 'A' =~ 'a'"));
        registry.add(ScalarFunction.of("!~", 2, 2, comparison(), KERNEL_HANDLES_NULLS,
                (a, call) -> not(equality(a[0], a[1], true)), "case-insensitive inequality"));
        registry.add(ScalarFunction.of("<", 2, 2, comparison(), (a, call) -> order(a[0], a[1]) < 0, "a < b")
                .withFastPath(FastKernels.compare(FastKernels.Comparison.LESS)));
        registry.add(ScalarFunction.of("<=", 2, 2, comparison(), (a, call) -> order(a[0], a[1]) <= 0, "a <= b")
                .withFastPath(FastKernels.compare(FastKernels.Comparison.LESS_OR_EQUAL)));
        registry.add(ScalarFunction.of(">", 2, 2, comparison(), (a, call) -> order(a[0], a[1]) > 0, "a > b")
                .withFastPath(FastKernels.compare(FastKernels.Comparison.GREATER)));
        registry.add(ScalarFunction.of(">=", 2, 2, comparison(), (a, call) -> order(a[0], a[1]) >= 0, "a >= b")
                .withFastPath(FastKernels.compare(FastKernels.Comparison.GREATER_OR_EQUAL)));
        registry.add(ScalarFunction.of("between", 3, 3, betweenType(), (a, call) -> between(a, call),
                "inclusive range test: x between (1 .. 10); a datetime's upper bound may be a timespan"));
        registry.add(ScalarFunction.of("!between", 3, 3, betweenType(), (a, call) -> !between(a, call),
                "x !between (low .. high)"));
    }

    private static Boolean not(Boolean value) {
        return value == null ? null : !value;
    }

    static Boolean equality(Object a, Object b, boolean ignoreCase) {
        a = unwrapDynamic(a);
        b = unwrapDynamic(b);
        if (a == null || b == null) {
            return a == null && b == null ? null : false;
        }
        if (ignoreCase && a instanceof String x && b instanceof String y) {
            return Values.asciiLower(x).equals(Values.asciiLower(y));
        }
        if (a instanceof Boolean x && b instanceof Number) {
            a = x ? 1L : 0L;
        } else if (b instanceof Boolean y && a instanceof Number) {
            b = y ? 1L : 0L;
        }
        if (a instanceof String != b instanceof String) {
            return false;
        }
        return Values.equal(a, b);
    }

    private static int order(Object a, Object b) {
        a = unwrapDynamic(a);
        b = unwrapDynamic(b);
        if (a instanceof Boolean x && b instanceof Number) {
            a = x ? 1L : 0L;
        } else if (b instanceof Boolean y && a instanceof Number) {
            b = y ? 1L : 0L;
        }
        return Values.compare(a, b);
    }

    /** A dynamic scalar compares as its value; arrays and bags compare as their JSON text; bools as 1 and 0. */
    private static Object unwrapDynamic(Object value) {
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return Values.text(value);
        }
        return value;
    }

    private static ScalarFunction.TypeRule betweenType() {
        return types -> {
            ScalarType value = types.get(0);
            boolean low = Types.comparable(value, types.get(1));
            boolean high = Types.comparable(value, types.get(2))
                    || (value == ScalarType.DATETIME && types.get(2) == ScalarType.TIMESPAN);
            return low && high ? ScalarType.BOOL : null;
        };
    }

    private static boolean between(Object[] a, Call call) {
        Object high = a[2];
        if (call.argumentTypes().get(0) == ScalarType.DATETIME && call.argumentTypes().get(2) == ScalarType.TIMESPAN) {
            high = (Long) a[1] + (Long) a[2];
        }
        return order(a[0], a[1]) >= 0 && order(a[0], high) <= 0;
    }

    // ---------------------------------------------------------------------------------------------

    private static void logic(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule bools = Types.fixed(ScalarType.BOOL, ScalarType.BOOL);
        registry.add(ScalarFunction.of("and", 2, 2, bools, KERNEL_HANDLES_NULLS, (a, call) -> {
            Boolean x = (Boolean) a[0];
            Boolean y = (Boolean) a[1];
            if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
                return false;
            }
            return x == null || y == null ? null : true;
        }, "logical and; false and null is false"));
        registry.add(ScalarFunction.of("or", 2, 2, bools, KERNEL_HANDLES_NULLS, (a, call) -> {
            Boolean x = (Boolean) a[0];
            Boolean y = (Boolean) a[1];
            if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
                return true;
            }
            return x == null || y == null ? null : false;
        }, "logical or; true or null is true"));
        registry.add(ScalarFunction.of("not", 1, 1, bools, (a, call) -> !(Boolean) a[0], "not(true) is false"));
    }

    // ---------------------------------------------------------------------------------------------

    private static void arithmetic(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("+", 2, 2, types -> arithmeticType('+', types.get(0), types.get(1)),
                (a, call) -> arithmetic('+', a[0], a[1], call), "addition; datetime + timespan is a datetime")
                .withFastPath(FastKernels.arithmetic('+')));
        registry.add(ScalarFunction.of("-", 2, 2, types -> arithmeticType('-', types.get(0), types.get(1)),
                (a, call) -> arithmetic('-', a[0], a[1], call), "subtraction; datetime - datetime is a timespan")
                .withFastPath(FastKernels.arithmetic('-')));
        registry.add(ScalarFunction.of("*", 2, 2, types -> arithmeticType('*', types.get(0), types.get(1)),
                (a, call) -> arithmetic('*', a[0], a[1], call), "multiplication; 1.5 * 1h is a timespan")
                .withFastPath(FastKernels.arithmetic('*')));
        registry.add(ScalarFunction.of("/", 2, 2, types -> arithmeticType('/', types.get(0), types.get(1)),
                (a, call) -> arithmetic('/', a[0], a[1], call), "division; 1 / 2 is 0, 1d / 5h is 4.8")
                .withFastPath(FastKernels.arithmetic('/')));
        registry.add(ScalarFunction.of("%", 2, 2, types -> arithmeticType('%', types.get(0), types.get(1)),
                (a, call) -> arithmetic('%', a[0], a[1], call), "modulo, never negative: -14 % 12 is 10"));
        registry.add(ScalarFunction.of("__negate", 1, 1, types -> {
            ScalarType type = types.get(0);
            return type.isNumeric() || type == ScalarType.TIMESPAN || type == ScalarType.DYNAMIC ? type : null;
        }, (a, call) -> negate(a[0]), "unary minus"));
    }

    static ScalarType arithmeticType(char operator, ScalarType a, ScalarType b) {
        if (a == ScalarType.DYNAMIC && b == ScalarType.DYNAMIC) {
            return ScalarType.DYNAMIC;
        }
        if (a == ScalarType.DYNAMIC) {
            a = b.isNumeric() ? ScalarType.REAL : b;
        }
        if (b == ScalarType.DYNAMIC) {
            b = a.isNumeric() ? ScalarType.REAL : a;
        }
        ScalarType number = Types.widerNumber(a, b);
        if (number != null) {
            return number;
        }
        return switch (operator) {
            case '+' -> (a == ScalarType.DATETIME && b == ScalarType.TIMESPAN)
                    || (a == ScalarType.TIMESPAN && b == ScalarType.DATETIME) ? ScalarType.DATETIME
                    : a == ScalarType.TIMESPAN && b == ScalarType.TIMESPAN ? ScalarType.TIMESPAN : null;
            case '-' -> a == ScalarType.DATETIME && b == ScalarType.DATETIME ? ScalarType.TIMESPAN
                    : a == ScalarType.DATETIME && b == ScalarType.TIMESPAN ? ScalarType.DATETIME
                    : a == ScalarType.TIMESPAN && b == ScalarType.TIMESPAN ? ScalarType.TIMESPAN : null;
            case '*' -> (a == ScalarType.TIMESPAN && b.isNumeric()) || (a.isNumeric() && b == ScalarType.TIMESPAN)
                    ? ScalarType.TIMESPAN : null;
            case '/' -> a == ScalarType.TIMESPAN && b == ScalarType.TIMESPAN ? ScalarType.REAL
                    : a == ScalarType.TIMESPAN && b.isNumeric() ? ScalarType.TIMESPAN : null;
            case '%' -> a == ScalarType.TIMESPAN && b == ScalarType.TIMESPAN ? ScalarType.TIMESPAN : null;
            default -> null;
        };
    }

    private static Object arithmetic(char operator, Object x, Object y, Call call) {
        ScalarType type = call.resultType();
        ScalarType left = call.argumentTypes().get(0);
        ScalarType right = call.argumentTypes().get(1);
        if (!(x instanceof Number a) || !(y instanceof Number b)) {
            return null;
        }
        if (type == ScalarType.DYNAMIC) {
            type = a instanceof Double || b instanceof Double ? ScalarType.REAL : ScalarType.LONG;
        }
        switch (type) {
            case INT, LONG: {
                long p = a.longValue();
                long q = b.longValue();
                long result;
                switch (operator) {
                    case '+' -> result = p + q;
                    case '-' -> result = p - q;
                    case '*' -> result = p * q;
                    case '/' -> {
                        if (q == 0) {
                            return null;
                        }
                        result = p / q;
                    }
                    default -> {
                        if (q == 0) {
                            return null;
                        }
                        long magnitude = Math.abs(q);
                        result = ((p % q) + magnitude) % magnitude;
                    }
                }
                return type == ScalarType.INT ? (Object) (int) result : (Object) result;
            }
            case REAL: {
                double p = a.doubleValue();
                double q = b.doubleValue();
                return switch (operator) {
                    case '+' -> p + q;
                    case '-' -> p - q;
                    case '*' -> p * q;
                    case '/' -> p / q;
                    default -> {
                        double magnitude = Math.abs(q);
                        yield ((p % q) + magnitude) % magnitude;
                    }
                };
            }
            case DECIMAL: {
                BigDecimal p = Values.decimal(a);
                BigDecimal q = Values.decimal(b);
                return switch (operator) {
                    case '+' -> p.add(q);
                    case '-' -> p.subtract(q);
                    case '*' -> p.multiply(q);
                    case '/' -> q.signum() == 0 ? null : p.divide(q, MathContext.DECIMAL128);
                    default -> q.signum() == 0 ? null : p.remainder(q).add(q.abs()).remainder(q.abs());
                };
            }
            case DATETIME, TIMESPAN: {
                if (operator == '*') {
                    double factor = left == ScalarType.TIMESPAN ? b.doubleValue() : a.doubleValue();
                    long ticks = left == ScalarType.TIMESPAN ? a.longValue() : b.longValue();
                    return Math.round(ticks * factor);
                }
                if (operator == '/') {
                    return b.doubleValue() == 0 ? null : Math.round(a.longValue() / b.doubleValue());
                }
                long p = a.longValue();
                long q = b.longValue();
                return switch (operator) {
                    case '+' -> p + q;
                    case '-' -> p - q;
                    default -> q == 0 ? null : (Object) (((p % q) + Math.abs(q)) % Math.abs(q));
                };
            }
            case BOOL, STRING, GUID, DYNAMIC:
            default:
                if (type == ScalarType.REAL || right == ScalarType.REAL) {
                    return null;
                }
                return null;
        }
    }

    static Object realDivision(Object x, Object y) {
        return ((Number) x).doubleValue() / ((Number) y).doubleValue();
    }

    private static Object negate(Object value) {
        return switch (value) {
            case Integer i -> -i;
            case Long l -> -l;
            case Double d -> -d;
            case BigDecimal d -> d.negate();
            default -> null;
        };
    }

    // ---------------------------------------------------------------------------------------------

    private static ScalarFunction.TypeRule stringPredicate() {
        return types -> ScalarType.BOOL;
    }

    /** The text a string operator searches: strings as they are, dynamics as their value's text. */
    static String searchable(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        return Values.text(value);
    }

    private interface TextPredicate {
        boolean test(String haystack, String needle);
    }

    private static void stringOperator(FunctionRegistry.Builder registry, String name, boolean caseSensitive,
                                       TextPredicate predicate, String description) {
        registry.add(ScalarFunction.of(name, 2, 2, stringPredicate(), KERNEL_HANDLES_NULLS, (a, call) -> {
            String haystack = searchable(a[0]);
            String needle = searchable(a[1]);
            if (!caseSensitive) {
                haystack = Values.asciiLower(haystack);
                needle = Values.asciiLower(needle);
            }
            return predicate.test(haystack, needle);
        }, description));
        registry.add(ScalarFunction.of("!" + name, 2, 2, stringPredicate(), KERNEL_HANDLES_NULLS, (a, call) -> {
            String haystack = searchable(a[0]);
            String needle = searchable(a[1]);
            if (!caseSensitive) {
                haystack = Values.asciiLower(haystack);
                needle = Values.asciiLower(needle);
            }
            return !predicate.test(haystack, needle);
        }, "negation of " + name));
    }

    private static void stringOperators(FunctionRegistry.Builder registry) {
        stringOperator(registry, "has", false, (h, n) -> hasTerm(h, n, true, true),
                "whole-term match, case-insensitive: 'North America' has 'america'");
        stringOperator(registry, "has_cs", true, (h, n) -> hasTerm(h, n, true, true), "whole-term match, case-sensitive");
        stringOperator(registry, "hasprefix", false, (h, n) -> hasTerm(h, n, true, false),
                "a term starts with the value: 'North America' hasprefix 'ame'");
        stringOperator(registry, "hasprefix_cs", true, (h, n) -> hasTerm(h, n, true, false), "case-sensitive hasprefix");
        stringOperator(registry, "hassuffix", false, (h, n) -> hasTerm(h, n, false, true),
                "a term ends with the value: 'North America' hassuffix 'ica'");
        stringOperator(registry, "hassuffix_cs", true, (h, n) -> hasTerm(h, n, false, true), "case-sensitive hassuffix");
        stringOperator(registry, "contains", false, String::contains, "substring, case-insensitive");
        stringOperator(registry, "contains_cs", true, String::contains, "substring, case-sensitive");
        stringOperator(registry, "startswith", false, String::startsWith, "prefix of the whole string");
        stringOperator(registry, "startswith_cs", true, String::startsWith, "case-sensitive startswith");
        stringOperator(registry, "endswith", false, String::endsWith, "suffix of the whole string");
        stringOperator(registry, "endswith_cs", true, String::endsWith, "case-sensitive endswith");
        registry.alias("containscs", "contains_cs");
        registry.alias("notcontains", "!contains");
        registry.alias("notcontainscs", "!contains_cs");
        registry.add(ScalarFunction.of("matches regex", 2, 2, stringPredicate(), KERNEL_HANDLES_NULLS,
                (a, call) -> Regexes.compile(searchable(a[1])).matcher(searchable(a[0])).find(),
                "the string contains a match of the regular expression (RE2 syntax)"));
    }

    /**
     * Term-bounded search (semantics §5.1, ambiguity 11): the needle occurs where its alphanumeric
     * edges meet non-alphanumeric characters or the string's ends. An empty needle matches nothing.
     */
    static boolean hasTerm(String haystack, String needle, boolean boundedStart, boolean boundedEnd) {
        if (needle.isEmpty()) {
            return false;
        }
        boolean checkStart = boundedStart && Values.isAlphanumeric(needle.charAt(0));
        boolean checkEnd = boundedEnd && Values.isAlphanumeric(needle.charAt(needle.length() - 1));
        int from = 0;
        while (true) {
            int at = haystack.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            int end = at + needle.length();
            boolean startOk = !checkStart || at == 0 || !Values.isAlphanumeric(haystack.charAt(at - 1));
            boolean endOk = !checkEnd || end == haystack.length() || !Values.isAlphanumeric(haystack.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The values of an in-list: scalars, elements of dynamic arrays, and sub-query columns. */
    static List<Object> listValues(Object[] arguments) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i < arguments.length; i++) {
            Object value = arguments[i];
            if (value instanceof Collection<?> collection) {
                values.addAll(collection);
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private static void setOperators(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule bool = types -> ScalarType.BOOL;
        registry.add(ScalarFunction.of("in", 2, Integer.MAX_VALUE, bool, KERNEL_HANDLES_NULLS,
                (a, call) -> in(a, false), "equal to any listed value (case-sensitive)"));
        registry.add(ScalarFunction.of("!in", 2, Integer.MAX_VALUE, bool, KERNEL_HANDLES_NULLS,
                (a, call) -> !in(a, false), "equal to none of the listed values"));
        registry.add(ScalarFunction.of("in~", 2, Integer.MAX_VALUE, bool, KERNEL_HANDLES_NULLS,
                (a, call) -> in(a, true), "equal to any listed value, ignoring ASCII case"));
        registry.add(ScalarFunction.of("!in~", 2, Integer.MAX_VALUE, bool, KERNEL_HANDLES_NULLS,
                (a, call) -> !in(a, true), "equal to none of the listed values, ignoring ASCII case"));
        registry.add(ScalarFunction.of("has_any", 2, Integer.MAX_VALUE, bool, KERNEL_HANDLES_NULLS, (a, call) -> {
            String haystack = Values.asciiLower(searchable(a[0]));
            for (Object value : listValues(a)) {
                if (hasTerm(haystack, Values.asciiLower(searchable(value)), true, true)) {
                    return true;
                }
            }
            return false;
        }, "has any of the listed values"));
        registry.add(ScalarFunction.of("has_all", 2, Integer.MAX_VALUE, bool, KERNEL_HANDLES_NULLS, (a, call) -> {
            String haystack = Values.asciiLower(searchable(a[0]));
            for (Object value : listValues(a)) {
                if (!hasTerm(haystack, Values.asciiLower(searchable(value)), true, true)) {
                    return false;
                }
            }
            return true;
        }, "has all of the listed values"));
    }

    private static boolean in(Object[] arguments, boolean ignoreCase) {
        Object left = arguments[0];
        for (Object value : listValues(arguments)) {
            if (Boolean.TRUE.equals(equality(left, value, ignoreCase))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------

    private static void dynamicAccess(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("__property", 2, 2, types -> types.get(0) == ScalarType.DYNAMIC
                ? ScalarType.DYNAMIC : null, (a, call) -> a[0] instanceof Map<?, ?> map ? map.get(a[1]) : null,
                "a bag's property: d.key"));
        // Reads one value of a multi-column aggregation's row (arg_max); the binder gives each call its type.
        registry.add(ScalarFunction.of("__element", 2, 2, types -> ScalarType.DYNAMIC, KERNEL_HANDLES_NULLS,
                (a, call) -> a[0] instanceof List<?> list && a[1] instanceof Number i && i.intValue() < list.size()
                        ? list.get(i.intValue()) : null, "internal: element i of an aggregation's row"));
        registry.add(ScalarFunction.of("__index", 2, 2, types -> types.get(0) == ScalarType.DYNAMIC
                ? ScalarType.DYNAMIC : null, (a, call) -> index(a[0], a[1]),
                "an array element or bag property: d[0], d[-1], d['key']"));
    }

    static Object index(Object target, Object key) {
        if (target instanceof List<?> list && key instanceof Number number) {
            long i = number.longValue();
            if (i < 0) {
                i += list.size();
            }
            return i >= 0 && i < list.size() ? list.get((int) i) : null;
        }
        if (target instanceof Map<?, ?> map && key instanceof String name) {
            return map.get(name);
        }
        return null;
    }

    /** Compiles once per pattern text; patterns repeat across rows. */
    static final class Regexes {
        private static final Map<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        private Regexes() {
        }

        static Pattern compile(String regex) {
            if (CACHE.size() > 10_000) {
                CACHE.clear();
            }
            return CACHE.computeIfAbsent(regex, Pattern::compile);
        }
    }
}
