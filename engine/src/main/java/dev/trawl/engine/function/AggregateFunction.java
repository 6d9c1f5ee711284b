package dev.trawl.engine.function;

import dev.trawl.kql.functions.FunctionSpec;
import dev.trawl.kql.types.ScalarType;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/** An aggregation: its spec for the binder and a factory of per-group accumulators. */
public final class AggregateFunction implements FunctionSpec {
    /** The running state of one group. */
    public interface Accumulator {
        /** One input row's argument values (engine value model); the array is reused, so copy what is kept. */
        void add(Object[] arguments);

        /** The group's result; called once. */
        Object result();
    }

    /** Makes an accumulator for a call with these argument types and this result type. */
    @FunctionalInterface
    public interface AccumulatorFactory {
        Accumulator create(List<ScalarType> argumentTypes, ScalarType resultType);
    }

    private final String name;
    private final int minArguments;
    private final int maxArguments;
    private final ScalarFunction.TypeRule typeRule;
    private final AccumulatorFactory factory;
    private final Function<List<String>, String> naming;
    private final String description;

    public AggregateFunction(String name, int minArguments, int maxArguments, ScalarFunction.TypeRule typeRule,
                             AccumulatorFactory factory, Function<List<String>, String> naming, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.typeRule = Objects.requireNonNull(typeRule, "typeRule");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.naming = Objects.requireNonNull(naming, "naming");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A plain aggregate named like Kusto names it: {@code prefix_column}, after its first argument. */
    public static AggregateFunction of(String name, int min, int max, ScalarFunction.TypeRule types, String prefix,
                                       AccumulatorFactory factory, String description) {
        return new AggregateFunction(name, min, max, types, factory,
                columns -> prefix + "_" + orEmpty(columns.isEmpty() ? null : columns.get(0)), description);
    }

    /**
     * An aggregate of two columns, named after both: {@code covariance(x, y)} is {@code covariance_x_y}
     * (docs: covariance-aggregation-function.md and its p/if variants). Where an argument is not a column its
     * part is empty, as for one-argument aggregates ({@code count_}); that case is undocumented.
     */
    public static AggregateFunction ofPair(String name, int min, int max, ScalarFunction.TypeRule types, String prefix,
                                           AccumulatorFactory factory, String description) {
        return new AggregateFunction(name, min, max, types, factory,
                columns -> prefix + "_" + orEmpty(columns.isEmpty() ? null : columns.get(0)) + "_"
                        + orEmpty(columns.size() < 2 ? null : columns.get(1)), description);
    }

    /** A naming by the first argument's column name alone (null when it is not a column). */
    public static Function<List<String>, String> byFirst(Function<String, String> naming) {
        return columns -> naming.apply(columns.isEmpty() ? null : columns.get(0));
    }

    private static String orEmpty(String name) {
        return name == null ? "" : name;
    }

    public static AggregateFunction simple(String name, int min, int max, ScalarFunction.TypeRule types, String prefix,
                                           Supplier<Accumulator> factory, String description) {
        return of(name, min, max, types, prefix, (argumentTypes, resultType) -> factory.get(), description);
    }

    public Accumulator newAccumulator(List<ScalarType> argumentTypes, ScalarType resultType) {
        return factory.create(argumentTypes, resultType);
    }

    @Override
    public String aggregateColumnName(List<String> argumentNames) {
        return naming.apply(argumentNames);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.AGGREGATE;
    }

    @Override
    public int minArguments() {
        return minArguments;
    }

    @Override
    public int maxArguments() {
        return maxArguments;
    }

    @Override
    public ScalarType resultType(List<ScalarType> argumentTypes) {
        return typeRule.resolve(argumentTypes);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name;
    }
}
