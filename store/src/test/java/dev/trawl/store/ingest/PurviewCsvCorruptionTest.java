package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.store.Store;
import dev.trawl.store.StoreFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Purview audit search export (CSV with CRLF line ends, the record in its quoted AuditData cell) with good
 * records, one whose AuditData spans lines, and every kind of bad row: afterwards the store holds exactly the
 * good records in both views, and the quarantine lists each bad row at its line with its reason.
 */
class PurviewCsvCorruptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static String cell(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    @Test
    void goodRowsAreStoredAndEachBadOneIsQuarantinedAtItsLine() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode line : StoreFixture.streamingRecords(21, 2, 10, 60)) {
            records.add(line.path("properties").path("RawEventData"));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> expectedBad = new ArrayList<>();
        TreeSet<String> expectedIds = new TreeSet<>();
        long[] line = {1};
        java.util.function.Consumer<byte[]> row = bytes -> {
            file.writeBytes(bytes);
            file.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            for (byte b : bytes) {
                line[0] += b == '\n' ? 1 : 0;
            }
            line[0]++;
        };
        row.accept("CreationDate,UserIds,Operations,AuditData".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            // Record 30's AuditData is written pretty-printed: its quoted cell spans lines.
            String audit = i == 30 ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record) : record.toString();
            String good = record.path("CreationTime").asText() + ".0000000Z," + cell(record.path("UserId").asText()) + ","
                    + cell(record.path("Operation").asText()) + "," + cell(audit);
            row.accept(good.getBytes(StandardCharsets.UTF_8));
            expectedIds.add(record.path("Id").asText());
            String bad = switch (i) {
                case 10 -> "2024-03-01T00:00:00.0000000Z,x@y.com,MailItemsAccessed";
                case 20 -> "2024-03-01T00:00:00.0000000Z,x@y.com,MailItemsAccessed," + cell("{\"CreationTime\": tru}");
                case 40 -> "2024-03-01T00:00:00.0000000Z,x@y.com,MailItemsAccessed," + cell("{\"a\":1}");
                default -> null;
            };
            String reason = switch (i) {
                case 10 -> "a CSV row of 3 cells under a header of 4";
                case 20 -> "invalid JSON in the AuditData cell";
                case 40 -> "not an audit record";
                default -> null;
            };
            if (bad != null) {
                expectedBad.add("p.csv:" + line[0] + " " + reason);
                row.accept(bad.getBytes(StandardCharsets.UTF_8));
            }
            if (i == 50) {
                byte[] broken = good.replace(record.path("Id").asText(), "other-id").getBytes(StandardCharsets.UTF_8);
                broken[broken.length - 10] = (byte) 0xC3; // a lead byte followed by an ASCII character: not UTF-8
                expectedBad.add("p.csv:" + line[0] + " invalid UTF-8");
                row.accept(broken);
            }
        }
        expectedBad.add("p.csv:" + line[0] + " unterminated quoted CSV cell at the end of the file");
        file.writeBytes("2024-03-01T00:00:00.0000000Z,x@y.com,MailItemsAccessed,\"{\"\"CreationTime\r\n".getBytes(StandardCharsets.UTF_8));
        Path exports = Files.createDirectories(work.resolve("exports"));
        Files.write(exports.resolve("p.csv"), file.toByteArray());

        Path store = work.resolve("store");
        IngestSummary summary = StoreFixture.ingest(store, exports);
        assertEquals(60L, summary.ingested().get("CloudAppEvents"));
        assertEquals(60L, summary.ingested().get("OfficeActivity"));
        assertEquals(65, summary.recordsRead());
        assertEquals(new ArrayList<>(expectedIds), StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | project Id = tostring(RawEventData.Id) | order by Id asc")));
        assertEquals(List.of(records.get(30).path("Operation").asText() + "|" + records.get(30).path("UserId").asText()),
                StoreFixture.rows(StoreFixture.query(store, "OfficeActivity | where OfficeId == '"
                        + records.get(30).path("Id").asText() + "' | project Operation, UserId")),
                "the record whose cell spans lines is read whole");

        List<String> entries = new ArrayList<>();
        for (String file2 : Store.open(store).manifest().quarantineFiles()) {
            for (String entry : Files.readAllLines(store.resolve(file2))) {
                JsonNode node = JSON.readTree(entry);
                assertTrue(node.has("text") || node.has("base64"), entry + " keeps the row");
                entries.add(Path.of(node.path("source").asText()).getFileName() + ":" + node.path("line").asLong() + " "
                        + node.path("reason").asText());
            }
        }
        assertEquals(expectedBad.size(), entries.size(), String.join("\n", entries));
        for (int i = 0; i < expectedBad.size(); i++) {
            String[] want = expectedBad.get(i).split(" ", 2);
            assertTrue(entries.get(i).startsWith(want[0] + " ") && entries.get(i).contains(want[1]),
                    "entry " + i + ": " + entries.get(i) + ", expected " + expectedBad.get(i));
        }
    }
}
