package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.store.Store;
import dev.trawl.store.StoreFixture;
import dev.trawl.store.synthetic.StreamingExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated export of N good records, mixed with every kind of bad input and with overlapping copies of
 * itself: afterwards the store holds exactly the N records, and the quarantine lists exactly the bad records,
 * each with its file and line.
 */
class CorruptionTest {
    private static final int N = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private Path exports;
    private Path store;
    private List<String> good;
    /** "file:line" of every bad record written, and the reason word expected for it. */
    private final List<String[]> bad = new ArrayList<>();

    @BeforeEach
    void generate() throws IOException {
        exports = Files.createDirectories(work.resolve("exports"));
        store = work.resolve("store");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StreamingExport(7, Instant.parse("2024-03-01T00:00:00Z"), 5, 40).write(out, N);
        good = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(N, good.size());

        // a.jsonl: the first 400 good records with bad ones between them.
        List<byte[]> a = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            a.add(bytes(good.get(i)));
            switch (i) {
                case 10 -> badLine(a, "a.jsonl", bytes(good.get(500).substring(0, good.get(500).length() / 2)), "invalid JSON");
                case 20 -> badLine(a, "a.jsonl", bytes("{\"time\": , \"category\": }"), "invalid JSON");
                case 30 -> {
                    byte[] record = bytes(good.get(501).replace("\"Run\"", "\"R?n\""));
                    int at = indexOf(record, (byte) '?');
                    record[at] = (byte) 0xC3; // a lead byte followed by an ASCII letter: not UTF-8
                    badLine(a, "a.jsonl", record, "invalid UTF-8");
                }
                case 40 -> badLine(a, "a.jsonl", bytes(good.get(502).replace("\"Timestamp\":\"2024", "\"Timestamp\":\"yesterday 2024")),
                        "column Timestamp");
                case 50 -> badLine(a, "a.jsonl", bytes(good.get(503).replace("\"ApplicationId\":20893", "\"ApplicationId\":\"abc\"")),
                        "column ApplicationId");
                case 60 -> badLine(a, "a.jsonl", bytes(good.get(504).replace("\"IsAdminOperation\":0", "\"IsAdminOperation\":\"maybe\"")),
                        "column IsAdminOperation");
                case 70 -> badLine(a, "a.jsonl", bytes("[1, 2, 3]"), "not a JSON object");
                case 80 -> badLine(a, "a.jsonl", bytes("{\"time\":\"2024-03-01T00:00:00Z\",\"category\":\"AdvancedHunting-CloudAppEvents\"}"),
                        "without a properties object");
                case 90 -> badLine(a, "a.jsonl", bytes(good.get(505).replace("\"Timestamp\":\"", "\"Stamp\":\"")),
                        "no Timestamp value");
                case 100 -> {
                    byte[] huge = new byte[50 * 1024 * 1024];
                    Arrays.fill(huge, (byte) 'x');
                    byte[] head = bytes("{\"time\":\"2024-03-01T00:00:00Z\",\"pad\":\"");
                    System.arraycopy(head, 0, huge, 0, head.length);
                    huge[huge.length - 2] = '"';
                    huge[huge.length - 1] = '}';
                    badLine(a, "a.jsonl", huge, "longer than the limit");
                }
                case 110 -> badLine(a, "a.jsonl", bytes(good.get(506).replace("\"category\":\"AdvancedHunting-CloudAppEvents\"",
                        "\"category\":\"AdvancedHunting-Cloud App Events\"")), "not a table name");
                case 120 -> a.add(bytes("   ")); // blank lines are not records
                // Cut after a whole member: the parser's message names where the unclosed object began.
                case 130 -> badLine(a, "a.jsonl", bytes("{\"time\":\"2024-03-01T00:00:00Z\",\"category\":\"AdvancedHunting-CloudAppEvents\""),
                        "invalid JSON: Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1)");
                default -> {
                }
            }
        }
        // A truncated last line, as a copy interrupted mid-write leaves it (no newline at the end).
        badLine(a, "a.jsonl", bytes(good.get(507).substring(0, 300)), "invalid JSON");
        writeLines(exports.resolve("a.jsonl"), a, false);

