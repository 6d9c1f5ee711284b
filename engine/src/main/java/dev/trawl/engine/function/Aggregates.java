package dev.trawl.engine.function;

import dev.trawl.engine.function.AggregateFunction.Accumulator;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Aggregation functions; empty-input defaults follow semantics.md §6. */
final class Aggregates {
    private Aggregates() {
    }

    static void register(FunctionRegistry.Builder registry) {
        // count(x) counts every row, nulls included: "The standard count function includes null values in its count"
        // (summarize-operator.md, count(y) over (null, 5) is 2). A bool argument is the hidden, obsolete
        // count(predicate) overload, which is countif.
        registry.add(new AggregateFunction("count", 0, 1, types -> ScalarType.LONG, (types, result) -> {
            boolean predicate = types.size() == 1 && types.get(0) == ScalarType.BOOL;
            return new Accumulator() {
                long count;

                @Override
                public void add(Object[] arguments) {
                    if (!predicate || Boolean.TRUE.equals(arguments[0])) {
                        count++;
                    }
                }

                @Override
                public Object result() {
                    return count;
                }
            };
        }, AggregateFunction.byFirst(column -> column == null ? "count_" : "count_" + column), "count(): rows in the group; count(x) too, nulls included"));
        registry.add(AggregateFunction.of("countif", 1, 1, Types.fixed(ScalarType.LONG, ScalarType.BOOL), "countif",
                (types, result) -> new Accumulator() {
                    long count;

                    @Override
                    public void add(Object[] arguments) {
                        if (Boolean.TRUE.equals(arguments[0])) {
                            count++;
                        }
                    }

                    @Override
                    public Object result() {
                        return count;
                    }
                }, "countif(predicate): rows where it is true"));
        registry.add(AggregateFunction.of("sum", 1, 1, types -> sumType(types.get(0)), "sum",
                (types, result) -> new Accumulator() {
                    Object sum = ConversionFunctions.convert(0L, result);

                    @Override
                    public void add(Object[] arguments) {
                        if (arguments[0] instanceof Number n) {
                            sum = switch (result) {
                                case LONG, INT, TIMESPAN -> ((Number) sum).longValue() + n.longValue();
                                case DECIMAL -> Values.decimal((Number) sum).add(Values.decimal(n));
                                default -> ((Number) sum).doubleValue() + n.doubleValue();
                            };
                        }
                    }

                    @Override
                    public Object result() {
                        return sum;
                    }
                }, "sum(x); 0 for no rows"));
        // avg of numbers is real, of decimals decimal, of timespans a timespan and of datetimes a datetime
        // (KQL-lang Aggregates.cs); nulls are ignored.
        registry.add(AggregateFunction.of("avg", 1, 1, types -> switch (types.get(0)) {
            case INT, LONG, REAL, DYNAMIC -> ScalarType.REAL;
            case DECIMAL, TIMESPAN, DATETIME -> types.get(0);
            default -> null;
        }, "avg", (types, result) -> new Accumulator() {
                    double sum;
                    java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
                    long count;

                    @Override
                    public void add(Object[] arguments) {
                        if (arguments[0] instanceof Number n) {
                            if (result == ScalarType.REAL) {
                                sum += n.doubleValue();
                            } else {
                                exact = exact.add(Values.decimal(n));
                            }
                            count++;
                        }
                    }

                    @Override
                    public Object result() {
                        if (count == 0) {
                            return null;
                        }
                        if (result == ScalarType.REAL) {
                            return sum / count;
                        }
                        java.math.BigDecimal mean = exact.divide(java.math.BigDecimal.valueOf(count),
                                java.math.MathContext.DECIMAL128);
                        // Ticks are whole: a mean datetime or timespan rounds to the nearest tick.
                        return result == ScalarType.DECIMAL ? mean
                                : (Object) mean.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
                    }
                }, "avg(x), nulls ignored"));
        registry.add(AggregateFunction.of("min", 1, 1, Types.sameAsFirst(), "min", (types, result) -> extreme(-1),
                "min(x), nulls ignored"));
        registry.add(AggregateFunction.of("max", 1, 1, Types.sameAsFirst(), "max", (types, result) -> extreme(1),
                "max(x), nulls ignored"));
        registry.add(AggregateFunction.of("dcount", 1, 2, types -> ScalarType.LONG, "dcount", (types, result) -> new Accumulator() {
            final Set<Object> seen = new HashSet<>();

            @Override
            public void add(Object[] arguments) {
                if (arguments[0] != null) {
                    seen.add(arguments[0]);
                }
            }

            @Override
            public Object result() {
                // Exact: Kusto's estimate is exact at these cardinalities (semantics §6).
                return (long) seen.size();
            }
        }, "dcount(x): distinct values"));
        registry.add(AggregateFunction.of("make_list", 1, 2, types -> ScalarType.DYNAMIC, "list", (types, result) -> new Accumulator() {
            final List<Object> values = new ArrayList<>();

            @Override
            public void add(Object[] arguments) {
                long limit = arguments.length > 1 && arguments[1] instanceof Number n ? n.longValue() : 1_048_576;
                if (arguments[0] != null && values.size() < limit) {
                    values.add(DynamicFunctions.toDynamic(types.get(0), arguments[0]));
                }
            }

            @Override
            public Object result() {
                return values;
            }
        }, "make_list(x): the values as an array"));
        registry.add(AggregateFunction.of("make_set", 1, 2, types -> ScalarType.DYNAMIC, "set", (types, result) -> new Accumulator() {
            final Set<Object> values = new LinkedHashSet<>();

            @Override
            public void add(Object[] arguments) {
                long limit = arguments.length > 1 && arguments[1] instanceof Number n ? n.longValue() : 1_048_576;
                if (arguments[0] instanceof List<?> array && types.get(0) == ScalarType.DYNAMIC) {
                    // An array contributes its elements: the docs' "Set from array column" example gives the set of
                    // the arrays' elements (make-set-aggregation-function.md).
                    for (Object element : array) {
                        if (element != null && values.size() < limit) {
                            values.add(element);
                        }
                    }
                } else if (arguments[0] != null && values.size() < limit) {
                    values.add(DynamicFunctions.toDynamic(types.get(0), arguments[0]));
                }
            }

            @Override
            public Object result() {
                return new ArrayList<>(values);
            }
        }, "make_set(x): the distinct values as an array"));
        // take_any(x) keeps the column's name; an unnamed expression is any_<name> (KQL-lang GetAnyResult).
        registry.add(new AggregateFunction("take_any", 1, 1, Types.sameAsFirst(), (types, result) -> new Accumulator() {
            Object value;
            boolean set;

            @Override
            public void add(Object[] arguments) {
                if (!set && arguments[0] != null && !(arguments[0] instanceof String s && s.isEmpty())) {
                    value = arguments[0];
                    set = true;
                }
            }

            @Override
            public Object result() {
                return value;
            }
        }, AggregateFunction.byFirst(column -> column == null ? "any_arg0" : column), "take_any(x): some non-empty value of the group"));
        more(registry);
    }

