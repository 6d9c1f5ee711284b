package dev.trawl.kql.plan;

import dev.trawl.kql.functions.FunctionSpec;
import dev.trawl.kql.types.ScalarType;
import java.util.List;
import java.util.Objects;

/** A resolved, typed scalar expression: every name is a column index or a constant, every call one function. */
public sealed interface BoundExpression {
    ScalarType type();

    /** A value known when the query is bound (a literal, a scalar let, a folded constant). */
    record Constant(ScalarType type, Object value) implements BoundExpression {
        public Constant {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A column of the operator's input, by position; {@link #DATA_NAMED} when the input's schema is open and
     * this is one of the columns only the data will name (typed dynamic). Such a reference is bound only
     * without data ({@code trawl check}): the engine binds with the data, where every schema is closed.
     */
    record ColumnRef(int index, String name, ScalarType type) implements BoundExpression {
        /** The position of a column of an open schema that the data has yet to name. */
        public static final int DATA_NAMED = -1;

        public ColumnRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A call of a scalar function; operators such as {@code ==} and {@code has} are functions too. */
    record Call(FunctionSpec function, List<BoundExpression> arguments, ScalarType type) implements BoundExpression {
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code toscalar(subquery)}: the first column of the first row of a plan (null when it has no rows). */
    record ScalarSubquery(LogicalPlan plan, ScalarType type) implements BoundExpression {
        public ScalarSubquery {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(type, "type");
        }
    }
}
