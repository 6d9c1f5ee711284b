package dev.trawl.store;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.store.ingest.Ingest;
import dev.trawl.store.ingest.IngestSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the store tests share: the shared folder, ingesting, and querying a store through the engine. */
public final class StoreFixture {
    private StoreFixture() {
    }

    /** The project's read-only {@code shared/} folder beside the checkout. */
    public static Path shared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/ folder with data/ beside the repository");
    }

    /** A generated Streaming API export's records (its lines, parsed), 2024-03-01 on; the same for the same seed. */
    public static List<com.fasterxml.jackson.databind.JsonNode> streamingRecords(long seed, int days, int mailboxes,
            int count) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            new dev.trawl.store.synthetic.StreamingExport(seed, Instant.parse("2024-03-01T00:00:00Z"), days, mailboxes)
                    .write(out, count);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<com.fasterxml.jackson.databind.JsonNode> records = new ArrayList<>();
            for (String line : out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
                records.add(json.readTree(line));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IngestSummary ingest(Path store, Path... inputs) {
        try {
            return new Ingest(store, Ingest.Options.defaults(), Ingest.Progress.NONE).run(List.of(inputs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static QueryResult query(Path store, String kql) {
        try {
            Engine engine = new Engine(Instant.parse("2026-01-01T00:00:00Z"));
            StoreTables.register(engine, Store.open(store));
            return engine.run(kql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of the result as {@code a|b|c} text, in result order. */
    public static List<String> rows(QueryResult result) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < result.columns().size(); c++) {
                if (c > 0) {
                    line.append('|');
                }
                line.append(result.text(r, c));
            }
            rows.add(line.toString());
        }
        return rows;
    }
}
