package dev.trawl.engine.function;

/** What a query's functions may read besides their arguments: the query's fixed now(). */
public record EvaluationContext(long nowTicks) {
}
