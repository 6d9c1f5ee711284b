package dev.trawl.store.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import dev.trawl.store.IdentitySet;
import dev.trawl.store.Manifest;
import dev.trawl.store.Store;
import dev.trawl.store.StoreTransaction;
import dev.trawl.store.parquet.RowBuffer;
import dev.trawl.store.parquet.Shredding;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads export files into the store in one transaction. Each file's format is recognised from its content
 * (gzip transparently), see {@link #ingestFile}; every record either lands in a table, is skipped as a
 * duplicate of a stored record, or goes to the quarantine with its position and reason.
 */
public final class Ingest {
    /** Records longer than this are quarantined rather than parsed (real audit records are a few KB). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
    /** Rows buffered per table before they are written out, bounding memory whatever the input size. */
    public static final int FLUSH_ROWS = 50_000;
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * What the caller can set. {@code table}: the table of rows that don't say (plain NDJSON/CSV);
     * {@code flushRows}: rows buffered per table before a segment is written (memory against segment count);
     * {@code schema}: the columns of {@code table} when it is new to the store (instead of inferring them).
     */
    public record Options(String table, int maxRecordBytes, int flushRows, Schema schema) {
        public Options(String table, int maxRecordBytes) {
            this(table, maxRecordBytes, FLUSH_ROWS, null);
        }

        public Options(String table, int maxRecordBytes, int flushRows) {
            this(table, maxRecordBytes, flushRows, null);
        }

        public static Options defaults() {
            return new Options(null, DEFAULT_MAX_RECORD_BYTES);
        }
    }

    /** Told how far the ingest is, in bytes of input read (compressed bytes for .gz files). */
    public interface Progress {
        void advanced(long bytesDone, long bytesTotal, long records);

        Progress NONE = (done, total, records) -> { };
    }

    private final Path storeRoot;
    private final Options options;
    private final Progress progress;
    private final Map<String, TableState> tables = new LinkedHashMap<>();
    /**
     * Each table's current layout, which parser threads decode Streaming API lines against: a table's first
     * one from its known schema ({@link #initialSchema}), replaced when the table's schema widens.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, TableLayout> layouts = new java.util.concurrent.ConcurrentHashMap<>();
    private StoreTransaction transaction;
    private IdentitySet seen;
    private long[] newIdentities = new long[2048];
    private int newIdentityCount;
    private Quarantine quarantine;
    private long recordsRead;
    private long duplicates;
    private long bytesDone;
    private long bytesTotal;
    private final List<String> files = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    /** The JSON line being handled, so a bad record is quarantined as its original text, decoded only then. */
    private RecordBytes currentLine;

    public Ingest(Path storeRoot, Options options, Progress progress) {
        this.storeRoot = storeRoot;
        this.options = options;
        this.progress = progress;
    }

    /** Ingests every file under {@code inputs} (folders recursively, in name order) and commits. */
    public IngestSummary run(List<Path> inputs) throws IOException {
        try {
            return runAll(inputs);
        } finally {
            if (parsers != null) {
                parsers.shutdownNow();
            }
        }
    }

    private IngestSummary runAll(List<Path> inputs) throws IOException {
        long started = System.nanoTime();
        List<Path> all = expand(inputs);
        for (Path file : all) {
            bytesTotal += Files.size(file);
        }
        try (StoreTransaction tx = StoreTransaction.begin(storeRoot)) {
            transaction = tx;
            seen = tx.base().identities();
            quarantine = new Quarantine(tx.stagingFile("quarantine.jsonl"));
            try (Quarantine q = quarantine) {
                for (Path file : all) {
                    files.add(file.toString());
                    ingestFile(file);
                }
                for (TableState table : tables.values()) {
                    table.flush();
                }
            }
            if (quarantine.count() > 0) {
                tx.stageQuarantine(quarantine.file());
            }
            if (newIdentityCount > 0) {
                tx.stageIdentities(newIdentities, newIdentityCount);
            }
            Map<String, Long> ingested = new TreeMap<>();
            tables.forEach((name, state) -> ingested.put(name, state.rowsAdded));
            IngestSummary summary = new IngestSummary(storeRoot.toString(), tx.id(), all.size(), bytesTotal, recordsRead,
                    ingested, duplicates, quarantine.count(), skipped,
                    quarantine.count() > 0 ? storeRoot.resolve("quarantine").resolve(tx.id() + ".jsonl").toString() : null,
                    (System.nanoTime() - started) / 1e9);
            Map<String, Manifest.TableInfo> schemas = new LinkedHashMap<>(tx.base().tables());
            tables.forEach((name, state) -> schemas.put(name, new Manifest.TableInfo(state.schema, state.timeColumnName())));
            tx.commit(schemas, summary.toJson());
            return summary;
        }
    }

    /**
     * Files a folder of exports often holds beside them and that are never exports: documentation, licences,
     * metadata. Inside a folder they are skipped (and listed in the summary); named on the command line they
     * are read like any file, so an unknown format is still reported.
     */
    static boolean isDocument(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.matches(".*\\.(md|markdown|txt|rst|html?|pdf|ya?ml|xml|zip|7z|docx?|png|jpe?g|svg)")
                || name.matches("(license|licence|readme|notice|copying|authors|changelog)(\\..*)?");
    }

    private List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        if (isDocument(file)) {
                            skipped.add(file.toString());
                        } else if (!file.getFileName().toString().startsWith(".")) {
                            all.add(file);
                        }
                    }
                }
            } else if (Files.isRegularFile(input)) {
                all.add(input);
            } else {
                throw new java.nio.file.NoSuchFileException(input.toString(), null, "no such file or folder");
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- formats

    /**
     * Recognises the file's format from its first bytes (after gzip and a UTF-8 byte-order mark):
     * <ul>
     * <li>{@code [}: a JSON array (a Management Activity API content blob: UAL records);</li>
     * <li>{@code {} whose first line is a whole JSON object: JSON lines (Streaming API storage blobs, Log
     * Analytics / advanced hunting exports, UAL records one per line, Event Hub messages one per line);</li>
     * <li>{@code {} otherwise: pretty-printed JSON documents (an Event Hub message saved as a file);</li>
     * <li>a text first line with commas: CSV, with an {@code AuditData} column for Purview / Search-UnifiedAuditLog
     * exports, else rows of a table;</li>
     * <li>anything else: an unknown format, quarantined as a whole with its first bytes.</li>
     * </ul>
     * Each JSON object is then recognised by its shape, see {@link #object}.
     */
    private void ingestFile(Path file) throws IOException {
        long size = Files.size(file);
        try (CountingInput counted = new CountingInput(Files.newInputStream(file));
             InputStream in = decompressed(counted)) {
            in.mark(1 << 16);
            byte[] head = in.readNBytes(1 << 16);
            in.reset();
            int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
            if (start == 3) {
                in.skipNBytes(3);
            }
            int first = start;
            while (first < head.length && Character.isWhitespace(head[first])) {
                first++;
            }
            String source = file.toString();
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
                parquet(file, source);
            } else if (first == head.length) {
                if (head.length > start) {
                    quarantine.add(source, 1, null, "the file holds only white space", null, null, -1);
                }
            } else if (head[first] == '[') {
                jsonDocuments(source, in, counted);
            } else if (head[first] == '{') {
                if (firstLineIsObject(head, start)) {
                    jsonLines(source, in, counted);
                } else {
                    jsonDocuments(source, in, counted);
                }
            } else if (looksLikeCsvHeader(head, first)) {
                csv(source, in, counted);
            } else {
                int shown = Math.min(head.length, 16);
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < shown; i++) {
                    hex.append(String.format("%02x", head[i] & 0xFF));
                }
                quarantine.add(source, 1, null, "unknown format: not JSON, JSON lines or CSV (first bytes " + hex
                        + "); the file was not read", null, Arrays.copyOf(head, Math.min(head.length, Quarantine.KEPT_PREFIX)),
                        size);
            }
            bytesDone += size;
            progress.advanced(bytesDone, bytesTotal, recordsRead);
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int a = buffered.read();
        int b = buffered.read();
        buffered.reset();
        InputStream in = a == 0x1F && b == 0x8B ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        return new BufferedInputStream(in, 1 << 17);
    }

    private static boolean firstLineIsObject(byte[] head, int start) {
        int end = start;
        while (end < head.length && head[end] != '\n') {
            end++;
        }
        if (end == head.length) {
            // The first line is longer than the sniffed bytes: assume JSON lines, whose records can be long.
            return true;
        }
        try {
            JsonNode node = Jackson.MAPPER.readTree(new String(head, start, end - start, StandardCharsets.UTF_8));
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean looksLikeCsvHeader(byte[] head, int first) {
        int end = first;
        boolean comma = false;
        while (end < head.length && head[end] != '\n') {
            byte c = head[end];
            if (c == ',') {
                comma = true;
            } else if (c != '\r' && c != '\t' && (c < 0x20 || c == 0x7F)) {
                return false;
            }
            end++;
        }
        return comma;
    }

    // ---------------------------------------------------------------- JSON lines

    /** Lines handed to a parser thread at a time, and how many such chunks may be in flight. */
    private static final int CHUNK_LINES = 512;
    private static final int CHUNKS_IN_FLIGHT = 6;
    /**
     * A chunk also ends at this many bytes of records: a line can be a whole Event Hub message of a hundred
     * records, and 512 of those in each of the chunks in flight, parsed into trees, ran a 1 GB heap out.
     */
    private static final int CHUNK_BYTES = 4 << 20;

    /**
     * One line after the parser threads: its rows when the Streaming API decoder took it (one, or an Event Hub
     * message's), else its parsed tree, or why it is bad.
     */
    private record ParsedLine(RecordBytes line, StreamingLineDecoder.Row[] rows, JsonNode node, String problem,
            boolean keepBytes) {
    }

    /**
     * JSON lines: this thread reads lines and hands chunks of them to parser threads (UTF-8 check and JSON
     * parse, the costliest steps, on every core: a Streaming API line straight to its row, any other to its
     * tree), then takes the parsed chunks back in file order and stores them, so the result is exactly that of
     * a single thread.
     */
    private void jsonLines(String source, InputStream in, CountingInput counted) throws IOException {
        ByteLines lines = new ByteLines(in, options.maxRecordBytes());
        parseInParallel(source, lines::nextOwned, counted);
    }

    /**
     * A file of JSON documents: arrays (a Management Activity API content blob) or objects (an Event Hub message
     * saved pretty-printed). Cut on this thread into records (array elements, a message's records, other
     * top-level values), each parsed on the parser threads as a line is (a Streaming API record straight to
     * its row), so a bad one is quarantined alone. A fault in the documents' own structure ends the file,
     * after the records before it are stored.
     */
    private void jsonDocuments(String source, InputStream in, CountingInput counted) throws IOException {
        JsonArrayElements elements = new JsonArrayElements(in, options.maxRecordBytes());
        parseInParallel(source, elements::next, counted);
        JsonArrayElements.Broken broken = elements.broken();
        if (broken != null) {
            recordsRead++;
            quarantine.add(source, broken.line(), broken.index(), "invalid JSON: " + broken.problem()
                    + "; the rest of the file could not be read", broken.text(), null, -1);
        }
    }

    /** Where the records of one file come from, in file order; null at the end. */
    private interface RecordReader {
        RecordBytes next() throws IOException;
    }

    /** Hands chunks of records to the parser threads and stores the parsed chunks in file order. */
    private void parseInParallel(String source, RecordReader records, CountingInput counted) throws IOException {
        java.util.ArrayDeque<java.util.concurrent.Future<List<ParsedLine>>> inFlight = new java.util.ArrayDeque<>();
        List<RecordBytes> chunk = new ArrayList<>(CHUNK_LINES);
        long chunkBytes = 0;
        RecordBytes record;
        while ((record = records.next()) != null) {
            if (record.isBlank()) {
                continue;
            }
            chunk.add(record);
            chunkBytes += record.size();
            if (chunk.size() == CHUNK_LINES || chunkBytes >= CHUNK_BYTES) {
                List<RecordBytes> full = chunk;
                inFlight.add(parsers().submit(() -> parse(full)));
                chunk = new ArrayList<>(CHUNK_LINES);
                chunkBytes = 0;
                if (inFlight.size() >= CHUNKS_IN_FLIGHT) {
                    store(source, await(inFlight.poll()));
                    progress.advanced(bytesDone + counted.count(), bytesTotal, recordsRead);
                }
            }
        }
        if (!chunk.isEmpty()) {
            List<RecordBytes> last = chunk;
            inFlight.add(parsers().submit(() -> parse(last)));
        }
        while (!inFlight.isEmpty()) {
            store(source, await(inFlight.poll()));
        }
    }

    private java.util.concurrent.ExecutorService parsers;

    private java.util.concurrent.ExecutorService parsers() {
        if (parsers == null) {
            parsers = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                Thread thread = new Thread(r, "trawl-json-parser");
                thread.setDaemon(true);
                return thread;
            });
        }
        return parsers;
    }

    private static List<ParsedLine> await(java.util.concurrent.Future<List<ParsedLine>> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while parsing");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a parser thread failed", e.getCause());
        }
    }

    /** On a parser thread: each record's UTF-8 check, then its row or its JSON tree. */
    private List<ParsedLine> parse(List<RecordBytes> chunk) {
        CharsetDecoder utf8 = strictUtf8();
        StreamingLineDecoder decoder = decoders.get();
        List<ParsedLine> parsed = new ArrayList<>(chunk.size());
        for (RecordBytes line : chunk) {
            if (line.tooLong()) {
                parsed.add(new ParsedLine(line, null, null, null, false));
                continue;
            }
            StreamingLineDecoder.Row[] rows = decoder.decode(line.bytes(), line.size());
            boolean checkUtf8 = rows != null ? decoder.sawNonAscii() : !ByteScan.isAscii(line.bytes(), 0, line.size());
            if (checkUtf8) {
                try {
                    utf8.decode(ByteBuffer.wrap(line.bytes(), 0, line.size()));
                } catch (CharacterCodingException e) {
                    parsed.add(new ParsedLine(line, null, null, "invalid UTF-8", true));
                    continue;
                }
            }
            if (rows != null) {
                parsed.add(new ParsedLine(line, rows, null, null, false));
                continue;
            }
            try {
                parsed.add(new ParsedLine(line, null, RawTree.parseOwned(line.bytes(), line.size()), null, false));
            } catch (JsonProcessingException e) {
                parsed.add(new ParsedLine(line, null, null, "invalid JSON: " + jsonProblem(e), false));
            } catch (IOException e) {
                parsed.add(new ParsedLine(line, null, null, "unreadable: " + e.getMessage(), false));
            }
        }
        return parsed;
    }

    /** Each parser thread's decoder, kept across chunks for the texts it has interned. */
    private final ThreadLocal<StreamingLineDecoder> decoders = ThreadLocal.withInitial(() -> new StreamingLineDecoder(this::layout));

    /** The layout a parser thread decodes a table's rows against (safe on any thread: it reads fixed state). */
    private TableLayout layout(String table) {
        return layouts.computeIfAbsent(table, name -> new TableLayout(name, initialSchema(name)));
    }

    /** On this thread, in file order: quarantine the bad lines, store the others. */
    private void store(String source, List<ParsedLine> chunk) throws IOException {
        for (ParsedLine parsed : chunk) {
            RecordBytes line = parsed.line();
            recordsRead++;
            if (line.tooLong()) {
                quarantine.add(source, line.line(), line.arrayIndex(), "record longer than the limit of "
                        + options.maxRecordBytes() + " bytes (--max-record-bytes)", prefix(line.bytes()), null,
                        line.length());
            } else if (parsed.problem() != null) {
                quarantine.add(source, line.line(), line.arrayIndex(), parsed.problem(), parsed.keepBytes() ? null : text(line),
                        parsed.keepBytes() ? Arrays.copyOf(line.bytes(), line.size()) : null, -1);
            } else {
                currentLine = line;
                try {
                    if (parsed.rows() != null) {
                        decoded(source, line, parsed.rows());
                    } else {
                        object(source, line.line(), line.arrayIndex(), parsed.node(), null);
                    }
                } finally {
                    currentLine = null;
                }
            }
        }
    }

    /**
     * The rows the decoder read from one line: stored as they are when each table's layout is still the one
     * they were decoded against, else (a table gained a column since) the whole line is parsed again the
     * general way. A message's records count as records read, as the general path counts them.
     */
    private void decoded(String source, RecordBytes line, StreamingLineDecoder.Row[] rows) throws IOException {
        TableState[] tables = new TableState[rows.length];
        for (int r = 0; r < rows.length; r++) {
            tables[r] = tableState(rows[r].layout().table);
            if (tables[r].layout != rows[r].layout()) {
                object(source, line.line(), null, RawTree.parseOwned(line.bytes(), line.size()), null);
                return;
            }
        }
        recordsRead += rows.length - 1;
        for (int r = 0; r < rows.length; r++) {
            if (!store(new Converted(tables[r], rows[r].values(), rows[r].identity(), null))) {
                duplicates++;
            }
        }
    }

    /**
     * Where the parser says an unclosed value began, as it writes it: "[Source: REDACTED (`StreamReadFeature...`
     * disabled); line: 1, column: 1]" (the source is withheld so record text never leaks into messages). An
     * analyst is told the line and column only.
     */
    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    /**
     * A parser's complaint about one record, with where in the record it is: the column, and the line within
     * the record when it spans lines (an element of a pretty-printed array; the entry's line is its first).
     */
    private static String jsonProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null) {
            message = JACKSON_LOCATION.matcher(message).replaceAll("line $1, column $2");
        }
        JsonLocation at = e.getLocation();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        if (at == null) {
            return message;
        }
        return at.getLineNr() > 1 ? message + " (line " + at.getLineNr() + " of the record, column " + at.getColumnNr() + ")"
                : message + " (column " + at.getColumnNr() + ")";
    }

    // ---------------------------------------------------------------- record shapes

    /**
     * Recognises one JSON value: an Event Hub message ({@code records}: each element on its own), a Streaming API
     * record ({@code category} "AdvancedHunting-Table" and {@code properties}: a row of Table), a UAL record
     * (a row of both CloudAppEvents and OfficeActivity, see {@link UnifiedAuditMapping}), or a table row (the
     * table named by its {@code Type} column as Log Analytics writes it, else by --table, else recognised by its
     * columns, see {@link #tableOf}).
     */
    private void object(String source, long line, Integer index, JsonNode node, String text) throws IOException {
        if (!node.isObject()) {
            quarantine.add(source, line, index, "not a JSON object but " + node.getNodeType().name().toLowerCase(),
                    shown(node, text), null, -1);
            return;
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode records = object.get("records");
        if (records != null && records.isArray()) {
            recordsRead--;
            int i = 0;
            for (JsonNode record : records) {
                recordsRead++;
                object(source, line, i++, record, null);
            }
            return;
        }
        JsonNode category = object.get("category");
        JsonNode properties = object.get("properties");
        if (category != null && category.isTextual() && category.textValue().startsWith("AdvancedHunting-")) {
            if (properties == null || !properties.isObject()) {
                quarantine.add(source, line, index, "a Streaming API record without a properties object", shown(node, text), null, -1);
                return;
            }
            row(category.textValue().substring("AdvancedHunting-".length()), (ObjectNode) properties, source, line, index, node, text);
            return;
        }
        if (UnifiedAuditMapping.isRecord(object)) {
            ual(object, source, line, index, text);
            return;
        }
        String table = tableOf(object);
        if (table == null) {
            quarantine.add(source, line, index, "cannot tell which table this row belongs to (no Type column, and its "
                    + "columns match no known table); pass --table NAME", shown(node, text), null, -1);
            return;
        }
        row(table, object, source, line, index, node, text);
    }

    private void ual(ObjectNode record, String source, long line, Integer index, String text) throws IOException {
        // Both views are checked before either is stored, so a record is stored whole or quarantined whole.
        Converted cloud = convert("CloudAppEvents", UnifiedAuditMapping.cloudAppEvents(record));
        Converted office = convert("OfficeActivity", UnifiedAuditMapping.officeActivity(record));
        String problem = cloud.problem != null ? cloud.problem : office.problem;
        if (problem != null) {
            quarantine.add(source, line, index, problem, shown(record, text), null, -1);
            return;
        }
        boolean stored = store(cloud);
        stored |= store(office);
        if (!stored) {
            duplicates++;
        }
    }

    private void row(String table, ObjectNode row, String source, long line, Integer index, JsonNode node, String text)
            throws IOException {
        if (!TABLE_NAME.matcher(table).matches()) {
            quarantine.add(source, line, index, "'" + table + "' is not a table name", shown(node, text), null, -1);
            return;
        }
        Converted converted = convert(table, row);
        if (converted.problem != null) {
            quarantine.add(source, line, index, converted.problem, shown(node, text), null, -1);
            return;
        }
        if (!store(converted)) {
            duplicates++;
        }
    }

    /**
     * The table of a row that does not name it: --table when given, else Defender's advanced-hunting tables by
     * the columns only they have (an advanced-hunting union export writes every table's columns on every row,
     * so the test is on non-empty values): CloudAppEvents has ActivityObjects or RawEventData; DeviceEvents a
     * DeviceId with InitiatingProcessFileName; IdentityDirectoryEvents a DestinationDeviceName or Protocol
     * without a DeviceId. Anything else is not guessed.
     */
    private String tableOf(ObjectNode row) {
        JsonNode type = row.get("Type");
        if (type != null && type.isTextual() && !type.textValue().isEmpty()) {
            return type.textValue();
        }
        if (options.table() != null) {
            return options.table();
        }
        if (filled(row, "ActivityObjects") || filled(row, "RawEventData")) {
            return "CloudAppEvents";
        }
        if (filled(row, "DeviceId") && filled(row, "InitiatingProcessFileName")) {
            return "DeviceEvents";
        }
        if (!filled(row, "DeviceId") && (filled(row, "DestinationDeviceName") || filled(row, "Protocol"))) {
            return "IdentityDirectoryEvents";
        }
        return null;
    }

    private static boolean filled(ObjectNode row, String field) {
        return !RowConverter.isEmpty(row.get(field));
    }

    /** The record as quarantined: its own text where it came from a line, else its JSON. */
    private String shown(JsonNode node, String text) {
        if (text != null) {
            return text;
        }
        return currentLine != null ? text(currentLine) : node.toString();
    }

    private static String prefix(byte[] bytes) {
        int n = Math.min(bytes.length, Quarantine.KEPT_PREFIX);
        return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    }

    // ---------------------------------------------------------------- Parquet

    /**
     * A plain Parquet file: its rows, named by the file's {@code Type} column, else --table, else the file name
     * without its extension. A file that cannot be read as a whole (nested columns, corrupt footer) is one
     * quarantine entry; a row that does not fit its table is one entry with its row number as {@code index}.
     */
    private void parquet(Path file, String source) throws IOException {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String fallback = options.table() != null ? options.table() : stem;
        try {
            ParquetRows.read(file, new ParquetRows.Sink() {
                @Override
                public void schema(Schema schema) {
                    // A table new to the store takes the file's own column types rather than inferring them.
                    if (TABLE_NAME.matcher(fallback).matches() && !tables.containsKey(fallback)
                            && transaction.base().tables().get(fallback) == null
                            && BuiltinTables.instance().schema(fallback) == null) {
                        tables.put(fallback, new TableState(fallback, schema));
                    }
                }

                @Override
                public void row(long index, ObjectNode row) throws IOException {
                    recordsRead++;
                    JsonNode type = row.get("Type");
                    String table = type != null && type.isTextual() && !type.textValue().isEmpty() ? type.textValue() : fallback;
                    Ingest.this.row(table, row, source, 0, (int) Math.min(index, Integer.MAX_VALUE), row, null);
                }
            });
        } catch (ParquetRows.Unsupported e) {
            recordsRead++;
            quarantine.add(source, 0, null, "a Parquet file Trawl cannot read: " + e.getMessage(), null, null, Files.size(file));
        } catch (IOException | RuntimeException e) {
            // Parquet's reader reports a corrupt file with runtime exceptions too; the file is bad input, not a bug.
            recordsRead++;
            quarantine.add(source, 0, null, "an unreadable Parquet file: " + e.getMessage(), null, null, Files.size(file));
        }
    }

    // ---------------------------------------------------------------- CSV

    /**
     * CSV, kept as bytes: lines are checked as UTF-8 and joined while a quoted cell is open, and cells are cut
     * from the bytes, so an AuditData cell (kilobytes of JSON with every quote doubled) goes to the JSON parser
     * without being decoded into a String and encoded back.
     */
    private void csv(String source, InputStream in, CountingInput counted) throws IOException {
        ByteLines lines = new ByteLines(in, options.maxRecordBytes());
        CharsetDecoder utf8 = strictUtf8();
        List<String> header = null;
        java.io.ByteArrayOutputStream pending = null;
        long pendingLine = 0;
        RecordBytes line;
        while ((line = lines.next()) != null) {
            if (line.tooLong()) {
                recordsRead++;
                quarantine.add(source, line.line(), null, "record longer than the limit of " + options.maxRecordBytes()
                        + " bytes (--max-record-bytes)", prefix(line.bytes()), null, line.length());
                pending = null;
                continue;
            }
            if (!ByteScan.isAscii(line.bytes(), 0, line.size())) {
                try {
                    utf8.decode(ByteBuffer.wrap(line.bytes(), 0, line.size()));
                } catch (CharacterCodingException e) {
                    recordsRead++;
                    quarantine.add(source, line.line(), null, "invalid UTF-8", null, Arrays.copyOf(line.bytes(), line.size()), -1);
                    pending = null;
                    continue;
                }
            }
            byte[] bytes = line.bytes();
            int size = line.size() > 0 && bytes[line.size() - 1] == '\r' ? line.size() - 1 : line.size();
            if (pending != null) {
                pending.write('\n');
                pending.write(bytes, 0, size);
                bytes = pending.toByteArray();
                size = bytes.length;
            } else {
                if (RecordBytes.blank(bytes, 0, size)) {
                    continue;
                }
                pendingLine = line.line();
            }
            List<byte[]> cells = Csv.split(bytes, size);
            if (cells == null) {
                if (pending == null) {
                    pending = new java.io.ByteArrayOutputStream(Math.max(64, size * 2));
                    pending.write(bytes, 0, size);
                } else if (size > options.maxRecordBytes()) {
                    recordsRead++;
                    quarantine.add(source, pendingLine, null, "unterminated quoted CSV cell", prefix(bytes), null, size);
                    pending = null;
                }
                continue;
            }
            pending = null;
            if (header == null) {
                header = new ArrayList<>();
                for (byte[] cell : cells) {
                    header.add(new String(cell, StandardCharsets.UTF_8));
                }
                continue;
            }
            recordsRead++;
            currentLine = new RecordBytes(pendingLine, -1, bytes, size, false, size);
            try {
                csvRecord(source, pendingLine, header, cells);
            } finally {
                currentLine = null;
            }
        }
        if (pending != null) {
            recordsRead++;
            quarantine.add(source, pendingLine, null, "unterminated quoted CSV cell at the end of the file",
                    pending.toString(StandardCharsets.UTF_8), null, -1);
        }
    }

    /** One CSV record ({@link #currentLine} holds its bytes, quarantined as its text). */
    private void csvRecord(String source, long line, List<String> header, List<byte[]> cells) throws IOException {
        if (cells.size() != header.size()) {
            quarantine.add(source, line, null, "a CSV row of " + cells.size() + " cells under a header of " + header.size(),
                    text(currentLine), null, -1);
            return;
        }
        int audit = header.indexOf("AuditData");
        if (audit >= 0) {
            JsonNode record;
            byte[] json = cells.get(audit);
            try {
                // Parsed keeping its text, which RawEventData stores as the export wrote it.
                record = RecordBytes.blank(json, 0, json.length) ? null
                        : RawTree.parseOwned(json, json.length);
            } catch (JsonProcessingException e) {
                quarantine.add(source, line, null, "invalid JSON in the AuditData cell: " + jsonProblem(e),
                        text(currentLine), null, -1);
                return;
            }
            if (record == null || !UnifiedAuditMapping.isRecord(record)) {
                quarantine.add(source, line, null, "the AuditData cell is not an audit record (it needs CreationTime, "
                        + "Operation, RecordType and Id)", text(currentLine), null, -1);
                return;
            }
            ual((ObjectNode) record, source, line, null, null);
            return;
        }
        ObjectNode row = NODES.objectNode();
        for (int c = 0; c < header.size(); c++) {
            row.put(header.get(c), new String(cells.get(c), StandardCharsets.UTF_8));
        }
        String table = tableOf(row);
        if (table == null) {
            quarantine.add(source, line, null, "cannot tell which table this CSV row belongs to (no Type column); pass "
                    + "--table NAME", text(currentLine), null, -1);
            return;
        }
        row(table, row, source, line, null, row, null);
    }

    // ---------------------------------------------------------------- tables

    private record Converted(TableState table, Object[] values, long[] identity, String problem) {
    }

    private TableState tableState(String name) {
        TableState table = tables.get(name);
        if (table == null) {
            table = new TableState(name, initialSchema(name));
            tables.put(name, table);
        }
        return table;
    }

    private Converted convert(String name, ObjectNode row) throws IOException {
        TableState table = tableState(name);
        List<Map.Entry<String, JsonNode>> extras = new ArrayList<>();
        Object[] values;
        try {
            values = RowConverter.convert(table.layout.columns, row, extras);
            if (!extras.isEmpty()) {
                table.widen(extras);
                values = RowConverter.convert(table.layout.columns, row, null);
            }
        } catch (RowConverter.BadValue e) {
            return new Converted(table, null, null, e.getMessage());
        }
        int time = table.layout.timeColumn;
        if (time >= 0 && values[time] == null) {
            return new Converted(table, null, null, "no " + table.schema.field(time).name()
                    + " value: a row of " + name + " needs its time");
        }
        return new Converted(table, withShredded(table.layout, values, row), IdentitySet.hash(name, identityKey(name, row)), null);
    }

    /** The row's values for the file: the table's columns, then the shredded properties (see {@link Shredding}). */
    static Object[] withShredded(TableLayout table, Object[] values, ObjectNode row) throws IOException {
        int width = table.physical.size();
        if (width == values.length) {
            return values;
        }
        Object[] all = Arrays.copyOf(values, width);
        int at = values.length;
        for (int c = 0; c < values.length && at < width; c++) {
            Schema.Field field = table.schema.field(c);
            List<String> properties = Shredding.PROPERTIES.get(field.name());
            if (properties == null || field.type() != ScalarType.DYNAMIC) {
                continue;
            }
            JsonNode bag = row.get(field.name());
            if (bag != null && bag.isTextual() && values[c] != null) {
                bag = Jackson.MAPPER.readTree((String) values[c]);
            }
            for (String property : properties) {
                JsonNode value = bag == null || !bag.isObject() ? null : bag.get(property);
                all[at++] = value == null ? null
                        : value.isContainerNode() ? RowConverter.dynamicValue(value) : RowConverter.scalarJson(value);
            }
        }
        return all;
    }

    /** False when the row is a duplicate of a stored one (or of one earlier in this ingest). */
    private boolean store(Converted row) throws IOException {
        if (!seen.add(row.identity[0], row.identity[1])) {
            return false;
        }
        if (2 * newIdentityCount + 2 > newIdentities.length) {
            newIdentities = Arrays.copyOf(newIdentities, newIdentities.length * 2);
        }
        newIdentities[2 * newIdentityCount] = row.identity[0];
        newIdentities[2 * newIdentityCount + 1] = row.identity[1];
        newIdentityCount++;
        row.table.add(row.values);
        return true;
    }

    /**
     * A record's identity: the UAL Id where there is one (CloudAppEvents' RawEventData.Id, OfficeActivity's
     * OfficeId / SourceRecordId, so one audit record from two exports is stored once), else Defender's ReportId
     * for CloudAppEvents, else a hash of the row's whole content.
     */
    static String identityKey(String table, ObjectNode row) {
        JsonNode raw = row.get("RawEventData");
        if (raw != null && raw.isTextual()) {
            try {
                raw = Jackson.MAPPER.readTree(raw.textValue());
            } catch (IOException e) {
                raw = null;
            }
        }
        if (raw != null && raw.isObject() && !RowConverter.isEmpty(raw.get("Id"))) {
            return "id:" + raw.get("Id").asText();
        }
        for (String column : new String[] {"OfficeId", "SourceRecordId"}) {
            if (table.equals("OfficeActivity") && !RowConverter.isEmpty(row.get(column))) {
                return "id:" + row.get(column).asText();
            }
        }
        if (table.equals("CloudAppEvents") && !RowConverter.isEmpty(row.get("ReportId"))) {
            return "report:" + row.get("ReportId").asText();
        }
        return "content:" + row;
    }

    /** A table's schema before this ingest adds columns: the store's, else --schema, else a known table's, else none. */
    private Schema initialSchema(String name) {
        Manifest.TableInfo stored = transaction.base().tables().get(name);
        if (stored != null) {
            return stored.schema();
        }
        if (options.schema() != null && name.equals(options.table())) {
            return options.schema();
        }
        Schema builtin = BuiltinTables.instance().schema(name);
        if (builtin != null) {
            return builtin;
        }
        return new Schema(List.of());
    }

    /**
     * Column types of a table Trawl has no schema for, from the first non-empty value seen: JSON booleans bool,
     * whole numbers long, other numbers real, objects and arrays dynamic, text that reads as an ISO-8601 datetime
     * datetime, other text string. A later value that does not fit quarantines its record (rather than
     * silently changing what earlier rows meant).
     */
    static ScalarType inferType(JsonNode value) {
        if (value.isBoolean()) {
            return ScalarType.BOOL;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? ScalarType.LONG : ScalarType.REAL;
        }
        if (value.isNumber()) {
            return ScalarType.REAL;
        }
        if (value.isContainerNode()) {
            return ScalarType.DYNAMIC;
        }
        if (value.isTextual() && ISO_DATETIME.matcher(value.textValue()).matches()) {
            return ScalarType.DATETIME;
        }
        return ScalarType.STRING;
    }

    private static final Pattern ISO_DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");

    /**
     * A table being ingested: its schema (which can gain columns) and its buffered rows, one buffer per day so
     * that a day's rows become few, large segments. A day is written when its buffer reaches the flush size, or
     * when a third day is buffered (the oldest goes: in a time-ordered export it is complete); when all days
     * together hold twice the flush size, the largest is written, which bounds memory for exports whose records
     * are not in time order.
     */
    private final class TableState {
        final String name;
        /** The table's columns as its segments hold them (see {@link TableLayout}), for {@link #schema}. */
        TableLayout layout;
        Schema schema;
        final TreeMap<Long, RowBuffer> days = new TreeMap<>();
        long buffered;
        long rowsAdded;

        TableState(String name, Schema schema) {
            this.name = name;
            this.schema = schema;
            reset();
        }

        private void reset() {
            // The parser threads' layout for this table is this one from now on (the same object when the schema
            // is the one they already decode against), so a row decoded against another is known to be stale.
            layout = layouts.compute(name, (n, old) -> old != null && old.schema.equals(schema) ? old : new TableLayout(n, schema));
        }

        String timeColumnName() {
            return layout.timeColumnName();
        }

        void widen(List<Map.Entry<String, JsonNode>> extras) throws IOException {
            flush();
            List<Schema.Field> fields = new ArrayList<>(schema.fields());
            for (Map.Entry<String, JsonNode> extra : extras) {
                if (indexOf(fields, extra.getKey()) < 0) {
                    fields.add(new Schema.Field(extra.getKey(), inferType(extra.getValue())));
                }
            }
            schema = new Schema(fields);
            reset();
        }

        private static int indexOf(List<Schema.Field> fields, String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        void add(Object[] values) throws IOException {
            int time = layout.timeColumn;
            long day = time < 0 ? Long.MIN_VALUE : Math.floorDiv((Long) values[time], LiteralValues.TICKS_PER_DAY);
            RowBuffer buffer = days.computeIfAbsent(day, d -> new RowBuffer(layout.physical, 1024));
            buffer.add(values);
            rowsAdded++;
            buffered++;
            if (buffer.size() >= options.flushRows()) {
                write(day);
            } else if (days.size() > 2) {
                // Exports come in time order: once rows for a third day arrive, the oldest day is (nearly always)
                // complete, so it is written now, while parsing goes on, rather than at the end.
                long oldest = days.firstKey();
                write(oldest == day ? days.higherKey(oldest) : oldest);
            } else if (buffered >= 2L * options.flushRows()) {
                long largest = days.entrySet().stream().max(Map.Entry.comparingByValue(
                        java.util.Comparator.comparingInt(RowBuffer::size))).orElseThrow().getKey();
                write(largest);
            }
        }

        private void write(long day) throws IOException {
            RowBuffer rows = days.remove(day);
            buffered -= rows.size();
            String dayName = day == Long.MIN_VALUE ? Store.Days.NONE : Store.Days.of(day * LiteralValues.TICKS_PER_DAY);
            transaction.stageSegment(name, dayName, rows);
        }

        /** Writes every buffered day. */
        void flush() throws IOException {
            for (Long day : new ArrayList<>(days.keySet())) {
                write(day);
            }
        }
    }

    /** Most audit records are plain ASCII, which is valid UTF-8 without decoding. */
    private static String text(RecordBytes line) {
        return new String(line.bytes(), 0, line.size(), StandardCharsets.UTF_8);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Counts the bytes read from the file itself, for progress. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
