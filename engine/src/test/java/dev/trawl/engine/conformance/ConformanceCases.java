package dev.trawl.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the conformance corpus ({@code cases.jsonl}: one JSON object per line, blank lines skipped). */
final class ConformanceCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConformanceCases() {
    }

    /** The corpus the build uses, from the shared folder. */
    static List<ConformanceCase> load() {
        return load(SharedFolder.conformanceCases());
    }

    static List<ConformanceCase> load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<ConformanceCase> parse(List<String> lines) {
        List<ConformanceCase> cases = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("cases.jsonl line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
            }
            List<String> features = new ArrayList<>();
            JsonNode featureNode = json.get("features");
            if (featureNode != null && featureNode.isArray()) {
                featureNode.forEach(f -> features.add(f.asText()));
            }
            cases.add(new ConformanceCase(i + 1, text(json, "source"), text(json, "title"), text(json, "query"),
                    text(json, "expected"), text(json, "notes"), text(json, "category"), features));
        }
        return cases;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
