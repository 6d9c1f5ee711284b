package dev.trawl.kql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's shared reference material ({@code ../shared} beside the repository), read-only. */
public final class SharedData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {
    }

    /** The shared folder: the first {@code shared} directory found beside this directory or one of its parents. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("kql"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/ folder beside the repository (looked upward from "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** One line of a JSON-lines file. */
    public record Entry(int line, JsonNode json) {
        public String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    public static List<Entry> jsonLines(String relativePath) {
        Path path = root().resolve(relativePath);
        try {
            List<Entry> entries = new ArrayList<>();
            int line = 0;
            for (String text : Files.readAllLines(path)) {
                line++;
                if (!text.isBlank()) {
                    entries.add(new Entry(line, JSON.readTree(text)));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static List<Entry> corpusQueries() {
        return jsonLines("corpus/queries.jsonl");
    }

    public static List<Entry> conformanceCases() {
        return jsonLines("kql/conformance/cases.jsonl");
    }
}
