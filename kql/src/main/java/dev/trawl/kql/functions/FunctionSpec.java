package dev.trawl.kql.functions;

import dev.trawl.kql.types.ScalarType;
import java.util.List;

/**
 * What the binder knows of a function: its name, how many arguments it takes, and the result type for
 * given argument types (null when no overload accepts them). Implementations live with the engine; the
 * binder sees only specs, so binding never depends on how a function runs.
 */
public interface FunctionSpec {
    enum Kind { SCALAR, AGGREGATE }

    String name();

    Kind kind();

    int minArguments();

    /** {@link Integer#MAX_VALUE} for variadic functions. */
    int maxArguments();

    /** The result type for these argument types, or null if the function does not accept them. */
    ScalarType resultType(List<ScalarType> argumentTypes);

    /** False for now(), rand(), new_guid(): such calls are not folded or cached. */
    default boolean deterministic() {
        return true;
    }

    /**
     * The result column name of an unnamed aggregate, given the names of its arguments' columns (an element
     * is null where an argument is not a column): {@code count_}, {@code sum_x}, {@code list_x}, ...; most
     * aggregates name their first argument only, {@code covariance(x, y)} both.
     */
    default String aggregateColumnName(List<String> argumentNames) {
        String first = argumentNames.isEmpty() ? null : argumentNames.get(0);
        return name() + "_" + (first == null ? "" : first);
    }

    /**
     * The column name Kusto gives an unnamed call of this scalar function in project or extend, from its first
     * argument's column name (null if that is not a column): {@code dcount_hll(merged)} is
     * {@code dcount_hll_merged}. Null, the default, when Kusto numbers the column (Column1, ...).
     */
    default String unnamedColumnName(String firstArgumentName) {
        return null;
    }

    /**
     * The component names of a function that returns several values ({@code series_fit_line}:
     * rsquare, slope, ...), empty for ordinary functions. Such a call yields a dynamic array of its
     * components; the binder spreads it over columns named {@code <function>_<argument>_<component>}
     * or the names of {@code extend (a, b, c) = f(...)}.
     */
    default List<String> components() {
        return List.of();
    }

    /** The type of component {@code index} (its column's type once spread). */
    default ScalarType componentType(int index) {
        return ScalarType.DYNAMIC;
    }

    /** The parameters' names, for named arguments ({@code Threshold = 2.5}); empty when named arguments are not accepted. */
    default List<String> parameterNames() {
        return List.of();
    }

    /** One line of documentation with an example. */
    String description();
}
