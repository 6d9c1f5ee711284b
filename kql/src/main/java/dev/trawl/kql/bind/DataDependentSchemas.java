package dev.trawl.kql.bind;

import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;

/**
 * What the binder must ask the engine: columns that depend on the data (evaluate bag_unpack without an
 * output schema) and values of constant expressions (datatable cells). Binding without an engine reports
 * such constructs as not runnable.
 */
public interface DataDependentSchemas {
    /** The columns bag_unpack adds for the bags in {@code column} of {@code input}'s output. */
    Schema bagUnpackColumns(LogicalPlan input, int column, String prefix);

    /** The value of a deterministic expression that reads no columns, such as -1 or datetime(...) + 1d. */
    Object evaluateConstant(dev.trawl.kql.plan.BoundExpression expression);
}
