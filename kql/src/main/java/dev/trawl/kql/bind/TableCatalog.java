package dev.trawl.kql.bind;

import dev.trawl.kql.plan.Schema;
import java.util.Set;

/** The tables a query can name: built-in schemas, files, the store. */
public interface TableCatalog {
    /** The schema of the table called {@code name}, or null if there is none. */
    Schema schema(String name);

    Set<String> names();

    TableCatalog EMPTY = of(java.util.Map.of());

    /** A catalog over a map of names to schemas; later changes to the map are seen. */
    static TableCatalog of(java.util.Map<String, Schema> schemas) {
        return new TableCatalog() {
            @Override
            public Schema schema(String name) {
                return schemas.get(name);
            }

            @Override
            public Set<String> names() {
                return schemas.keySet();
            }
        };
    }
}
