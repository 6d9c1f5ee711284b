package dev.trawl.bench;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.store.Store;
import dev.trawl.store.StoreTables;
import dev.trawl.store.ingest.Ingest;
import dev.trawl.store.ingest.IngestSummary;
import dev.trawl.store.synthetic.StreamingExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ingest throughput for a generated Defender Streaming API export (CloudAppEvents MailItemsAccessed records shaped
 * like the real one, 15 days, in time order), against DuckDB's {@code read_json_auto} over the same file in the
 * same run, then the seed rule's query over the resulting store.
 *
 * <p>DuckDB runs three ways, each on all cores: a count (it may skip decoding columns), loading into an in-memory
 * table (every column parsed and typed, as ingest does) and copying to a zstd Parquet file (JSON to Parquet, the
 * same job as ingest). Trawl's ingest also does what none of those do: de-duplication, quarantine, shredding and
 * an atomic commit. Files live under {@code bench/target/ingest-bench/} and the export is reused between runs.
 *
 * <p>With {@code --content-blob} the same records go in as an Office 365 Management Activity API content blob
 * instead: one JSON array of their UAL records (each a CloudAppEvents and an OfficeActivity row), measured
 * beside DuckDB the same way. With {@code --purview-csv} they go in as a Purview audit search export (CSV with
 * the record in its AuditData cell), beside DuckDB's {@code read_csv_auto}, which only cuts the cells and
 * leaves the JSON in them unread. With {@code --event-hub} they go in as Event Hub messages, a hundred records
 * to a line, beside DuckDB reading each message's records ({@code unnest}).
 *
 * <p>{@code --repeat N} ingests the file N times in this JVM (each into a new store) and prints each time: the
 * first is what a command costs, the later ones show how much of it was the JVM warming up. The comparison
 * with DuckDB uses the first. Every run also prints its CPU time and how long the JIT's compiler threads were
 * busy during it.
 *
 * <pre>bench/run ingest [--mb N] [--content-blob | --purview-csv | --event-hub] [--repeat N] [--keep]</pre>
 */
