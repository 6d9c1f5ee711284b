package dev.trawl.kql.syntax;

import dev.trawl.kql.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The texts fuzzing starts from: every corpus query, then every conformance query, in file order. */
final class FuzzCorpus {
    /** One query and where it came from, for failure reports. */
    record Query(String origin, String text) {
        Query {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(text, "text");
        }
    }

    private FuzzCorpus() {
    }

    static List<Query> load() {
        List<Query> queries = new ArrayList<>();
        for (SharedData.Entry entry : SharedData.corpusQueries()) {
            queries.add(new Query("corpus " + entry.text("id"), entry.text("query")));
        }
        for (SharedData.Entry entry : SharedData.conformanceCases()) {
            queries.add(new Query("conformance line " + entry.line(), entry.text("query")));
        }
        return List.copyOf(queries);
    }

    static List<String> texts(List<Query> queries) {
        return queries.stream().map(Query::text).toList();
    }
}
