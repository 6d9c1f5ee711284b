package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cutting of JSON arrays into elements, against Jackson reading the same documents whole. */
class JsonArrayElementsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One value as a JSON parser sees it: the line its first token is on, its array index (-1 at the top), its tree. */
    private record Expected(long line, int index, JsonNode tree) {
    }

    @Test
    void elementsAreTheValuesAJsonParserReadsAtTheirLines() throws IOException {
        Random random = new Random(11);
        int elements = 0;
        for (int doc = 0; doc < 60; doc++) {
            byte[] document = document(random);
            List<Expected> expected = jacksonElements(document);
            // Tiny reads too, so that elements, strings and escapes are cut at every kind of buffer boundary.
            InputStream in = doc % 3 == 0 ? trickle(document, random) : new ByteArrayInputStream(document);
            JsonArrayElements cut = new JsonArrayElements(in, 1 << 20);
            for (Expected value : expected) {
                RecordBytes record = cut.next();
                assertNotNull(record, "document " + doc + " ended early");
                assertEquals(value.tree(), JSON.readTree(new String(record.bytes(), 0, record.size(), StandardCharsets.UTF_8)),
                        "document " + doc + ", value at line " + value.line());
                assertEquals(value.line(), record.line(), "document " + doc);
                assertEquals(value.index(), record.index(), "document " + doc);
                assertEquals(record.size(), record.bytes().length, "an element has an array of its own");
                assertFalse(record.tooLong());
                elements++;
            }
            assertNull(cut.next(), "document " + doc + " has no more values");
            assertNull(cut.broken(), "document " + doc);
        }
        assertTrue(elements > 1000, "the documents held " + elements + " values");
    }

    @Test
    void aFaultInTheArraysStructureEndsTheFileWhereItIs() throws IOException {
        assertBroken("[{\"a\":1},\n {\"b\":2}\n {\"c\":3}]", 2, 3, 2, "expected ',' or ']' after array element 1, found '{'");
        assertBroken("[{\"a\":[1}]", 0, 1, 0, "'}' closes a '['");
        assertBroken("[{\"a\":1},\n{\"b\":\"x]}, {\"c\":2}]\n", 1, 2, 1, "the file ends inside this value");
        assertBroken("[1,2,]", 2, 1, 2, "']' where array element 2 should begin");
        assertBroken("[1,,2]", 1, 1, 1, "',' where array element 1 should begin");
        assertBroken("[{\"a\":1},\n{\"b\":2}\n", 2, 3, null, "the file ends inside an array");
        assertBroken("[" + "[".repeat(JsonArrayElements.MAX_DEPTH + 1), 0, 1, 0, "nested more than");
    }

    private static void assertBroken(String document, int elementsBefore, long line, Integer index, String problem)
            throws IOException {
        JsonArrayElements cut = new JsonArrayElements(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), 1000);
        for (int i = 0; i < elementsBefore; i++) {
            RecordBytes record = cut.next();
            assertNotNull(record, document + ": element " + i);
            assertEquals(i, record.index());
        }
        assertNull(cut.next(), document);
        JsonArrayElements.Broken broken = cut.broken();
        assertNotNull(broken, document);
        assertEquals(line, broken.line(), document);
        assertEquals(index, broken.index(), document);
        assertTrue(broken.problem().startsWith(problem), document + ": " + broken.problem());
        assertNull(cut.next(), "nothing is read after the fault");
    }

    @Test
    void anElementLongerThanTheLimitIsSkippedWithItsFirstBytesKept() throws IOException {
        String big = "{\"pad\":\"" + "x]},\\\"".repeat(20_000) + "\"}";
        byte[] document = ("[{\"a\":1}, " + big + ",\n{\"b\":2}]").getBytes(StandardCharsets.UTF_8);
        int limit = Quarantine.KEPT_PREFIX * 2;
        JsonArrayElements cut = new JsonArrayElements(new ByteArrayInputStream(document), limit);
        assertEquals("{\"a\":1}", text(cut.next()));
        RecordBytes tooLong = cut.next();
        assertTrue(tooLong.tooLong());
        assertEquals(big.length(), tooLong.length());
        assertEquals(1, tooLong.index());
        assertEquals(Quarantine.KEPT_PREFIX, tooLong.size());
        assertTrue(big.startsWith(text(tooLong)), "the kept bytes are the element's first");
        RecordBytes after = cut.next();
        assertEquals("{\"b\":2}", text(after));
        assertEquals(2, after.line());
        assertEquals(2, after.index());
        assertNull(cut.next());
        assertNull(cut.broken());
    }

    @Test
    void scalarsEmptyArraysAndValuesAfterTheArrayAreReturnedAsTheyAre() throws IOException {
        byte[] document = "[] [ 1 , \"a,]\" , true,null,[2,[3]] ]\n{\"after\": [1]} 7".getBytes(StandardCharsets.UTF_8);
        JsonArrayElements cut = new JsonArrayElements(new ByteArrayInputStream(document), 1000);
        List<String> values = new ArrayList<>();
        RecordBytes record;
        while ((record = cut.next()) != null) {
            values.add(record.index() + "=" + text(record));
        }
        assertEquals(List.of("0=1", "1=\"a,]\"", "2=true", "3=null", "4=[2,[3]]", "-1={\"after\": [1]}", "-1=7"), values);
        assertNull(cut.broken());
    }

    /** A raw line break inside a string is not JSON (the element's parser says so), but it still counts as a line. */
    @Test
    void lineBreaksInsideStringsCountForTheLinesOfLaterElements() throws IOException {
        byte[] document = "[{\"a\": \"one\ntwo\nthree\"},\n{\"b\": 1}]".getBytes(StandardCharsets.UTF_8);
        JsonArrayElements cut = new JsonArrayElements(new ByteArrayInputStream(document), 1000);
        assertEquals(1, cut.next().line());
        assertEquals(4, cut.next().line());
        assertNull(cut.next());
    }

    private static String text(RecordBytes record) {
        return new String(record.bytes(), 0, record.size(), StandardCharsets.UTF_8);
    }

    /** What Jackson reads from the document: each top-level array's elements, and any other top-level value. */
    private static List<Expected> jacksonElements(byte[] document) throws IOException {
        List<Expected> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(document)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        long line = parser.currentTokenLocation().getLineNr();
                        values.add(new Expected(line, index++, parser.readValueAsTree()));
                    }
                } else {
                    long line = parser.currentTokenLocation().getLineNr();
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    JsonNode tree = parser.readValueAsTree();
                    int to = (int) parser.currentLocation().getByteOffset();
                    if (tree.isObject() && tree.fieldNames().hasNext() && tree.fieldNames().next().equals("records")
                            && tree.get("records").isArray()) {
                        // An Event Hub message: its records, each at its own line.
                        try (JsonParser message = JSON.createParser(document, from, to - from)) {
                            message.nextToken();
                            message.nextToken();
                            message.nextToken();
                            int index = 0;
                            while (message.nextToken() != JsonToken.END_ARRAY) {
                                long at = line + message.currentTokenLocation().getLineNr() - 1;
                                values.add(new Expected(at, index++, message.readValueAsTree()));
                            }
                        }
                    } else {
                        values.add(new Expected(line, -1, tree));
                    }
                }
            }
        }
        return values;
    }

    /** Random top-level arrays of random values, some large, with white space and new lines anywhere allowed. */
    private static byte[] document(Random random) {
        StringBuilder out = new StringBuilder();
        int arrays = 1 + random.nextInt(3);
        for (int a = 0; a < arrays; a++) {
            space(out, random);
            out.append('[');
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    space(out, random);
                    out.append(',');
                }
                space(out, random);
                value(out, random, 0);
            }
            space(out, random);
            out.append(']');
        }
        if (random.nextInt(4) == 0) {
            space(out, random);
            value(out, random, 0);
        }
        if (random.nextInt(3) == 0) {
            // An Event Hub message: its records first, then maybe other members.
            space(out, random);
            out.append('{');
            space(out, random);
            out.append("\"records\"");
            space(out, random);
            out.append(':');
            space(out, random);
            out.append('[');
            int n = random.nextInt(20);
            for (int i = 0; i < n; i++) {
                out.append(i > 0 ? "," : "");
                space(out, random);
                value(out, random, 1);
            }
            out.append(']');
            for (int m = random.nextInt(3); m > 0; m--) {
                out.append(',');
                space(out, random);
                string(out, random);
                out.append(':');
                value(out, random, 1);
            }
            space(out, random);
            out.append('}');
        }
        space(out, random);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder out, Random random, int depth) {
        int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    space(out, random);
                    string(out, random);
                    space(out, random);
                    out.append(':');
                    space(out, random);
                    value(out, random, depth + 1);
                }
                space(out, random);
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    space(out, random);
                    value(out, random, depth + 1);
                }
                space(out, random);
                out.append(']');
            }
            case 2, 3 -> string(out, random);
            case 4 -> out.append(random.nextInt(3) == 0 ? "-12.5e3" : Integer.toString(random.nextInt(100_000)));
            default -> out.append(List.of("true", "false", "null").get(random.nextInt(3)));
        }
    }

    /** A string of pieces that could fool a bracket counter: brackets, commas, escaped quotes and backslashes. */
    private static void string(StringBuilder out, Random random) {
        String[] pieces = {"a", "]", "}", "[", "{", ",", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "😀", " ", "\\/"};
        out.append('"');
        int n = random.nextInt(50) == 0 ? 30_000 : random.nextInt(12);
        for (int i = 0; i < n; i++) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        out.append('"');
    }

    private static void space(StringBuilder out, Random random) {
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(List.of(" ", "\n", "\t", "\r\n").get(random.nextInt(4)));
        }
    }

    /** The document read a few bytes at a time. */
    private static InputStream trickle(byte[] document, Random random) {
        return new ByteArrayInputStream(document) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }
}