    /** Registers the aggregates beyond the basic ones: statistics, percentiles, _if forms, arg_max/arg_min. */
    private static void more(FunctionRegistry.Builder registry) {
        registry.add(AggregateFunction.of("arg_max", 2, 256, types -> ScalarType.DYNAMIC, "max",
                (types, result) -> argExtreme(1), "arg_max(x, *): the row where x is largest"));
        registry.add(AggregateFunction.of("arg_min", 2, 256, types -> ScalarType.DYNAMIC, "min",
                (types, result) -> argExtreme(-1), "arg_min(x, *): the row where x is smallest"));
        for (boolean sample : new boolean[] {true, false}) {
            String suffix = sample ? "" : "p";
            registry.add(AggregateFunction.of("variance" + suffix, 1, 1, types -> ScalarType.REAL, "variance" + suffix,
                    (types, result) -> moments(sample, false, null), "variance" + suffix + "(x)"));
            registry.add(AggregateFunction.of("stdev" + suffix, 1, 1, types -> ScalarType.REAL, "stdev" + suffix,
                    (types, result) -> moments(sample, true, null), "stdev" + suffix + "(x)"));
            registry.add(AggregateFunction.of("variance" + suffix + "if", 2, 2, types -> ScalarType.REAL,
                    "variance" + suffix + "if", (types, result) -> moments(sample, false, 1),
                    "variance" + suffix + "if(x, predicate)"));
            registry.add(AggregateFunction.of("stdev" + suffix + "if", 2, 2, types -> ScalarType.REAL,
                    "stdev" + suffix + "if", (types, result) -> moments(sample, true, 1), "stdev" + suffix + "if(x, predicate)"));
        }
        registry.add(AggregateFunction.of("percentile", 2, 2, types -> percentileType(types.get(0)), "percentile",
                (types, result) -> percentile(result), "percentile(x, p): nearest-rank percentile"));
        for (boolean sample : new boolean[] {true, false}) {
            String name = "covariance" + (sample ? "" : "p");
            registry.add(AggregateFunction.ofPair(name, 2, 2, types -> ScalarType.REAL, name,
                    (types, result) -> covariance(sample, false), name + "(x, y)"));
            registry.add(AggregateFunction.ofPair(name + "if", 3, 3, types -> ScalarType.REAL, name + "if",
                    (types, result) -> covariance(sample, true), name + "if(x, y, predicate)"));
        }
        registry.add(AggregateFunction.of("percentilew", 3, 3, types -> percentileType(types.get(0)), "percentilew",
                (types, result) -> weightedPercentile(result), "percentilew(x, weight, p): weighted nearest rank"));
        conditional(registry, "sumif", "sum", "sumif");
        conditional(registry, "avgif", "avg", "avgif");
        conditional(registry, "minif", "min", "minif");
        conditional(registry, "maxif", "max", "maxif");
        conditional(registry, "dcountif", "dcount", "dcountif");
        conditional(registry, "make_list_if", "make_list", "list");
        conditional(registry, "make_set_if", "make_set", "set");
        // take_anyif(x, p) is named after x itself; the obsolete anyif(x, p) is anyif_x (KQL-lang Aggregates.cs).
        conditional(registry, "take_anyif", "take_any", column -> column == null ? "take_anyif_" : column);
        conditional(registry, "anyif", "take_any", "anyif");
        registry.add(AggregateFunction.of("make_list_with_nulls", 1, 1, types -> ScalarType.DYNAMIC, "list",
                (types, result) -> new Accumulator() {
                    final List<Object> values = new ArrayList<>();

                    @Override
                    public void add(Object[] arguments) {
                        values.add(DynamicFunctions.toDynamic(types.get(0), arguments[0]));
                    }

                    @Override
                    public Object result() {
                        return values;
                    }
                }, "make_list_with_nulls(x): the values, nulls included"));
        registry.add(AggregateFunction.of("make_bag", 1, 2, types -> ScalarType.DYNAMIC, "bag",
                (types, result) -> new Accumulator() {
                    final java.util.Map<String, Object> bag = new java.util.LinkedHashMap<>();
                    boolean any;

                    @Override
                    public void add(Object[] arguments) {
                        any = true;
                        long limit = arguments.length > 1 && arguments[1] instanceof Number n ? n.longValue() : 1_048_576;
                        if (arguments[0] instanceof java.util.Map<?, ?> map) {
                            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                                if (bag.size() >= limit) {
                                    return;
                                }
                                bag.putIfAbsent(entry.getKey().toString(), entry.getValue());
                            }
                        }
                    }

                    @Override
                    public Object result() {
                        // Over no rows at all, an empty array, as make_list and make_set give (docs:
                        // summarize-operator.md, "Default values of aggregations"); make_bag_if whose predicate
                        // held for no row is in the same state and gives the same.
                        return any ? bag : List.of();
                    }
                }, "make_bag(bag): the union of property bags"));
        conditional(registry, "make_bag_if", "make_bag", "bag");
        renamed(registry, "any", "take_any", "any");
        registry.alias("makelist", "make_list");
        registry.alias("makeset", "make_set");
        renamed(registry, "make_dictionary", "make_bag", "dictionary");
        // count_distinct is exact in Kusto too; dcount here is exact as well (semantics §6), so they share a kernel.
        renamed(registry, "count_distinct", "dcount", "count_distinct");
        conditional(registry, "count_distinctif", "count_distinct", "count_distinctif");
        bitwise(registry);
        registry.add(AggregateFunction.of("buildschema", 1, 1, types -> types.get(0) == ScalarType.DYNAMIC
                ? ScalarType.DYNAMIC : null, "schema", (types, result) -> new Accumulator() {
                    Object schema;

                    @Override
                    public void add(Object[] arguments) {
                        schema = Schemas.merge(schema, Schemas.of(arguments[0]));
                    }

                    @Override
                    public Object result() {
                        return schema;
                    }
                }, "buildschema(d): the minimal schema admitting every value, {\"x\":[\"long\",\"string\"]}"));
        percentileArrays(registry);
        Digests.register(registry);
    }

    /** Another name for an aggregate that names its column with its own prefix (any_x, count_distinct_x). */
    private static void renamed(FunctionRegistry.Builder registry, String name, String original, String prefix) {
        AggregateFunction base = (AggregateFunction) registry.get(original);
        registry.add(new AggregateFunction(name, base.minArguments(), base.maxArguments(), base::resultType,
                base::newAccumulator, AggregateFunction.byFirst(column -> prefix + "_" + (column == null ? "" : column)),
                base.description()));
    }

    /** name(x, predicate [, ...]): the plain aggregate over the rows where the predicate is true. */
    private static void conditional(FunctionRegistry.Builder registry, String name, String plain, String prefix) {
        conditional(registry, name, plain, column -> prefix + "_" + (column == null ? "" : column));
    }

    /**
     * The predicate is always the second argument (make_list_if(x, predicate, maxSize), dcountif(x, predicate,
     * accuracy)); the plain aggregate gets the others in order.
     */
    private static void conditional(FunctionRegistry.Builder registry, String name, String plain,
                                    java.util.function.Function<String, String> naming) {
        AggregateFunction base = (AggregateFunction) registry.get(plain);
        registry.add(new AggregateFunction(name, 2, base.maxArguments() + 1, types -> {
            if (types.get(1) != ScalarType.BOOL && types.get(1) != ScalarType.DYNAMIC) {
                return null;
            }
            return base.resultType(withoutPredicate(types));
        }, (types, result) -> {
            Accumulator inner = base.newAccumulator(withoutPredicate(types), result);
            Object[] forwarded = new Object[types.size() - 1];
            return new Accumulator() {
                @Override
                public void add(Object[] arguments) {
                    if (Boolean.TRUE.equals(arguments[1])) {
                        forwarded[0] = arguments[0];
                        System.arraycopy(arguments, 2, forwarded, 1, forwarded.length - 1);
                        inner.add(forwarded);
                    }
                }

                @Override
                public Object result() {
                    return inner.result();
                }
            };
        }, AggregateFunction.byFirst(naming), name + "(x, predicate)"));
    }

    private static <T> List<T> withoutPredicate(List<T> arguments) {
        List<T> rest = new ArrayList<>(arguments.size() - 1);
        rest.add(arguments.get(0));
        rest.addAll(arguments.subList(2, arguments.size()));
        return rest;
    }

    private static Accumulator argExtreme(int sign) {
        return new Accumulator() {
            Object best;
            List<Object> row;

            @Override
            public void add(Object[] arguments) {
                Object value = arguments[0];
                // Rows whose value is null lose against any non-null one, but a group of nulls still has a row.
                if (row == null || (value != null && (best == null || sign * Values.compare(value, best) > 0))) {
                    best = value;
                    row = java.util.Arrays.asList(arguments.clone());
                }
            }

            @Override
            public Object result() {
                return row;
            }
        };
    }

    private static Accumulator moments(boolean sample, boolean root, Integer predicate) {
        return new Accumulator() {
            long count;
            double mean;
            double squares;

            @Override
            public void add(Object[] arguments) {
                if (predicate != null && !Boolean.TRUE.equals(arguments[predicate])) {
                    return;
                }
                if (arguments[0] instanceof Number n) {
                    double x = n.doubleValue();
                    count++;
                    double delta = x - mean;
                    mean += delta / count;
                    squares += delta * (x - mean);
                }
            }

            @Override
            public Object result() {
                long divisor = sample ? count - 1 : count;
                double variance = divisor <= 0 ? 0.0 : squares / divisor;
                return root ? Math.sqrt(variance) : variance;
            }
        };
    }

    private static ScalarType percentileType(ScalarType type) {
        return switch (type) {
            case INT, LONG -> ScalarType.LONG;
            case DECIMAL -> ScalarType.REAL;
            case REAL, DATETIME, TIMESPAN -> type;
            default -> null;
        };
    }

    /** Nearest rank: the smallest value such that at least p percent of the values are at most it. */
    private static Accumulator percentile(ScalarType result) {
        return new Accumulator() {
            final List<Object> values = new ArrayList<>();
            double p = Double.NaN;

            @Override
            public void add(Object[] arguments) {
                if (arguments[0] != null) {
                    values.add(arguments[0]);
                }
                if (arguments[1] instanceof Number n) {
                    p = n.doubleValue();
                }
            }

            @Override
            public Object result() {
                if (values.isEmpty() || Double.isNaN(p)) {
                    return null;
                }
                values.sort(Values::compare);
                int rank = (int) Math.ceil(p / 100.0 * values.size());
                Object value = values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
                return ConversionFunctions.convert(value, result);
            }
        };
    }

    private static Accumulator covariance(boolean sample, boolean conditional) {
        return new Accumulator() {
            long count;
            double meanX;
            double meanY;
            double comoment;

            @Override
            public void add(Object[] arguments) {
                if (conditional && !Boolean.TRUE.equals(arguments[2])) {
                    return;
                }
                if (arguments[0] instanceof Number x && arguments[1] instanceof Number y) {
                    count++;
                    double dx = x.doubleValue() - meanX;
                    meanX += dx / count;
                    meanY += (y.doubleValue() - meanY) / count;
                    comoment += dx * (y.doubleValue() - meanY);
                }
            }

            @Override
            public Object result() {
                long divisor = sample ? count - 1 : count;
                return divisor <= 0 ? 0.0 : comoment / divisor;
            }
        };
    }

    /** Nearest rank where each value counts its (integer) weight times. */
    private static Accumulator weightedPercentile(ScalarType result) {
        return new Accumulator() {
            final List<Object[]> values = new ArrayList<>();
            double p = Double.NaN;

            @Override
            public void add(Object[] arguments) {
                if (arguments[0] != null && arguments[1] instanceof Number weight && weight.longValue() > 0) {
                    values.add(new Object[] {arguments[0], weight.longValue()});
                }
                if (arguments[2] instanceof Number n) {
                    p = n.doubleValue();
                }
            }

            @Override
            public Object result() {
                if (values.isEmpty() || Double.isNaN(p)) {
                    return null;
                }
                values.sort((a, b) -> Values.compare(a[0], b[0]));
                long total = 0;
                for (Object[] value : values) {
                    total += (Long) value[1];
                }
                long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
                long seen = 0;
                for (Object[] value : values) {
                    seen += (Long) value[1];
                    if (seen >= rank) {
                        return ConversionFunctions.convert(value[0], result);
                    }
                }
                return ConversionFunctions.convert(values.get(values.size() - 1)[0], result);
            }
        };
    }

    private static ScalarType sumType(ScalarType type) {
        return switch (type) {
            case INT, LONG -> ScalarType.LONG;
            case REAL, DYNAMIC -> ScalarType.REAL;
            case DECIMAL -> ScalarType.DECIMAL;
            case TIMESPAN -> ScalarType.TIMESPAN;
            default -> null;
        };
    }

    private static Accumulator extreme(int sign) {
        return new Accumulator() {
            Object best;

            @Override
            public void add(Object[] arguments) {
                Object value = arguments[0];
                if (value != null && (best == null || sign * Values.compare(value, best) > 0)) {
                    best = value;
                }
            }

            @Override
            public Object result() {
                return best;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------
    // binary_all_and, binary_all_or, binary_all_xor

    /** Bitwise folds of the group's values; nulls are skipped and a group of nulls gives null. */
    private static void bitwise(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule integers = types -> switch (types.get(0)) {
            case INT, LONG -> types.get(0);
            case DYNAMIC -> ScalarType.LONG;
            default -> null;
        };
        String[] names = {"binary_all_and", "binary_all_or", "binary_all_xor"};
        for (int kind = 0; kind < names.length; kind++) {
            final int operation = kind;
            String name = names[kind];
            // Named after the argument itself (KQL-lang: ResultNameKind.FirstArgument).
            registry.add(new AggregateFunction(name, 1, 1, integers, (types, result) -> new Accumulator() {
                long value;
                boolean any;

                @Override
                public void add(Object[] arguments) {
                    if (!(arguments[0] instanceof Number n) || n instanceof Double || n instanceof java.math.BigDecimal) {
                        return;
                    }
                    long x = n.longValue();
                    value = !any ? x : switch (operation) {
                        case 0 -> value & x;
                        case 1 -> value | x;
                        default -> value ^ x;
                    };
                    any = true;
                }

                @Override
                public Object result() {
                    return !any ? null : result == ScalarType.INT ? (Object) (int) value : (Object) value;
                }
            }, AggregateFunction.byFirst(column -> column == null ? name + "_" : column), name + "(x): the bitwise "
                    + name.substring("binary_all_".length()).toUpperCase(java.util.Locale.ROOT) + " of the values"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // percentiles_array, percentilesw_array

    /**
     * The percentiles as one dynamic array, named percentiles_x (percentiles-aggregation-function.md's
     * percentiles_Value; KQL-lang's PercentileArrayReturn names the weighted form the same way). The percentiles are
     * constants: listed (x, 50, 95) or one dynamic array (x, dynamic([50, 95])).
     */
    private static void percentileArrays(FunctionRegistry.Builder registry) {
        for (boolean weighted : new boolean[] {false, true}) {
            String name = weighted ? "percentilesw_array" : "percentiles_array";
            int first = weighted ? 2 : 1;
            registry.add(AggregateFunction.of(name, first + 1, first + 64, types -> {
                if (percentileType(types.get(0)) == null || (weighted && !isWhole(types.get(1)))) {
                    return null;
                }
                for (ScalarType type : types.subList(first, types.size())) {
                    if (!type.isNumeric() && type != ScalarType.DYNAMIC) {
                        return null;
                    }
                }
                return ScalarType.DYNAMIC;
            }, "percentiles", (types, result) -> new Accumulator() {
                final WeightedValues values = new WeightedValues();
                List<Double> percentiles;

                @Override
                public void add(Object[] arguments) {
                    if (percentiles == null) {
                        percentiles = percentileList(arguments, first);
                    }
                    long weight = weighted ? (arguments[1] instanceof Number w ? w.longValue() : 0) : 1;
                    values.add(arguments[0], weight);
                }

                @Override
                public Object result() {
                    if (percentiles == null) {
                        return null;
                    }
                    ScalarType type = percentileType(types.get(0));
                    List<Object> out = new ArrayList<>(percentiles.size());
                    for (double p : percentiles) {
                        Object value = values.nearestRank(p);
                        out.add(value == null ? null : DynamicFunctions.toDynamic(type, ConversionFunctions.convert(value, type)));
                    }
                    return out;
                }
            }, name + (weighted ? "(x, weight, p1, p2, ...)" : "(x, p1, p2, ...)") + ": the percentiles as one array"));
        }
    }

    private static boolean isWhole(ScalarType type) {
        return type == ScalarType.INT || type == ScalarType.LONG || type == ScalarType.DYNAMIC;
    }

    /** The percentiles of a call: the constant arguments from {@code first} on, or one dynamic array of them. */
    private static List<Double> percentileList(Object[] arguments, int first) {
        List<Double> out = new ArrayList<>();
        for (int i = first; i < arguments.length; i++) {
            if (arguments[i] instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof Number n) {
                        out.add(n.doubleValue());
                    }
                }
            } else if (arguments[i] instanceof Number n) {
                out.add(n.doubleValue());
            }
        }
        return out;
    }

    /**
     * Values with integer weights, for nearest-rank percentiles: the smallest value v such that the weight of the
     * values at most v is at least p percent of the total. Exact (Kusto estimates with a t-digest; semantics §6).
     */
    static final class WeightedValues {
        private final List<Object> values = new ArrayList<>();
        private final List<Long> weights = new ArrayList<>();
        private boolean sorted = true;

        void add(Object value, long weight) {
            if (value == null || weight <= 0) {
                return;
            }
            values.add(value);
            weights.add(weight);
            sorted = false;
        }

        boolean isEmpty() {
            return values.isEmpty();
        }

        private void sort() {
            if (sorted) {
                return;
            }
            Integer[] order = new Integer[values.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Values.compare(values.get(a), values.get(b)));
            List<Object> sortedValues = new ArrayList<>(order.length);
            List<Long> sortedWeights = new ArrayList<>(order.length);
            for (int i : order) {
                sortedValues.add(values.get(i));
                sortedWeights.add(weights.get(i));
            }
            values.clear();
            values.addAll(sortedValues);
            weights.clear();
            weights.addAll(sortedWeights);
            sorted = true;
        }

        Object nearestRank(double p) {
            if (values.isEmpty() || Double.isNaN(p)) {
                return null;
            }
            sort();
            long total = 0;
            for (long weight : weights) {
                total += weight;
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
            long seen = 0;
            for (int i = 0; i < values.size(); i++) {
                seen += weights.get(i);
                if (seen >= rank) {
                    return values.get(i);
                }
            }
            return values.get(values.size() - 1);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // buildschema

    /**
     * buildschema's model (buildschema-aggregation-function.md): a primitive type name ("long", "double", "string",
     * "bool"), a container {name: type} where arrays use the key "`indexer`", or a union [type, ...] of several.
     * Nulls admit anything and add nothing.
     */
    static final class Schemas {
        static final String INDEXER = "`indexer`";

        private Schemas() {
        }

        static Object of(Object value) {
            return switch (value) {
                case null -> null;
                case java.util.Map<?, ?> map -> {
                    java.util.Map<String, Object> container = new java.util.LinkedHashMap<>();
                    for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                        Object schema = of(entry.getValue());
                        if (schema != null) {
                            container.merge(entry.getKey().toString(), schema, Schemas::merge);
                        }
                    }
                    yield container;
                }
                case List<?> list -> {
                    Object elements = null;
                    for (Object element : list) {
                        elements = merge(elements, of(element));
                    }
                    java.util.Map<String, Object> container = new java.util.LinkedHashMap<>();
                    if (elements != null) {
                        container.put(INDEXER, elements);
                    }
                    yield container;
                }
                case Boolean b -> "bool";
                case Long l -> "long";
                case Integer i -> "int";
                case Double d -> "double";
                case java.math.BigDecimal d -> "decimal";
                default -> "string";
            };
        }

        /** The least schema admitting both: equal primitives stay, containers merge by key, anything else unites. */
        static Object merge(Object a, Object b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            List<Object> alternatives = new ArrayList<>();
            for (Object schema : new Object[] {a, b}) {
                for (Object alternative : schema instanceof List<?> union ? union : List.of(schema)) {
                    addAlternative(alternatives, alternative);
                }
            }
            return alternatives.size() == 1 ? alternatives.get(0) : alternatives;
        }

        @SuppressWarnings("unchecked")
        private static void addAlternative(List<Object> alternatives, Object alternative) {
            if (alternative instanceof java.util.Map<?, ?> container) {
                for (int i = 0; i < alternatives.size(); i++) {
                    if (alternatives.get(i) instanceof java.util.Map<?, ?> existing) {
                        java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>((java.util.Map<String, Object>) existing);
                        for (java.util.Map.Entry<?, ?> entry : container.entrySet()) {
                            merged.merge(entry.getKey().toString(), entry.getValue(), Schemas::merge);
                        }
                        alternatives.set(i, merged);
                        return;
                    }
                }
            } else if (alternatives.contains(alternative)) {
                return;
            }
            alternatives.add(alternative);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // hll, hll_if, hll_merge, dcount_hll; tdigest, tdigest_merge, merge_tdigest, percentile_tdigest, ...

    /**
     * The intermediate results of dcount and percentiles. Kusto keeps HyperLogLog and t-digest sketches whose binary
     * form is undocumented and "may change over time" (tdigest-aggregation-function.md); here both are <b>exact</b>
     * and round-trip through a dynamic value, as the rest of the engine's dcount and percentile are (semantics §6,
     * ambiguity 14):
     * <ul>
     * <li>hll(x) is {@code [["hll", accuracy], [distinct values...]]}; dcount_hll counts the values, hll_merge unites
     *     them. The state grows with the number of distinct values, unlike a sketch.</li>
     * <li>tdigest(x [, w]) is {@code [[type], [distinct values ascending], [weights]]} (the shape of Kusto's
     *     {@code [[7],[values],[weights]]}, with the value type's name in the header); percentile_tdigest is the
     *     exact nearest-rank percentile over it, rank_tdigest the total weight of the values at most v.</li>
     * </ul>
     * A group with no values gives null for both (summarize-operator.md's empty-input row).
     */
    static final class Digests {
        private static final String HLL = "hll";

        private Digests() {
        }

        static void register(FunctionRegistry.Builder registry) {
            ScalarFunction.TypeRule hllInput = types -> types.get(0) == ScalarType.REAL || types.get(0) == ScalarType.BOOL
                    || (types.size() > 1 && !isWhole(types.get(types.size() - 1))) ? null : ScalarType.DYNAMIC;
            registry.add(AggregateFunction.of("hll", 1, 2, hllInput, "hll",
                    (types, result) -> hllAccumulator(types.get(0), null), "hll(x [, accuracy]): dcount's intermediate "
                            + "result, here the exact distinct values; dcount_hll(hll(x)) == dcount(x)"));
            registry.add(AggregateFunction.of("hll_if", 2, 3, types -> types.get(1) != ScalarType.BOOL
                    && types.get(1) != ScalarType.DYNAMIC ? null : hllInput.resolve(withoutPredicate(types)), "hll_if",
                    (types, result) -> hllAccumulator(types.get(0), 1), "hll_if(x, predicate [, accuracy])"));
            registry.add(ScalarFunction.of("hll_merge", 2, 16, onlyDynamic(ScalarType.DYNAMIC),
                    ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS, (a, call) -> {
                        Set<Object> union = null;
                        long accuracy = 1;
                        for (Object argument : a) {
                            List<?> values = hllValues(argument);
                            if (values != null) {
                                if (union == null) {
                                    union = new LinkedHashSet<>();
                                    accuracy = hllAccuracy(argument);
                                }
                                union.addAll(values);
                            }
                        }
                        return union == null ? null : hll(accuracy, union);
                    }, "hll_merge(hll1, hll2, ...): the hll of the union"));
            registry.add(ScalarFunction.of("dcount_hll", 1, 1, onlyDynamic(ScalarType.LONG), (a, call) -> {
                List<?> values = hllValues(a[0]);
                return values == null ? null : (Object) (long) values.size();
            }, "dcount_hll(hll(x)): the distinct count the hll holds")
                    .withUnnamedColumnName(argument -> argument == null ? null : "dcount_hll_" + argument));

            registry.add(AggregateFunction.of("tdigest", 1, 2, types -> digestType(types.get(0)) == null
                    || (types.size() > 1 && !isWhole(types.get(1))) ? null : ScalarType.DYNAMIC, "tdigest",
                    (types, result) -> {
                        ScalarType type = digestType(types.get(0));
                        return new Accumulator() {
                            final java.util.Map<Object, Long> weights = new java.util.HashMap<>();

                            @Override
                            public void add(Object[] arguments) {
                                long weight = arguments.length > 1 ? (arguments[1] instanceof Number w ? w.longValue() : 0) : 1;
                                Object value = digestValue(type, arguments[0]);
                                if (value != null && weight > 0) {
                                    weights.merge(value, weight, Long::sum);
                                }
                            }

                            @Override
                            public Object result() {
                                return weights.isEmpty() ? null : tdigest(type.kqlName(), weights);
                            }
                        };
                    }, "tdigest(x [, weight]): percentiles' intermediate result, here exact: the distinct values and "
                            + "their weights"));
            // Kusto.Language names an unnamed tdigest_merge merge_tdigests_x.
            registry.add(AggregateFunction.of("tdigest_merge", 1, 1, onlyDynamic(ScalarType.DYNAMIC), "merge_tdigests",
                    (types, result) -> new Accumulator() {
                        final Merger merger = new Merger();

                        @Override
                        public void add(Object[] arguments) {
                            merger.add(arguments[0]);
                        }

                        @Override
                        public Object result() {
                            return merger.result();
                        }
                    }, "tdigest_merge(tdigest): the tdigest of the group's tdigests together"));
            registry.add(ScalarFunction.of("merge_tdigest", 2, 16, onlyDynamic(ScalarType.DYNAMIC),
                    ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS, (a, call) -> {
                        Merger merger = new Merger();
                        for (Object argument : a) {
                            merger.add(argument);
                        }
                        return merger.result();
                    }, "merge_tdigest(t1, t2, ...): the tdigest of the inputs together"));
            registry.alias("merge_tdigests", "merge_tdigest");
            // Without a type literal the result is dynamic (the digest's values keep their type); typeof(T) gives T.
            registry.add(ScalarFunction.of("percentile_tdigest", 2, 3, types -> types.get(0) != ScalarType.DYNAMIC
                    || (!types.get(1).isNumeric() && types.get(1) != ScalarType.DYNAMIC) ? null
                    : types.size() > 2 ? types.get(2) : ScalarType.DYNAMIC, ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS,
                    (a, call) -> {
                        Digest digest = Digest.of(a[0]);
                        if (digest == null || !(a[1] instanceof Number p)) {
                            return null;
                        }
                        return digest.output(digest.nearestRank(p.doubleValue()), call.resultType());
                    }, "percentile_tdigest(tdigest(x), 50 [, typeof(long)]): the nearest-rank percentile"));
            registry.add(ScalarFunction.of("percentiles_array_tdigest", 2, 64, types -> types.get(0) != ScalarType.DYNAMIC
                    ? null : ScalarType.DYNAMIC, (a, call) -> {
                        Digest digest = Digest.of(a[0]);
                        if (digest == null) {
                            return null;
                        }
                        List<Object> out = new ArrayList<>();
                        for (double p : percentileList(a, 1)) {
                            out.add(digest.output(digest.nearestRank(p), ScalarType.DYNAMIC));
                        }
                        return out;
                    }, "percentiles_array_tdigest(tdigest(x), 50, 95): the percentiles as one array"));
            registry.add(ScalarFunction.of("rank_tdigest", 2, 2, types -> types.get(0) == ScalarType.DYNAMIC
                    ? ScalarType.REAL : null, (a, call) -> {
                        Digest digest = Digest.of(a[0]);
                        Object value = digest == null ? null : digest.comparable(call.argumentTypes().get(1), a[1]);
                        return value == null ? null : (Object) (double) digest.rank(value);
                    }, "rank_tdigest(tdigest(x), v): how many values are at most v (685 for 1..1000 and 685)"));
            registry.add(ScalarFunction.of("percentrank_tdigest", 2, 2, types -> types.get(0) == ScalarType.DYNAMIC
                    ? ScalarType.REAL : null, (a, call) -> {
                        Digest digest = Digest.of(a[0]);
                        Object value = digest == null ? null : digest.comparable(call.argumentTypes().get(1), a[1]);
                        return value == null ? null : (Object) (100.0 * digest.rank(value) / digest.total());
                    }, "percentrank_tdigest(tdigest(x), v): the percentage of the values at most v"));
        }

        private static ScalarFunction.TypeRule onlyDynamic(ScalarType result) {
            return types -> {
                for (ScalarType type : types) {
                    if (type != ScalarType.DYNAMIC) {
                        return null;
                    }
                }
                return result;
            };
        }

        private static Accumulator hllAccumulator(ScalarType type, Integer predicate) {
            return new Accumulator() {
                final Set<Object> values = new LinkedHashSet<>();
                long accuracy = 1;

                @Override
                public void add(Object[] arguments) {
                    if (predicate != null && !Boolean.TRUE.equals(arguments[predicate])) {
                        return;
                    }
                    int accuracyAt = predicate == null ? 1 : 2;
                    if (arguments.length > accuracyAt && arguments[accuracyAt] instanceof Number n) {
                        accuracy = n.longValue();
                    }
                    if (arguments[0] != null) {
                        values.add(DynamicFunctions.toDynamic(type, arguments[0]));
                    }
                }

                @Override
                public Object result() {
                    return values.isEmpty() ? null : hll(accuracy, values);
                }
            };
        }

        private static List<Object> hll(long accuracy, java.util.Collection<Object> values) {
            return List.of(List.of(HLL, accuracy), new ArrayList<>(values));
        }

        /** The distinct values of an hll() result, or null when the value is not one. */
        private static List<?> hllValues(Object value) {
            if (value instanceof List<?> parts && parts.size() == 2 && parts.get(0) instanceof List<?> header
                    && !header.isEmpty() && HLL.equals(header.get(0)) && parts.get(1) instanceof List<?> values) {
                return values;
            }
            return null;
        }

        private static long hllAccuracy(Object value) {
            List<?> header = (List<?>) ((List<?>) value).get(0);
            return header.size() > 1 && header.get(1) instanceof Number n ? n.longValue() : 1;
        }

        /** The type a digest of this input holds (percentile's output type), or null if it cannot. */
        private static ScalarType digestType(ScalarType input) {
            return switch (input) {
                case INT, LONG -> ScalarType.LONG;
                case REAL, DECIMAL, DYNAMIC -> ScalarType.REAL;
                case DATETIME, TIMESPAN -> input;
                default -> null;
            };
        }

        /** A value as a digest stores it: longs (ticks for times) or doubles. */
        private static Object digestValue(ScalarType type, Object value) {
            if (!(value instanceof Number n)) {
                return null;
            }
            return type == ScalarType.REAL ? (Object) n.doubleValue() : (Object) n.longValue();
        }

        private static List<Object> tdigest(String type, java.util.Map<Object, Long> weights) {
            List<Object> values = new ArrayList<>(weights.keySet());
            values.sort(Values::compare);
            List<Object> counts = new ArrayList<>(values.size());
            for (Object value : values) {
                counts.add(weights.get(value));
            }
            return List.of(List.of(type), values, counts);
        }

        /** Unites digests; values of digests of different types are kept as numbers under the type "real". */
        private static final class Merger {
            private final java.util.Map<Object, Long> weights = new java.util.HashMap<>();
            private String type;

            void add(Object value) {
                Digest digest = Digest.of(value);
                if (digest == null) {
                    return;
                }
                if (type == null) {
                    type = digest.type;
                } else if (!type.equals(digest.type)) {
                    type = ScalarType.REAL.kqlName();
                }
                for (int i = 0; i < digest.values.size(); i++) {
                    weights.merge(digest.values.get(i), digest.weights.get(i), Long::sum);
                }
            }

            Object result() {
                if (weights.isEmpty()) {
                    return null;
                }
                if (type.equals(ScalarType.REAL.kqlName())) {
                    java.util.Map<Object, Long> reals = new java.util.HashMap<>();
                    weights.forEach((value, weight) -> reals.merge(((Number) value).doubleValue(), weight, Long::sum));
                    return tdigest(type, reals);
                }
                return tdigest(type, weights);
            }
        }

        /** A tdigest() result read back: its value type, ascending values and their weights. */
        private record Digest(String type, List<Object> values, List<Long> weights) {
            static Digest of(Object value) {
                if (!(value instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof List<?> header)
                        || header.isEmpty() || !(header.get(0) instanceof String type)
                        || !(parts.get(1) instanceof List<?> values) || !(parts.get(2) instanceof List<?> weights)
                        || values.size() != weights.size() || values.isEmpty()) {
                    return null;
                }
                List<Object> sortedValues = new ArrayList<>(values.size());
                List<Long> sortedWeights = new ArrayList<>(values.size());
                for (int i = 0; i < values.size(); i++) {
                    if (!(values.get(i) instanceof Number v) || !(weights.get(i) instanceof Number w)) {
                        return null;
                    }
                    sortedValues.add(v);
                    sortedWeights.add(w.longValue());
                }
                return new Digest(type, sortedValues, sortedWeights);
            }

            long total() {
                long total = 0;
                for (long weight : weights) {
                    total += weight;
                }
                return total;
            }

            Object nearestRank(double p) {
                if (Double.isNaN(p)) {
                    return null;
                }
                long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total()));
                long seen = 0;
                for (int i = 0; i < values.size(); i++) {
                    seen += weights.get(i);
                    if (seen >= rank) {
                        return values.get(i);
                    }
                }
                return values.get(values.size() - 1);
            }

            /** The total weight of the values at most {@code value}. */
            long rank(Object value) {
                long rank = 0;
                for (int i = 0; i < values.size() && Values.compare(values.get(i), value) <= 0; i++) {
                    rank += weights.get(i);
                }
                return rank;
            }

            /** A probe value as the digest's values compare with it (ticks for datetimes and timespans). */
            Object comparable(ScalarType type, Object value) {
                if (value instanceof String text && type == ScalarType.DYNAMIC) {
                    Long ticks = this.type.equals(ScalarType.DATETIME.kqlName())
                            ? dev.trawl.kql.syntax.LiteralValues.datetimeTicks(text) : null;
                    return ticks;
                }
                return value instanceof Number ? value : null;
            }

            /** A stored value in the requested type: dynamic keeps the digest's type (datetimes as their text). */
            Object output(Object value, ScalarType requested) {
                if (value == null) {
                    return null;
                }
                Number number = (Number) value;
                ScalarType stored = storedType();
                return switch (requested) {
                    case DYNAMIC -> DynamicFunctions.toDynamic(stored, stored == ScalarType.REAL
                            ? (Object) number.doubleValue() : (Object) number.longValue());
                    case LONG -> number.longValue();
                    case INT -> number.intValue();
                    case REAL -> number.doubleValue();
                    case DECIMAL -> Values.decimal(number);
                    case DATETIME, TIMESPAN -> stored == requested ? (Object) number.longValue() : null;
                    case STRING -> Values.toText(stored, stored == ScalarType.REAL
                            ? (Object) number.doubleValue() : (Object) number.longValue());
                    default -> null;
                };
            }

            private ScalarType storedType() {
                for (ScalarType candidate : ScalarType.values()) {
                    if (candidate.kqlName().equals(type)) {
                        return candidate;
                    }
                }
                return ScalarType.REAL;
            }
        }
    }
}
