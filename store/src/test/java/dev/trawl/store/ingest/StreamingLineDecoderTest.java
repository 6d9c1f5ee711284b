package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.store.IdentitySet;
import dev.trawl.store.StoreFixture;
import dev.trawl.store.synthetic.StreamingExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Streaming API decoder against the general path it shortcuts: for every line it accepts — generated
 * exports, the shared export file, and thousands of mutations of them (values of every kind in every column
 * and RawEventData property, repeated and renamed fields, reordered records, bytes inserted, deleted and
 * changed) — the general path ({@link RawTree}, {@link RowConverter}, {@link Ingest#withShredded},
 * {@link Ingest#identityKey}) must store the line as one row with exactly the same values and identity.
 * Declining is always allowed; the counts make sure the mutations exercise both sides.
 */
class StreamingLineDecoderTest {
    private static final TableLayout CLOUD = new TableLayout("CloudAppEvents",
            BuiltinTables.instance().schema("CloudAppEvents"));

    @TempDir
    Path dir;

    private static StreamingLineDecoder decoder() {
        return new StreamingLineDecoder(name -> name.equals("CloudAppEvents") ? CLOUD : null);
    }

    /** The general path's row for a line: its values and identity, or null when it would not store it as one row. */
    private record Expected(Object[] values, long[] identity) {
    }

    private static Expected general(byte[] line) throws IOException {
        if (!validUtf8(line)) {
            return null;
        }
        JsonNode node;
        try {
            node = RawTree.parseOwned(line.clone(), line.length);
        } catch (IOException e) {
            return null;
        }
        if (!(node instanceof ObjectNode record) || (record.get("records") != null && record.get("records").isArray())) {
            return null;
        }
        JsonNode category = record.get("category");
        if (category == null || !category.isTextual() || !category.textValue().equals("AdvancedHunting-CloudAppEvents")
                || !(record.get("properties") instanceof ObjectNode row)) {
            return null;
        }
        List<Map.Entry<String, JsonNode>> extras = new ArrayList<>();
        Object[] values;
        try {
            values = RowConverter.convert(CLOUD.columns, row, extras);
        } catch (RowConverter.BadValue e) {
            return null;
        }
        if (!extras.isEmpty() || values[CLOUD.timeColumn] == null) {
            return null;
        }
        return new Expected(Ingest.withShredded(CLOUD, values, row),
                IdentitySet.hash("CloudAppEvents", Ingest.identityKey("CloudAppEvents", row)));
    }

    private static boolean validUtf8(byte[] line) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A value as comparable text: its type and its UTF-8 text or number. */
    private static String shown(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] bytes -> "text:" + new String(bytes, StandardCharsets.UTF_8);
            case String text -> "text:" + text;
            case Long number -> "long:" + number;
            default -> value.getClass().getSimpleName() + ":" + value;
        };
    }

    /** Decodes the line; when accepted, asserts the general path gives the same row. True when accepted. */
    private static boolean check(StreamingLineDecoder decoder, byte[] line) throws IOException {
        StreamingLineDecoder.Row[] rows = decoder.decode(line, line.length);
        if (rows == null) {
            return false;
        }
        assertEquals(1, rows.length, () -> "one row for the record " + text(line));
        StreamingLineDecoder.Row row = rows[0];
        boolean ascii = true;
        for (byte b : line) {
            ascii &= b >= 0;
        }
        // A line with a non-ASCII byte must say so, since the caller then checks its UTF-8.
        assertEquals(!ascii, decoder.sawNonAscii(), () -> "non-ASCII noted for " + text(line));
        if (!validUtf8(line)) {
            return true;
        }
        Expected expected = general(line);
        assertNotNull(expected, () -> "the decoder accepted a line the general path would not store as a row: " + text(line));
        assertEquals(expected.values().length, row.values().length);
        for (int c = 0; c < expected.values().length; c++) {
            int column = c;
            assertEquals(shown(expected.values()[c]), shown(row.values()[c]),
                    () -> "column " + CLOUD.physical.field(column).name() + " of " + text(line));
        }
        assertEquals(Arrays.toString(expected.identity()), Arrays.toString(row.identity()), () -> "identity of " + text(line));
        return true;
    }

    private static String text(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private static List<byte[]> generatedLines(int count, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StreamingExport(seed, Instant.parse("2024-01-16T00:00:00Z"), 3, 40).write(out, count);
        List<byte[]> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static List<byte[]> sharedLines() throws IOException {
        Path file = StoreFixture.shared().resolve("data/formats/defender_streaming_api_storage_PT1H.CONSTRUCTED.json");
        List<byte[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    void everyCleanLineIsDecodedExactlyAsTheGeneralPathStoresIt() throws IOException {
        StreamingLineDecoder decoder = decoder();
        List<byte[]> lines = new ArrayList<>(generatedLines(2_000, 7));
        List<byte[]> shared = sharedLines();
        lines.addAll(shared);
        for (byte[] line : lines) {
            assertTrue(check(decoder, line), () -> "a clean Streaming API line was declined: " + text(line));
        }
        assertTrue(!shared.isEmpty(), "the shared export has its record");
    }

    /** Values of every kind the exports (and broken exports) put in a column or a RawEventData property. */
    private static final String[] VALUES = {"null", "\"\"", "\"x\"", "0", "1", "-0", "2", "-7", "1.5", "1e3", "1.0",
        "true", "false", "{}", "[]", "{\"a\":1}", "[1,\"b\",null]", "\"2021-08-02T13:32:07Z\"",
        "\"2021-08-02T13:32:07.1234567Z\"", "\"2021-08-02T13:32:07.123456789Z\"", "\"2021-08-02T13:32:07\"",
        "\"2021-08-02T13:32:07+02:00\"", "\"2021-02-29T00:00:00Z\"", "\"2021-08-02 13:32:07\"", "\"1600-01-01T00:00:00Z\"",
        "\"\\u00e9t\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"a\\\"b\"", "\"a\\\\nb\"", "\"tab\\there\"", "\"\\/\"",
        "\"@{Name=MailAccessType; Value=Bind}\"", "\"{\\\"a\\\":1}\"", "\"[1]\"", "99999999999", "2147483647", "2147483648",
        "-2147483649", "12345678901234567890", "\"été\"", "\"1\"", "\"True\"", "\"50\"", "\"5a95e683-08ad-424e-a441-1d1aec52c02c\"",
        "\"  spaced  \"", "{\"Id\":\"inner\"}", "[{\"Name\":\"MailAccessType\",\"Value\":\"Bind\"}]", "0.0", "-1.5e-3",
        "\"\\u0000\"", "\"\\u0041\"", " \"padded\" "};

    private static final String HOLE = "HOLE_5f1e";

    /** The line with one value replaced (or a field added) by raw JSON text, the rest as Jackson writes it. */
    private static byte[] withValue(byte[] base, SplittableRandom random, String raw) throws IOException {
        ObjectNode record = (ObjectNode) Jackson.MAPPER.readTree(base);
        ObjectNode properties = (ObjectNode) record.get("properties");
        ObjectNode target = properties;
        if (random.nextInt(3) == 0 && properties.get("RawEventData") instanceof ObjectNode raw2) {
            target = raw2;
        }
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = switch (random.nextInt(8)) {
            case 0 -> "Unknown" + random.nextInt(3);
            case 1 -> names.get(random.nextInt(names.size())) + "_string";
            default -> names.get(random.nextInt(names.size()));
        };
        target.set(name, TextNode.valueOf(HOLE));
        String text = Jackson.MAPPER.writeValueAsString(record);
        return text.replace("\"" + HOLE + "\"", raw).getBytes(StandardCharsets.UTF_8);
    }

    /** The line with its record reshaped: fields repeated, reordered, added at the top. */
    private static byte[] reshaped(byte[] base, SplittableRandom random) throws IOException {
        String text = new String(base, StandardCharsets.UTF_8);
        return (switch (random.nextInt(7)) {
            case 0 -> text.replaceFirst("\"properties\":\\{", "\"properties\":{\"ActionType\":\"Repeated\",");
            case 1 -> text.replaceFirst("\"RawEventData\":\\{", "\"RawEventData\":{\"ResultStatus\":\"Failed\",");
            case 2 -> text.replaceFirst("\"RawEventData\":\\{", "\"RawEventData\":{\"Id\":\"first\",");
            case 3 -> "{\"records\":[]," + text.substring(1);
            case 4 -> {
                ObjectNode record = (ObjectNode) Jackson.MAPPER.readTree(base);
                JsonNode category = record.remove("category");
                record.set("category", category);
                yield Jackson.MAPPER.writeValueAsString(record);
            }
            case 5 -> text.replaceFirst("\"category\":\"AdvancedHunting-CloudAppEvents\"",
                    random.nextBoolean() ? "\"category\":\"AdvancedHunting-DeviceEvents\"" : "\"category\":\"AdvancedHunting-\"");
            default -> " \t" + text.replace(",\"", " ,\t\"").replace(":", " : ") + " \r";
        }).getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] BYTES = "{}[]\":,\\ \t\r\n0123456789-+.eEtfnul@xé".getBytes(StandardCharsets.UTF_8);

    /** The line with a few bytes inserted, deleted or changed, or cut short. */
    private static byte[] damaged(byte[] base, SplittableRandom random) {
        byte[] line = base.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(line.length);
            byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : BYTES[random.nextInt(BYTES.length)];
            line = switch (random.nextInt(4)) {
                case 0 -> {
                    byte[] longer = new byte[line.length + 1];
                    System.arraycopy(line, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(line, at, longer, at + 1, line.length - at);
                    yield longer;
                }
                case 1 -> {
                    byte[] shorter = new byte[line.length - 1];
                    System.arraycopy(line, 0, shorter, 0, at);
                    System.arraycopy(line, at + 1, shorter, at, line.length - at - 1);
                    yield shorter;
                }
                case 2 -> {
                    line[at] = b;
                    yield line;
                }
                default -> Arrays.copyOf(line, at);
            };
            if (line.length == 0) {
                return line;
            }
        }
        return line;
    }

    @Test
    void everyMutatedLineItAcceptsIsStoredAlikeByTheGeneralPath() throws IOException {
        StreamingLineDecoder decoder = decoder();
        List<byte[]> bases = new ArrayList<>(generatedLines(40, 11));
        bases.addAll(sharedLines());
        SplittableRandom random = new SplittableRandom(20261203);
        int accepted = 0;
        int declined = 0;
        int cases = 6_000;
        for (int i = 0; i < cases; i++) {
            byte[] base = bases.get(random.nextInt(bases.size()));
            byte[] line = switch (random.nextInt(4)) {
                case 0, 1 -> withValue(base, random, VALUES[random.nextInt(VALUES.length)]);
                case 2 -> reshaped(base, random);
                default -> damaged(base, random);
            };
            if (check(decoder, line)) {
                accepted++;
            } else {
                declined++;
            }
        }
        int acceptedCases = accepted;
        int declinedCases = declined;
        System.out.printf("decoder mutations: %d accepted, %d declined%n", accepted, declined);
        assertTrue(accepted > cases / 4, () -> acceptedCases + " of " + cases + " mutated lines accepted");
        assertTrue(declined > cases / 4, () -> declinedCases + " of " + cases + " mutated lines declined");
    }

    @Test
    void linesTheGeneralPathMustJudgeAreDeclined() throws IOException {
        StreamingLineDecoder decoder = decoder();
        byte[] clean = generatedLines(1, 3).get(0);
        String text = new String(clean, StandardCharsets.UTF_8);
        assertNotNull(decoder.decode(clean, clean.length));
        for (String line : List.of(
                // PowerShell's stringified bag, which the general path repairs
                text.replace("\"Client=", "\"@{Client=").replace(";Action=", "}"),
                // a table the decoder has no layout for
                text.replace("AdvancedHunting-CloudAppEvents", "AdvancedHunting-SigninLogs"),
                // numeric text in an int column
                text.replace("\"ApplicationId\":20893", "\"ApplicationId\":\"20893\""),
                // an Event Hub message with another member, or with no records
                "{\"records\":[" + text + "],\"x\":1}",
                "{\"records\":[]}",
                // a message inside a message
                "{\"records\":[{\"records\":[" + text + "]}]}",
                // text after the record
                text + " x",
                // a datetime with an offset, which only the literal rules read
                text.replaceFirst("\"Timestamp\":\"([^\"]*)Z\"", "\"Timestamp\":\"$1+00:00\""))) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertNull(decoder.decode(bytes, bytes.length), () -> "declined: " + line);
        }
        // Deeper than the decoder reads: left to the general path, which allows more.
        String deep = "[".repeat(StreamingLineDecoder.MAX_DEPTH) + "]".repeat(StreamingLineDecoder.MAX_DEPTH);
        byte[] nested = text.replace("\"ActivityObjects\":[", "\"ActivityObjects\":[" + deep + ",").getBytes(StandardCharsets.UTF_8);
        assertNull(decoder.decode(nested, nested.length));
        assertNotNull(general(nested), "the general path stores the deep record");
    }

    /** The record with a column CloudAppEvents lacks, "AddedColumn": "only here" (the general path adds it). */
    private static byte[] withAddedColumn(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).replace("\"properties\":{",
                "\"properties\":{\"AddedColumn\":\"only here\",").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A record with a column its table lacks widens the table on the general path while later lines are being
     * decoded against the table's old layout: those are decoded again, so every row has the new column.
     */
    @Test
    void rowsDecodedBeforeTheTableWidenedAreDecodedAgain() throws IOException {
        List<byte[]> lines = generatedLines(3_000, 5);
        lines.set(0, withAddedColumn(lines.get(0)));
        Path export = dir.resolve("export.jsonl");
        try (var out = Files.newOutputStream(export)) {
            for (byte[] line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        Path store = dir.resolve("store");
        IngestSummary summary = StoreFixture.ingest(store, export);
        assertEquals(Map.of("CloudAppEvents", 3_000L), summary.ingested());
        assertEquals(List.of("3000|1|only here"), StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | summarize count(), countif(isnotempty(AddedColumn)), take_any(AddedColumn)")));
    }

    /**
     * Event Hub messages on one line, of clean and mutated records: when the decoder takes a message, each of its
     * rows is the one the general path stores for that record, in order; when any record alone would be
     * declined, so is the message.
     */
    @Test
    void aMessageIsDecodedRecordByRecordOrNotAtAll() throws IOException {
        StreamingLineDecoder decoder = decoder();
        List<byte[]> bases = new ArrayList<>(generatedLines(40, 13));
        SplittableRandom random = new SplittableRandom(4);
        int accepted = 0;
        int declined = 0;
        for (int i = 0; i < 1_500; i++) {
            List<byte[]> records = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int r = 0; r < n; r++) {
                byte[] base = bases.get(random.nextInt(bases.size()));
                records.add(random.nextInt(4) != 0 ? base : random.nextBoolean()
                        ? withValue(base, random, VALUES[random.nextInt(VALUES.length)]) : reshaped(base, random));
            }
            StringBuilder message = new StringBuilder(random.nextBoolean() ? "{\"records\":[" : " { \"records\" :\n[ ");
            for (int r = 0; r < n; r++) {
                message.append(r == 0 ? "" : random.nextBoolean() ? "," : " ,\n").append(new String(records.get(r), StandardCharsets.UTF_8));
            }
            message.append(random.nextBoolean() ? "]}" : " ] } ");
            byte[] line = message.toString().getBytes(StandardCharsets.UTF_8);
            StreamingLineDecoder.Row[] rows = decoder.decode(line, line.length);
            boolean each = true;
            for (byte[] record : records) {
                each &= decoder().decode(record, record.length) != null;
            }
            if (rows == null) {
                declined++;
                continue;
            }
            accepted++;
            assertTrue(each, () -> "a message was taken although one of its records alone is not: " + text(line));
            assertEquals(n, rows.length);
            for (int r = 0; r < n; r++) {
                Expected expected = general(records.get(r));
                int at = r;
                assertNotNull(expected);
                for (int c = 0; c < expected.values().length; c++) {
                    int column = c;
                    assertEquals(shown(expected.values()[c]), shown(rows[r].values()[c]),
                            () -> "record " + at + ", column " + CLOUD.physical.field(column).name() + " of " + text(line));
                }
                assertEquals(Arrays.toString(expected.identity()), Arrays.toString(rows[r].identity()));
            }
        }
        assertTrue(accepted > 300 && declined > 300, accepted + " messages taken, " + declined + " declined");
    }

    /**
     * The same records as a file of Event Hub messages (1 to 40 records a line) and one record a line: the
     * stores hold the same rows and the summaries count the same, also when a record in the middle widens the
     * table (later messages, decoded against the old layout, are then read again).
     */
    @Test
    void messageLinesAndRecordLinesIngestAlike() throws IOException {
        List<byte[]> lines = generatedLines(2_000, 17);
        lines.set(700, withAddedColumn(lines.get(700)));
        lines.add(lines.get(5));
        Path recordLines = dir.resolve("records.jsonl");
        Path messageLines = dir.resolve("messages.jsonl");
        SplittableRandom random = new SplittableRandom(8);
        try (var records = Files.newOutputStream(recordLines); var messages = Files.newOutputStream(messageLines)) {
            int i = 0;
            while (i < lines.size()) {
                int n = Math.min(lines.size() - i, 1 + random.nextInt(40));
                messages.write("{\"records\":[".getBytes(StandardCharsets.UTF_8));
                for (int r = 0; r < n; r++, i++) {
                    records.write(lines.get(i));
                    records.write('\n');
                    if (r > 0) {
                        messages.write(',');
                    }
                    messages.write(lines.get(i));
                }
                messages.write("]}\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        IngestSummary one = StoreFixture.ingest(dir.resolve("one"), recordLines);
        IngestSummary many = StoreFixture.ingest(dir.resolve("many"), messageLines);
        assertEquals(2_001, one.recordsRead());
        assertEquals(one.recordsRead(), many.recordsRead());
        assertEquals(one.ingested(), many.ingested());
        assertEquals(1, many.duplicates());
        String everything = "CloudAppEvents | order by ReportId asc | project ReportId, Timestamp, ActionType, AccountObjectId,"
                + " UserAgent, AddedColumn, Raw = tostring(RawEventData), Status = tostring(RawEventData.ResultStatus),"
                + " Access = tostring(RawEventData.OperationProperties)";
        List<String> expected = StoreFixture.rows(StoreFixture.query(dir.resolve("one"), everything));
        assertEquals(2_000, expected.size());
        assertEquals(expected, StoreFixture.rows(StoreFixture.query(dir.resolve("many"), everything)));
    }

    @Test
    void theLayoutFindsColumnsAndPropertiesByTheirBytes() {
        byte[] name = "xxRawEventDatayy".getBytes(StandardCharsets.UTF_8);
        int raw = CLOUD.columnNames().indexOf(name, 2, 14);
        assertEquals("RawEventData", CLOUD.schema.field(raw).name());
        assertEquals(-1, CLOUD.columnNames().indexOf(name, 2, 13), "a prefix is not a column");
        Iterator<dev.trawl.kql.plan.Schema.Field> fields = CLOUD.schema.fields().iterator();
        while (fields.hasNext()) {
            byte[] bytes = fields.next().name().getBytes(StandardCharsets.UTF_8);
            assertEquals(CLOUD.columns.indexOf(new String(bytes, StandardCharsets.UTF_8)), CLOUD.columnNames().indexOf(bytes, 0, bytes.length));
        }
        byte[] id = "Id".getBytes(StandardCharsets.UTF_8);
        assertEquals(CLOUD.shreddedCount[raw], CLOUD.properties[raw].indexOf(id, 0, id.length), "Id follows the shredded properties");
    }
}
