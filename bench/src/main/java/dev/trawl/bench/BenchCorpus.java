package dev.trawl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The KQL every parse benchmark runs over: all of {@code shared/corpus/queries.jsonl} followed by all of
 * {@code shared/kql/conformance/cases.jsonl}. {@code shared/} is {@code -Dtrawl.shared=DIR}, or the first
 * {@code shared} directory holding the corpus in or above the working directory.
 */
public final class BenchCorpus {
    public static final String SHARED_PROPERTY = "trawl.shared";

    private BenchCorpus() {
    }

    public static List<String> queries() {
        Path shared = sharedDir();
        List<String> queries = new ArrayList<>();
        read(shared.resolve("corpus/queries.jsonl"), queries);
        read(shared.resolve("kql/conformance/cases.jsonl"), queries);
        return List.copyOf(queries);
    }

    /** Total size of the queries in UTF-8 bytes: what MB/s figures are measured in. */
    public static long utf8Bytes(List<String> queries) {
        long bytes = 0;
        for (String query : queries) {
            bytes += query.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    static Path sharedDir() {
        String override = System.getProperty(SHARED_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared");
            if (Files.isRegularFile(shared.resolve("corpus/queries.jsonl"))) {
                return shared;
            }
        }
        throw new IllegalStateException("no shared/ directory with corpus/queries.jsonl in or above " + start
                + "; run from the checkout (shared/ sits beside it) or pass -D" + SHARED_PROPERTY + "=DIR");
    }

    private static void read(Path file, List<String> into) {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode query = json.readTree(line).get("query");
                if (query == null || !query.isTextual()) {
                    throw new IllegalStateException(file + ":" + number + ": no \"query\" string");
                }
                into.add(query.asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
