package dev.trawl.cli;

import dev.trawl.kql.syntax.SourceText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One query to check, or the reason a query could not be read; the unit that check reports on. */
sealed interface QueryInput {
    /** How the query is named in reports: the file, {@code file.md#N}, or a JSON-lines id. */
    String id();

    /**
     * A query's text as the parser sees it, and where its lines sit in the file it came from when that is
     * known, so that diagnostics can point into the file.
     *
     * @param warnings problems met while reading the query that did not stop it being read
     */
    record Query(String id, SourceText source, Optional<Placement> placement, List<String> warnings)
            implements QueryInput {
        public Query {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(placement, "placement");
            warnings = List.copyOf(warnings);
        }

        /** A query that is a whole file or stream, so its positions are already the file's. */
        static Query whole(String id, SourceText source) {
            return new Query(id, source, Optional.empty(), List.of());
        }
    }

    /** A query that could not be read, such as a JSON-lines line that is not JSON; counts as an error. */
    record Unreadable(String id, String message) implements QueryInput {
        public Unreadable {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(message, "message");
        }
    }
}