public final class IngestBench {
    private static final Instant START = Instant.parse("2024-01-16T00:00:00Z");
    private static final int DAYS = 15;
    private static final double BYTES_PER_RECORD = 2330; // measured for this generator; only sizes the file

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = 1024;
        boolean keep = false;
        boolean contentBlob = false;
        boolean purviewCsv = false;
        boolean eventHub = false;
        int repeat = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mb" -> megabytes = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--content-blob" -> contentBlob = true;
                case "--purview-csv" -> purviewCsv = true;
                case "--event-hub" -> eventHub = true;
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--mb N, --content-blob, --purview-csv, --event-hub, --repeat N, --keep)");
            }
        }
        Path dir = Path.of("bench/target/ingest-bench");
        Files.createDirectories(dir);
        int records = (int) (megabytes * 1024.0 * 1024.0 / BYTES_PER_RECORD);
        Path export = dir.resolve("export-" + records + ".jsonl");
        if (!Files.exists(export)) {
            System.out.printf("ingest bench: generating %,d records ...%n", records);
            Path partial = dir.resolve(export.getFileName() + ".partial");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
                new StreamingExport(42, START, DAYS, 800).write(out, records);
            }
            Files.move(partial, export);
        }
        if ((contentBlob ? 1 : 0) + (purviewCsv ? 1 : 0) + (eventHub ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--content-blob, --purview-csv and --event-hub are formats: choose one");
        }
        if (contentBlob) {
            export = contentBlob(export);
        } else if (purviewCsv) {
            export = purviewCsv(export);
        } else if (eventHub) {
            export = eventHubMessages(export);
        }
        boolean ual = contentBlob || purviewCsv;
        // What DuckDB reads the records from: the file, or each message's records for Event Hub messages.
        String from = purviewCsv ? "read_csv_auto('" + export + "')"
                : eventHub ? "(SELECT unnest(records) AS r FROM read_json_auto('" + export + "'))"
                : "read_json_auto('" + export + "')";
        String reader = purviewCsv ? "read_csv_auto" : "read_json_auto";
        long bytes = Files.size(export);
        double mb = bytes / 1024.0 / 1024.0;
        System.out.printf("ingest bench: %s, %.1f MB, %,d records, %d cores%n", export, mb, records,
                Runtime.getRuntime().availableProcessors());

        // DuckDB first, so the page cache holds the file for both.
        double duckCount = duck(export, "SELECT count(*) FROM " + from, records);
        double duckTable = duck(export, "CREATE TABLE t AS SELECT * FROM " + from, -1);
        Path duckParquet = dir.resolve("duckdb.parquet");
        Files.deleteIfExists(duckParquet);
        double duckCopy = duck(export, "COPY (SELECT * FROM " + from + ") TO '" + duckParquet
                + "' (FORMAT parquet, COMPRESSION zstd)", -1);

        Path store = dir.resolve("store");
        double trawl = 0;
        IngestSummary summary = null;
        // Where a run's time goes besides the ingest's own work: the JVM compiling its code, which on few cores
        // competes with the ingest for them (the compiler threads' summed time, as the JVM reports it).
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= repeat; run++) {
            delete(store);
            long jit0 = jit.getTotalCompilationTime();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            summary = new Ingest(store, Ingest.Options.defaults(), Ingest.Progress.NONE).run(List.of(export));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (run == 1) {
                trawl = seconds;
            }
            System.out.printf("trawl ingest, run %d in this JVM: %.2f s, %.1f MB/s; %.2f s of CPU, JIT compiler threads "
                    + "busy %.2f s%n", run, seconds, mb / seconds, (os.getProcessCpuTime() - cpu0) / 1e9,
                    (jit.getTotalCompilationTime() - jit0) / 1e3);
        }
        if (summary.ingested().getOrDefault("CloudAppEvents", 0L) != records || summary.quarantined() != 0
                || (ual && summary.ingested().getOrDefault("OfficeActivity", 0L) != records)) {
            throw new IllegalStateException("the ingest did not store every record: " + summary.toJson());
        }
        System.out.printf("%-44s %8.2f s %8.1f MB/s %,10.0f records/s%n", "duckdb " + reader + ": count(*)", duckCount,
                mb / duckCount, records / duckCount);
        System.out.printf("%-44s %8.2f s %8.1f MB/s %,10.0f records/s%n", "duckdb " + reader + ": CREATE TABLE", duckTable,
                mb / duckTable, records / duckTable);
        System.out.printf("%-44s %8.2f s %8.1f MB/s %,10.0f records/s%n", "duckdb " + reader + ": COPY TO parquet", duckCopy,
                mb / duckCopy, records / duckCopy);
        System.out.printf("%-44s %8.2f s %8.1f MB/s %,10.0f records/s%n", "trawl ingest", trawl, mb / trawl, records / trawl);
        // The target is for the Streaming API export; the other formats are measured for the record.
        System.out.printf("trawl / duckdb throughput: %.2fx (count), %.2fx (CREATE TABLE), %.2fx (COPY TO parquet)%s%n",
                duckCount / trawl, duckTable / trawl, duckCopy / trawl, ual || eventHub ? "" : "; target 2x");
        System.out.printf("store: %.1f MB on disk (%.1f%% of the export)%n", size(store) / 1024.0 / 1024.0,
                100.0 * size(store) / bytes);

        String seed = seedQuery();
        Instant now = START.plusSeconds(86_400L * (DAYS + 1));
        for (int run = 1; run <= 3; run++) {
            long q0 = System.nanoTime();
            Engine engine = new Engine(now);
            StoreTables.register(engine, Store.open(store));
            QueryResult result = engine.run(seed);
            System.out.printf("seed rule query over the store, run %d: %.2f s, %d rows (now() = %s)%n", run,
                    (System.nanoTime() - q0) / 1e9, result.rowCount(), now);
        }
        if (!keep) {
            delete(store);
            Files.deleteIfExists(duckParquet);
        }
    }

    /** How a derived export writes the UAL records (each line's RawEventData), in file order. */
    private interface RecordsWriter {
        void write(Iterable<com.fasterxml.jackson.databind.JsonNode> records, OutputStream out) throws IOException;
    }

    /** The export's UAL records written another way, beside it, named with {@code suffix}; made once. */
    private static Path derived(Path lines, String suffix, RecordsWriter writer) throws IOException {
        Path file = lines.resolveSibling(lines.getFileName().toString().replace(".jsonl", suffix));
        if (Files.exists(file)) {
            return file;
        }
        System.out.printf("ingest bench: writing %s ...%n", file.getFileName());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Stream<String> records = Files.lines(lines);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            Stream<com.fasterxml.jackson.databind.JsonNode> ual = records.map(line -> {
                try {
                    return json.readTree(line).get("properties").get("RawEventData");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.write(ual::iterator, out);
        }
        Files.move(partial, file);
        return file;
    }

    /** The export's lines as Event Hub messages on one line each, {"records":[...]} of a hundred records. */
    private static Path eventHubMessages(Path lines) throws IOException {
        Path file = lines.resolveSibling(lines.getFileName().toString().replace(".jsonl", "-event-hub.jsonl"));
        if (Files.exists(file)) {
            return file;
        }
        System.out.printf("ingest bench: writing %s ...%n", file.getFileName());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (java.io.BufferedReader in = Files.newBufferedReader(lines);
             java.io.Writer out = Files.newBufferedWriter(partial)) {
            String line;
            int inMessage = 0;
            while ((line = in.readLine()) != null) {
                out.write(inMessage == 0 ? "{\"records\":[" : ",");
                out.write(line);
                if (++inMessage == 100) {
                    out.write("]}\n");
                    inMessage = 0;
                }
            }
            if (inMessage > 0) {
                out.write("]}\n");
            }
        }
        Files.move(partial, file);
        return file;
    }

    /** The records as one Management Activity API content blob: a JSON array. */
    private static Path contentBlob(Path lines) throws IOException {
        return derived(lines, "-content-blob.json", (records, out) -> {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            try (com.fasterxml.jackson.core.JsonGenerator array = json.createGenerator(out)) {
                array.writeStartArray();
                for (com.fasterxml.jackson.databind.JsonNode record : records) {
                    array.writeTree(record);
                }
                array.writeEndArray();
            }
        });
    }

    /** The records as a Purview audit search export (CreationDate, UserIds, Operations, AuditData). */
    private static Path purviewCsv(Path lines) throws IOException {
        return derived(lines, "-purview.csv", (records, out) -> {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.io.Writer text = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            text.write("CreationDate,UserIds,Operations,AuditData\r\n");
            for (com.fasterxml.jackson.databind.JsonNode record : records) {
                text.write(record.get("CreationTime").asText() + ".0000000Z," + cell(record.path("UserId").asText())
                        + "," + cell(record.get("Operation").asText()) + "," + cell(json.writeValueAsString(record)) + "\r\n");
            }
            text.flush();
        });
    }

    /** A CSV cell as Purview writes it: quoted, with quotes doubled, when it holds a comma or a quote. */
    private static String cell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static double duck(Path export, String sql, long expectedCount) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            long t0 = System.nanoTime();
            if (sql.startsWith("SELECT")) {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    if (rows.getLong(1) != expectedCount) {
                        throw new IllegalStateException("duckdb counted " + rows.getLong(1) + " records");
                    }
                }
            } else {
                statement.execute(sql);
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** The seed rule's query, byte for byte from the rule file the project ships. */
    private static String seedQuery() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("rules/MailItemsAccessedTimeSeries.yaml"));
        StringBuilder query = new StringBuilder();
        boolean inQuery = false;
        for (String line : lines) {
            if (line.startsWith("query: |")) {
                inQuery = true;
            } else if (inQuery && !line.isEmpty() && !line.startsWith(" ")) {
                break;
            } else if (inQuery) {
                query.append(line.length() >= 2 ? line.substring(2) : line).append('\n');
            }
        }
        return query.toString();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
