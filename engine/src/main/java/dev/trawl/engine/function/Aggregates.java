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
