package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowConverterTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Schema.Field("T", ScalarType.DATETIME), new Schema.Field("B", ScalarType.BOOL),
            new Schema.Field("I", ScalarType.INT), new Schema.Field("L", ScalarType.LONG),
            new Schema.Field("R", ScalarType.REAL), new Schema.Field("S", ScalarType.STRING),
            new Schema.Field("D", ScalarType.DYNAMIC), new Schema.Field("G", ScalarType.GUID)));

    private static Object[] convert(String json) throws Exception {
        return RowConverter.convert(SCHEMA, (ObjectNode) Jackson.MAPPER.readTree(json), new ArrayList<>());
    }

    @Test
    void exportSpellingsOfEachType() throws Exception {
        Object[] row = convert("""
                {"T":"2021-08-02T13:32:07","B":0,"I":"50","L":12345678901,"R":"1.5","S":42,"D":"[{\\"a\\":1}]",
                 "G":"699E0B10-1C53-403E-976F-CE0847A92B44"}""");
        assertEquals(LiteralValues.datetimeTicks("2021-08-02T13:32:07Z"), row[0], "UAL CreationTime has no zone: UTC");
        assertEquals(0L, row[1]);
        assertEquals(50L, row[2], "Log Analytics writes numbers as text");
        assertEquals(12345678901L, row[3]);
        assertEquals(1.5, row[4]);
        assertEquals("42", row[5], "a number in a string column is its text");
        assertEquals("[{\"a\":1}]", row[6], "a dynamic column's JSON text is parsed, not kept as a string");
        assertEquals("699e0b10-1c53-403e-976f-ce0847a92b44", row[7]);
    }

    @Test
    void nullsAndEmptyCells() throws Exception {
        Object[] row = convert("{\"T\":\"\",\"B\":null,\"S\":null,\"I\":\"\"}");
        assertNull(row[0], "an empty typed cell is a null value");
        assertNull(row[1]);
        assertEquals("", row[5], "KQL strings are never null");
        assertNull(row[2]);
        assertNull(row[6]);
    }

    @Test
    void valuesThatDoNotFitAreRefusedWithTheColumnNamed() {
        for (String bad : List.of("{\"T\":\"yesterday\"}", "{\"T\":1627911127}", "{\"B\":\"maybe\"}", "{\"I\":1.5}",
                "{\"I\":3000000000}", "{\"L\":\"12a\"}", "{\"G\":\"not-a-guid\"}", "{\"T\":\"1500-01-01T00:00:00Z\"}")) {
            RowConverter.BadValue e = assertThrows(RowConverter.BadValue.class, () -> convert(bad), bad);
            String column = bad.substring(2, 3);
            assertTrue(e.getMessage().startsWith("column " + column + " "), e.getMessage());
        }
    }

    @Test
    void unionExportTypeSuffixesFillTheirColumn() throws Exception {
        Object[] row = convert("{\"S_string\":\"Client=REST;;\",\"L_long\":7,\"L_string\":\"\"}");
        assertEquals("Client=REST;;", row[5]);
        assertEquals(7L, row[3]);
    }

    @Test
    void unknownFieldsWithValuesAreReportedAsExtras() throws Exception {
        List<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> extras = new ArrayList<>();
        RowConverter.convert(SCHEMA, (ObjectNode) Jackson.MAPPER.readTree("{\"New\":\"x\",\"Empty\":\"\",\"Nil\":null}"), extras);
        assertEquals(List.of("New"), extras.stream().map(Map.Entry::getKey).toList(), "empty extras add no column");
    }

    @Test
    void powershellBagsBecomeBags() throws Exception {
        Object[] row = convert("{\"D\":[\"@{Value=Bind; Name=MailAccessType}\",\"@{Value=False; Name=IsThrottled}\",\"plain\"]}");
        assertEquals("[{\"Value\":\"Bind\",\"Name\":\"MailAccessType\"},{\"Value\":\"False\",\"Name\":\"IsThrottled\"},\"plain\"]", row[6]);
        assertNull(RowConverter.powershellBag("@{not a bag}"), "text that only looks like one stays text");
        assertNull(RowConverter.powershellBag("email@{x}"));
    }

    @Test
    void theFastTimestampPathAgreesWithTheLiteralRules() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1700 + random.nextInt(500), 1 + random.nextInt(13),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61));
            if (random.nextBoolean()) {
                text += "." + "1234567".substring(0, 1 + random.nextInt(7));
            }
            if (random.nextBoolean()) {
                text += "Z";
            }
            Long fast = IsoTimestamps.fast(text);
            Long literal = LiteralValues.datetimeTicks(text);
            if (fast != null) {
                assertEquals(literal, fast, text);
            } else {
                assertEquals(literal, IsoTimestamps.ticks(text), text);
            }
        }
        assertArrayEquals(new Object[] {null, null}, new Object[] {IsoTimestamps.fast("2021-02-29T00:00:00Z"),
                IsoTimestamps.fast("2021-08-02T13:32:07+02:00")}, "no 29 February in 2021; offsets take the literal path");
    }

    @Test
    void csvCellsFollowRfc4180() {
        assertEquals(List.of("a", "b,c", "say \"hi\"", ""), CsvTest.cells("a,\"b,c\",\"say \"\"hi\"\"\","));
        assertNull(CsvTest.cells("a,\"open"), "an open quote continues on the next line");
        assertEquals(List.of("x", "line1\nline2"), CsvTest.cells("x,\"line1\nline2\""));
    }

    @Test
    void addressesLoseTheirPortWrapper() {
        assertEquals("2001:db8::1", UnifiedAuditMapping.bareAddress("[2001:db8::1]:443"));
        assertEquals("1.2.3.4", UnifiedAuditMapping.bareAddress("1.2.3.4:5678"));
        assertEquals("2001:db8::1", UnifiedAuditMapping.bareAddress("2001:db8::1"));
        assertEquals("1.2.3.4", UnifiedAuditMapping.bareAddress("1.2.3.4"));
    }
}
