package dev.trawl.engine.conformance;

/**
 * What happened to one case.
 *
 * @param detail for a failure the short diff, for an error the first diagnostic, for a crash the exception; null
 *        for a pass
 * @param actual the engine's result when it gave one (for the report), else null
 */
record CaseOutcome(PreparedCase prepared, Kind kind, String detail, long nanos, ActualTable actual) {
    enum Kind {
        /** The result matches the documented output. */
        PASS,
        /** The engine gave a result that does not match. */
        FAIL,
        /** The engine rejected the query with diagnostics ({@code QueryException}). */
        ERROR,
        /** The engine threw anything else (or its result could not be read). */
        CRASH,
        /** The engine did not finish within the per-case time limit. */
        TIMEOUT,
        /** The engine gave a result but the documented output could not be read as a table. */
        UNPARSEABLE
    }

    ConformanceCase testCase() {
        return prepared.testCase();
    }
}
