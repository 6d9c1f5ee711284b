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
        registry.add(new AggregateFunction("count", 0, 1, types -> ScalarType.LONG, (types, result) -> new Accumulator() {
            long count;

            @Override
            public void add(Object[] arguments) {
                if (arguments.length == 0 || arguments[0] != null) {
                    count++;
                }
            }

            @Override
            public Object result() {
                return count;
            }
        }, column -> column == null ? "count_" : "count_" + column, "count(): rows in the group"));
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
        registry.add(AggregateFunction.of("avg", 1, 1, types -> types.get(0).isNumeric() || types.get(0) == ScalarType.DYNAMIC
                ? ScalarType.REAL : null, "avg", (types, result) -> new Accumulator() {
                    double sum;
                    long count;

                    @Override
                    public void add(Object[] arguments) {
                        if (arguments[0] instanceof Number n) {
                            sum += n.doubleValue();
                            count++;
                        }
                    }

                    @Override
                    public Object result() {
                        return count == 0 ? null : sum / count;
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
                if (arguments[0] != null && values.size() < limit) {
                    values.add(DynamicFunctions.toDynamic(types.get(0), arguments[0]));
                }
            }

            @Override
            public Object result() {
                return new ArrayList<>(values);
            }
        }, "make_set(x): the distinct values as an array"));
        registry.add(AggregateFunction.of("take_any", 1, 1, Types.sameAsFirst(), "any", (types, result) -> new Accumulator() {
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
        }, "take_any(x): some non-empty value of the group"));
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
            registry.add(AggregateFunction.of(name, 2, 2, types -> ScalarType.REAL, name,
                    (types, result) -> covariance(sample, false), name + "(x, y)"));
            registry.add(AggregateFunction.of(name + "if", 3, 3, types -> ScalarType.REAL, name + "if",
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
        conditional(registry, "take_anyif", "take_any", "any");
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

                    @Override
                    public void add(Object[] arguments) {
                        if (arguments[0] instanceof java.util.Map<?, ?> map) {
                            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                                bag.putIfAbsent(entry.getKey().toString(), entry.getValue());
                            }
                        }
                    }

                    @Override
                    public Object result() {
                        return bag;
                    }
                }, "make_bag(bag): the union of property bags"));
        conditional(registry, "make_bag_if", "make_bag", "bag");
        registry.alias("any", "take_any");
        registry.alias("makelist", "make_list");
        registry.alias("makeset", "make_set");
        registry.alias("count_distinct", "dcount");
    }

    /** name(x, predicate): the plain aggregate over the rows where the predicate is true. */
    private static void conditional(FunctionRegistry.Builder registry, String name, String plain, String prefix) {
        AggregateFunction base = (AggregateFunction) registry.get(plain);
        registry.add(new AggregateFunction(name, 2, 3, types -> base.resultType(types.subList(0, 1)), (types, result) -> {
            Accumulator inner = base.newAccumulator(types.subList(0, 1), result);
            int predicate = types.size() - 1;
            return new Accumulator() {
                @Override
                public void add(Object[] arguments) {
                    if (Boolean.TRUE.equals(arguments[predicate])) {
                        inner.add(java.util.Arrays.copyOf(arguments, 1));
                    }
                }

                @Override
                public Object result() {
                    return inner.result();
                }
            };
        }, column -> prefix + "_" + (column == null ? "" : column), name + "(x, predicate)"));
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
}
