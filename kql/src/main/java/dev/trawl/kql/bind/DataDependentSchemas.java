package dev.trawl.kql.bind;

import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;

/**
 * Some operators' output columns depend on the data (evaluate bag_unpack without an output schema). The
 * binder asks the engine for them; binding without an engine reports such operators as not runnable.
 */
public interface DataDependentSchemas {
    /** The columns bag_unpack adds for the bags in {@code column} of {@code input}'s output. */
    Schema bagUnpackColumns(LogicalPlan input, int column, String prefix);

    DataDependentSchemas NONE = null;
}
