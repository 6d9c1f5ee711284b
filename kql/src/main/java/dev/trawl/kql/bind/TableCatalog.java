package dev.trawl.kql.bind;

import dev.trawl.kql.plan.Schema;
import java.util.Set;

/** The tables a query can name: built-in schemas, files, the store. */
public interface TableCatalog {
    /** The schema of the table called {@code name}, or null if there is none. */
    Schema schema(String name);

    Set<String> names();

    TableCatalog EMPTY = new TableCatalog() {
        @Override
        public Schema schema(String name) {
            return null;
        }

        @Override
        public Set<String> names() {
            return Set.of();
        }
    };
}
