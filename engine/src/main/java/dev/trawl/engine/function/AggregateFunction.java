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
    private final Function<String, String> naming;
    private final String description;

    public AggregateFunction(String name, int minArguments, int maxArguments, ScalarFunction.TypeRule typeRule,
                             AccumulatorFactory factory, Function<String, String> naming, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.typeRule = Objects.requireNonNull(typeRule, "typeRule");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.naming = Objects.requireNonNull(naming, "naming");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A plain aggregate named like Kusto names it: {@code prefix_column}. */
    public static AggregateFunction of(String name, int min, int max, ScalarFunction.TypeRule types, String prefix,
                                       AccumulatorFactory factory, String description) {
        return new AggregateFunction(name, min, max, types, factory,
                column -> prefix + "_" + (column == null ? "" : column), description);
    }

    public static AggregateFunction simple(String name, int min, int max, ScalarFunction.TypeRule types, String prefix,
                                           Supplier<Accumulator> factory, String description) {
        return of(name, min, max, types, prefix, (argumentTypes, resultType) -> factory.get(), description);
    }

    public Accumulator newAccumulator(List<ScalarType> argumentTypes, ScalarType resultType) {
        return factory.create(argumentTypes, resultType);
    }

    @Override
    public String aggregateColumnName(String firstArgumentName) {
        return naming.apply(firstArgumentName);
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
