package dev.trawl.kql.bind;

import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;

/**
 * What the binder must ask the engine: columns that depend on the data (evaluate bag_unpack and evaluate
 * pivot without an output schema) and values of constant expressions (datatable cells). Kusto does the
 * same: without an output schema it "first run[s] the actual query to explore the schema" (docs:
 * pivot-plugin.md). Binding without an engine reports bag_unpack as not runnable and gives pivot an open
 * schema.
 */
public interface DataDependentSchemas {
    /** The columns bag_unpack adds for the bags in {@code column} of {@code input}'s output. */
    Schema bagUnpackColumns(LogicalPlan input, int column, String prefix);

    /**
     * The columns evaluate pivot makes of {@code column} of {@code input}'s output: the text of each distinct
     * value, in order of first appearance.
     */
    java.util.List<String> pivotColumns(LogicalPlan input, int column);

    /** The value of a deterministic expression that reads no columns, such as -1 or datetime(...) + 1d. */
    Object evaluateConstant(dev.trawl.kql.plan.BoundExpression expression);
}