        // b.jsonl.gz: records 300..599 (overlapping a.jsonl by 100), compressed, Windows line ends, with a BOM.
        List<byte[]> b = new ArrayList<>();
        for (int i = 300; i < N; i++) {
            b.add(bytes(good.get(i) + "\r"));
        }
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(exports.resolve("b.jsonl.gz")))) {
            gz.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            for (byte[] line : b) {
                gz.write(line);
                gz.write('\n');
            }
        }
        // c.json: an Event Hub message holding records 0..49 again (pretty-printed), all duplicates.
        StringBuilder message = new StringBuilder("{\n  \"records\": [\n");
        for (int i = 0; i < 50; i++) {
            message.append("    ").append(good.get(i)).append(i < 49 ? ",\n" : "\n");
        }
        message.append("  ]\n}\n");
        Files.writeString(exports.resolve("c.json"), message);
        // d.bin: not an export at all.
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        junk[0] = 0x00;
        Files.write(exports.resolve("d.bin"), junk);
        bad.add(new String[] {"d.bin:1", "unknown format"});
    }

    private void badLine(List<byte[]> lines, String file, byte[] line, String reason) {
        lines.add(line);
        bad.add(new String[] {file + ":" + lines.size(), reason});
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    private static void writeLines(Path file, List<byte[]> lines, boolean finalNewline) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < lines.size(); i++) {
                out.write(lines.get(i));
                if (i < lines.size() - 1 || finalNewline) {
                    out.write('\n');
                }
            }
        }
    }

    @Test
    void storeHoldsExactlyTheGoodRecordsAndQuarantineExactlyTheBadOnes() throws IOException {
        IngestSummary summary = StoreFixture.ingest(store, exports);
        assertEquals(N, summary.ingested().get("CloudAppEvents"));
        assertEquals(1, summary.ingested().size(), summary.ingested().toString());
        assertEquals(100 + 50, summary.duplicates());
        assertEquals(bad.size(), summary.quarantined());

        // Exactly the N generated records, each once, by their UAL ids.
        List<String> stored = StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | project Id = tostring(RawEventData.Id) | order by Id asc"));
        TreeSet<String> expected = new TreeSet<>();
        for (String line : good) {
            expected.add(JSON.readTree(line).path("properties").path("RawEventData").path("Id").asText());
        }
        assertEquals(new ArrayList<>(expected), stored);

        // The quarantine: one entry per bad record, at its file and line, with the reason.
        List<JsonNode> entries = quarantine();
        assertEquals(bad.size(), entries.size());
        for (int i = 0; i < bad.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = Path.of(entry.path("source").asText()).getFileName() + ":" + entry.path("line").asLong();
            assertEquals(bad.get(i)[0], where, "entry " + i + ": " + entry.path("reason").asText());
            assertTrue(entry.path("reason").asText().contains(bad.get(i)[1]),
                    where + ": reason '" + entry.path("reason").asText() + "' should mention '" + bad.get(i)[1] + "'");
            // Said for an analyst: no parser internals ("[Source: REDACTED (`StreamReadFeature...` disabled); ...]").
            assertTrue(!entry.path("reason").asText().contains("Source:") && !entry.path("reason").asText().contains("REDACTED"),
                    where + ": " + entry.path("reason").asText());
            assertTrue(entry.has("text") || entry.has("base64"), where + " keeps the record");
        }
        // The invalid UTF-8 record is kept byte for byte, the 50 MB one as its head and length.
        JsonNode utf8 = entries.stream().filter(e -> e.path("reason").asText().equals("invalid UTF-8")).findFirst().orElseThrow();
        assertEquals((byte) 0xC3, java.util.Base64.getDecoder().decode(utf8.path("base64").asText())[
                indexOf(java.util.Base64.getDecoder().decode(utf8.path("base64").asText()), (byte) 0xC3)]);
        JsonNode huge = entries.stream().filter(e -> e.path("reason").asText().contains("longer")).findFirst().orElseThrow();
        assertEquals(50L * 1024 * 1024, huge.path("bytes").asLong());
        assertEquals(Quarantine.KEPT_PREFIX, huge.path("text").asText().length());

        // Everything again: nothing new is stored, every good record is a duplicate, the bad ones are reported again.
        IngestSummary again = StoreFixture.ingest(store, exports);
        assertEquals(0L, again.ingested().get("CloudAppEvents"));
        assertEquals(N + 150, again.duplicates());
        assertEquals(bad.size(), again.quarantined());
        assertEquals((long) N, ((Number) StoreFixture.query(store, "CloudAppEvents | count").value(0, 0)).longValue());
    }

    private List<JsonNode> quarantine() throws IOException {
        Store opened = Store.open(store);
        List<JsonNode> entries = new ArrayList<>();
        for (String file : opened.manifest().quarantineFiles()) {
            for (String line : Files.readAllLines(store.resolve(file))) {
                entries.add(JSON.readTree(line));
            }
        }
        return entries;
    }
}
