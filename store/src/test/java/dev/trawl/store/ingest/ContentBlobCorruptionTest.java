package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.store.Store;
import dev.trawl.store.StoreFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Management Activity API content blobs (JSON arrays of UAL records, pretty-printed so that records span lines)
 * with bad elements among good ones, a fault in an array's structure, and an overlapping copy: afterwards the
 * store holds exactly the good records before the fault, each once in both views, and the quarantine lists each
 * bad element at its line and array index, and the fault where it is.
 */
class ContentBlobCorruptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** A blob being written: its text, the line it has reached, and the elements in it. */
    private static final class Blob {
        final StringBuilder text = new StringBuilder("[\n");
        long line = 2;
        int index;

        /** Appends an element (its text may span lines) and returns the line it starts on. */
        long add(String element) {
            if (index > 0) {
                text.append(",\n");
                line++;
            }
            long at = line;
            text.append(element);
            line += element.chars().filter(c -> c == '\n').count();
            index++;
            return at;
        }
    }

    @Test
    void goodElementsAreStoredAndEachBadOneIsQuarantinedAtItsLineAndIndex() throws IOException {
        List<String> records = new ArrayList<>();
        for (JsonNode line : StoreFixture.streamingRecords(5, 3, 20, 300)) {
            records.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(line.path("properties").path("RawEventData")));
        }
        Path exports = Files.createDirectories(work.resolve("exports"));
        List<String> expectedBad = new ArrayList<>();
        TreeSet<String> expectedIds = new TreeSet<>();

        // a.json: records 0..199 with bad elements between them.
        Blob a = new Blob();
        long line55 = 0;
        for (int i = 0; i < 200; i++) {
            long line = a.add(records.get(i));
            line55 = i == 55 ? line : line55;
            expectedIds.add(JSON.readTree(records.get(i)).path("Id").asText());
            switch (i) {
                case 10 -> bad(expectedBad, "a.json", a, "{\n  \"CreationTime\": tru,\n  \"Id\": \"x\"\n}",
                        "invalid JSON: Unrecognized token 'tru'");
                case 20 -> bad(expectedBad, "a.json", a, "42", "not a JSON object");
                case 30 -> {
                    ObjectNode record = (ObjectNode) JSON.readTree(records.get(250));
                    record.put("CreationTime", "the day before yesterday");
                    bad(expectedBad, "a.json", a, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record),
                            "not a datetime");
                }
                case 40 -> bad(expectedBad, "a.json", a, "{\"pad\": \"" + "x".repeat(Ingest.DEFAULT_MAX_RECORD_BYTES) + "\"}",
                        "longer than the limit");
                case 50 -> bad(expectedBad, "a.json", a, "[\"an array\", {\"of\": \"things\"}]", "not a JSON object");
                default -> {
                }
            }
        }
        a.text.append("\n]\n");
        byte[] aBytes = a.text.toString().getBytes(StandardCharsets.UTF_8);
        // Record 55's UserId gets a byte that is not UTF-8 (a lead byte followed by an ASCII letter). The record
        // is in c.json.gz too, intact, and stored from there.
        String marker = "\"UserId\" : \"";
        int at = a.text.indexOf(marker, a.text.indexOf("\"Id\" : \"" + JSON.readTree(records.get(55)).path("Id").asText()));
        aBytes[at + marker.length()] = (byte) 0xC3;
        Files.write(exports.resolve("a.json"), aBytes);

        // b.json: records 200..249, then a missing comma: records 250..299 after it cannot be read.
        Blob b = new Blob();
        for (int i = 200; i < 250; i++) {
            b.add(records.get(i));
            expectedIds.add(JSON.readTree(records.get(i)).path("Id").asText());
        }
        b.text.append("\n");
        long faultLine = b.line + 1;
        b.text.append(records.get(250));
        for (int i = 251; i < 300; i++) {
            b.text.append(",\n").append(records.get(i));
        }
        b.text.append("\n]\n");
        Files.writeString(exports.resolve("b.json"), b.text);

        // c.json.gz: records 0..99 again.
        Blob c = new Blob();
        for (int i = 0; i < 100; i++) {
            c.add(records.get(i));
        }
        c.text.append("]");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(exports.resolve("c.json.gz")))) {
            out.write(c.text.toString().getBytes(StandardCharsets.UTF_8));
        }

        Path store = work.resolve("store");
        IngestSummary summary = StoreFixture.ingest(store, exports);
        int good = expectedIds.size();
        assertEquals(250, good);
        assertEquals((long) good, summary.ingested().get("CloudAppEvents"));
        assertEquals((long) good, summary.ingested().get("OfficeActivity"));
        assertEquals(99, summary.duplicates(), "c.json.gz repeats records 0..99, one of which (55) was bad in a.json");

        assertEquals(new ArrayList<>(expectedIds), StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | project Id = tostring(RawEventData.Id) | order by Id asc")));
        assertEquals(new ArrayList<>(expectedIds), StoreFixture.rows(StoreFixture.query(store,
                "OfficeActivity | project OfficeId | order by OfficeId asc")));

        List<String> entries = new ArrayList<>();
        for (JsonNode entry : quarantine(store)) {
            entries.add(Path.of(entry.path("source").asText()).getFileName() + ":" + entry.path("line").asLong() + "#"
                    + (entry.has("index") ? entry.path("index").asInt() : "-") + " " + entry.path("reason").asText());
        }
        List<String> expected = new ArrayList<>(expectedBad);
        // Record 55 is element 60 of a.json: five bad elements come before it.
        expected.add(5, "a.json:" + line55 + "#60 invalid UTF-8");
        expected.add("b.json:" + faultLine + "#50 invalid JSON: expected ',' or ']' after array element 49");
        assertEquals(expected.size(), entries.size(), String.join("\n", entries));
        for (int i = 0; i < expected.size(); i++) {
            String[] want = expected.get(i).split(" ", 2);
            assertTrue(entries.get(i).startsWith(want[0] + " ") && entries.get(i).contains(want[1]),
                    "entry " + i + ": " + entries.get(i) + ", expected " + expected.get(i));
        }
        // The parser's complaint about a record of several lines says where in the record it is.
        assertTrue(entries.get(0).contains("(line 2 of the record, column "), entries.get(0));
        for (JsonNode entry : quarantine(store)) {
            assertTrue(entry.has("text") || entry.has("base64"), entry + " keeps the record");
        }
        // The fault's entry shows the text from the fault on: the record the comma should have come before.
        JsonNode fault = quarantine(store).get(expected.size() - 1);
        assertTrue(fault.path("text").asText().startsWith("{"), fault.toString());
        assertEquals(JsonArrayElements.CONTEXT, fault.path("text").asText().length(), fault.toString());
    }

    /**
     * Event Hub messages saved pretty-printed, one after another in a file, each with other members after its
     * records: each record is one of its own, so a record that is not valid JSON is quarantined alone, at its
     * first line and its place in the message, and every other record is stored, in that message and after it.
     */
    @Test
    void aBadRecordInPrettyPrintedEventHubMessagesIsQuarantinedAlone() throws IOException {
        List<JsonNode> records = StoreFixture.streamingRecords(9, 2, 10, 30);
        StringBuilder file = new StringBuilder();
        for (int m = 0; m < 3; m++) {
            ObjectNode message = JSON.createObjectNode();
            message.putArray("records").addAll(records.subList(m * 10, m * 10 + 10));
            message.put("partition", m).putObject("properties").put("note", "}]\"records\"");
            String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(message);
            // The second message's fourth record gets a second colon: its strings and brackets are still whole,
            // but it is not JSON.
            if (m == 1) {
                int fourth = text.indexOf("\"time\" : ", text.indexOf(records.get(12).path("time").asText()) + 1);
                text = text.substring(0, fourth) + text.substring(fourth).replaceFirst("\"time\" : ", "\"time\" :: ");
            }
            file.append(text).append('\n');
        }
        // The bad record's '{' is on the line above its "time".
        long recordLine = file.substring(0, file.indexOf("::")).chars().filter(c -> c == '\n').count();
        Path exports = Files.createDirectories(work.resolve("messages"));
        Files.writeString(exports.resolve("messages.json"), file);
        Path store = work.resolve("store-messages");
        IngestSummary summary = StoreFixture.ingest(store, exports);
        assertEquals(29L, summary.ingested().get("CloudAppEvents"));
        assertEquals(30, summary.recordsRead());
        List<JsonNode> entries = quarantine(store);
        assertEquals(1, entries.size(), entries.toString());
        assertEquals(recordLine, entries.get(0).path("line").asLong(), entries.get(0).toString());
        assertEquals(3, entries.get(0).path("index").asInt(), entries.get(0).toString());
        assertTrue(entries.get(0).path("reason").asText().startsWith("invalid JSON"), entries.get(0).toString());
        assertTrue(entries.get(0).path("text").asText().startsWith("{"), "the record alone is kept, not its message");
        assertEquals(List.of(records.get(14).path("properties").path("ReportId").asText()), StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | where ReportId == '" + records.get(14).path("properties").path("ReportId").asText()
                        + "' | project ReportId")), "the record after the bad one is stored");
    }

    /** An Event Hub message with a second list of records cannot be cut record by record: the file ends there. */
    @Test
    void aSecondRecordsMemberEndsTheFile() throws IOException {
        Path exports = Files.createDirectories(work.resolve("twice"));
        Files.writeString(exports.resolve("twice.json"), "{\"records\": [],\n \"records\": []}\n");
        IngestSummary summary = StoreFixture.ingest(work.resolve("store-twice"), exports);
        assertEquals(1, summary.quarantined());
        JsonNode entry = quarantine(work.resolve("store-twice")).get(0);
        assertEquals(2, entry.path("line").asLong());
        assertTrue(entry.path("reason").asText().contains("a second \"records\" member"), entry.toString());
    }

    private static void bad(List<String> expected, String file, Blob blob, String element, String reason) {
        int index = blob.index;
        long line = blob.add(element);
        expected.add(file + ":" + line + "#" + index + " " + reason);
    }

    private static List<JsonNode> quarantine(Path store) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String file : Store.open(store).manifest().quarantineFiles()) {
            for (String line : Files.readAllLines(store.resolve(file))) {
                assertTrue(line.startsWith("{\"source\":"), "one entry a line, each a whole object: " + line);
                entries.add(JSON.readTree(line));
            }
        }
        return entries;
    }
}
