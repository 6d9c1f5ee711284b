package dev.trawl.engine.exec;

import java.util.List;

/** Placeholder: runs a KQL query text and returns its last result. */
public final class Engine {
    public QueryResult run(String query) {
        throw new QueryException(List.of());
    }
}
