package dev.trawl.engine.function;

import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.functions.FunctionSpec;
import dev.trawl.kql.types.ScalarType;
import java.util.List;
import java.util.Objects;

/**
 * A scalar function: its spec for the binder and its kernel. Most kernels are written per value
 * ({@link ValueKernel}) and lifted over columns here, once; hot functions may supply a column kernel.
 */
public final class ScalarFunction implements FunctionSpec {
    /** The result type for argument types, or null if no overload accepts them. */
    @FunctionalInterface
    public interface TypeRule {
        ScalarType resolve(List<ScalarType> argumentTypes);
    }

    /** One value's result from its arguments' values (engine value model). */
    @FunctionalInterface
    public interface ValueKernel {
        Object apply(Object[] arguments, Call call);
    }

    /** A whole column's result at once. */
    @FunctionalInterface
    public interface ColumnKernel {
        Column apply(Column[] arguments, int size, Call call);
    }

    /** How a call was bound: its argument and result types, and the query's context. */
    public record Call(List<ScalarType> argumentTypes, ScalarType resultType, EvaluationContext context) {
    }

    /** Whether any null argument makes the result null without calling the kernel. */
    public enum NullPolicy { NULL_IN_NULL_OUT, KERNEL_HANDLES_NULLS }

    private final String name;
    private final int minArguments;
    private final int maxArguments;
    private final TypeRule typeRule;
    private final ColumnKernel kernel;
    private final boolean deterministic;
    private final boolean perRow;
    private final String description;
    private List<String> components = List.of();
    private List<ScalarType> componentTypes = List.of();
    private List<String> parameterNames = List.of();
    private java.util.function.UnaryOperator<String> unnamedColumn = argument -> null;

    private ScalarFunction(String name, int minArguments, int maxArguments, TypeRule typeRule, ColumnKernel kernel,
                           boolean deterministic, boolean perRow, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.typeRule = Objects.requireNonNull(typeRule, "typeRule");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.deterministic = deterministic;
        this.perRow = perRow;
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A function with a per-value kernel; nulls in give null out. */
    public static ScalarFunction of(String name, int min, int max, TypeRule types, ValueKernel kernel, String description) {
        return new ScalarFunction(name, min, max, types, lift(kernel, NullPolicy.NULL_IN_NULL_OUT), true, true,
                description);
    }

    public static ScalarFunction of(String name, int min, int max, TypeRule types, NullPolicy nulls, ValueKernel kernel,
                                    String description) {
        return new ScalarFunction(name, min, max, types, lift(kernel, nulls), true, true, description);
    }

    /** A function that sees whole columns, such as a window function reading neighbouring rows. */
    public static ScalarFunction columnar(String name, int min, int max, TypeRule types, ColumnKernel kernel,
                                          String description) {
        return new ScalarFunction(name, min, max, types, kernel, true, false, description);
    }

    /**
     * The same function with a specialised kernel tried first: it returns null when its case (for example
     * a long column against a constant) does not apply, and the general kernel runs instead.
     */
    public ScalarFunction withFastPath(ColumnKernel fast) {
        ColumnKernel general = kernel;
        ScalarFunction copy = new ScalarFunction(name, minArguments, maxArguments, typeRule, (arguments, size, call) -> {
            Column result = fast.apply(arguments, size, call);
            return result != null ? result : general.apply(arguments, size, call);
        }, deterministic, perRow, description);
        copy.components = components;
        copy.componentTypes = componentTypes;
        copy.parameterNames = parameterNames;
        copy.unnamedColumn = unnamedColumn;
        return copy;
    }

    /**
     * Declares the function tuple-valued: its kernel returns a list with one value per component, and
     * the binder spreads it over columns named after the components.
     */
    public ScalarFunction withComponents(List<String> names, List<ScalarType> types) {
        if (names.size() != types.size()) {
            throw new IllegalArgumentException("one type per component");
        }
        ScalarFunction copy = new ScalarFunction(name, minArguments, maxArguments, typeRule, kernel, deterministic,
                perRow, description);
        copy.components = List.copyOf(names);
        copy.componentTypes = List.copyOf(types);
        copy.parameterNames = parameterNames;
        copy.unnamedColumn = unnamedColumn;
        return copy;
    }

    /** Names the parameters, in order, so calls may pass them by name (Kusto's documented names). */
    public ScalarFunction withParameterNames(String... names) {
        ScalarFunction copy = new ScalarFunction(name, minArguments, maxArguments, typeRule, kernel, deterministic,
                perRow, description);
        copy.components = components;
        copy.componentTypes = componentTypes;
        copy.parameterNames = List.of(names);
        copy.unnamedColumn = unnamedColumn;
        return copy;
    }

    /**
     * Names an unnamed call in project or extend from its first argument's column, as Kusto's language service
     * does for functions whose result name joins theirs and the argument's (ResultNameKind.NameAndFirstArgument).
     */
    public ScalarFunction withUnnamedColumnName(java.util.function.UnaryOperator<String> naming) {
        ScalarFunction copy = new ScalarFunction(name, minArguments, maxArguments, typeRule, kernel, deterministic,
                perRow, description);
        copy.components = components;
        copy.componentTypes = componentTypes;
        copy.parameterNames = parameterNames;
        copy.unnamedColumn = naming;
        return copy;
    }

    @Override
    public String unnamedColumnName(String firstArgumentName) {
        return unnamedColumn.apply(firstArgumentName);
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> components() {
        return components;
    }

    @Override
    public ScalarType componentType(int index) {
        return componentTypes.get(index);
    }

    /** now(), rand(), new_guid(): never folded. */
    public ScalarFunction nondeterministic() {
        ScalarFunction copy = new ScalarFunction(name, minArguments, maxArguments, typeRule, kernel, false, perRow,
                description);
        copy.components = components;
        copy.componentTypes = componentTypes;
        copy.parameterNames = parameterNames;
        copy.unnamedColumn = unnamedColumn;
        return copy;
    }

    /** The one place per-value kernels become column kernels. */
    static ColumnKernel lift(ValueKernel kernel, NullPolicy nulls) {
        return (arguments, size, call) -> {
            ColumnBuilder out = ColumnBuilder.of(call.resultType(), size);
            Object[] values = new Object[arguments.length];
            for (int row = 0; row < size; row++) {
                boolean anyNull = false;
                for (int a = 0; a < arguments.length; a++) {
                    values[a] = arguments[a].get(row);
                    anyNull |= values[a] == null;
                }
                out.add(anyNull && nulls == NullPolicy.NULL_IN_NULL_OUT ? null : kernel.apply(values, call));
            }
            return out.build();
        };
    }

    public Column evaluate(Column[] arguments, int size, Call call) {
        return kernel.apply(arguments, size, call);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.SCALAR;
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
    public boolean deterministic() {
        return deterministic;
    }

    /**
     * Whether each row's result depends only on that row's argument values (true for every per-value kernel, and
     * a fast path must agree with its general kernel), so the function may be computed once per distinct value.
     */
    public boolean perRow() {
        return perRow;
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
