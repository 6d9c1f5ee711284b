package dev.trawl.engine.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.kql.syntax.LiteralValues;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Datetime text, written digit by digit, against java.time's formatter, and read back; JSON string quoting. */
class ValueFormatTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'");

    private static String reference(long ticks) {
        long seconds = Math.floorDiv(ticks, LiteralValues.TICKS_PER_SECOND) - LiteralValues.EPOCH_OFFSET_SECONDS;
        long fraction = Math.floorMod(ticks, LiteralValues.TICKS_PER_SECOND);
        return LocalDateTime.ofEpochSecond(seconds, (int) fraction * 100, ZoneOffset.UTC).format(ISO);
    }

    @Test
    void datetimesAreWrittenAsKustoWritesThemAndReadBack() {
        long last = 3_155_378_975_999_999_999L; // 9999-12-31T23:59:59.9999999
        long[] edges = {0, 1, LiteralValues.TICKS_PER_DAY * 59, last,
            (1_709_164_800L + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND}; // 2024-02-29
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long ticks = i < edges.length ? edges[i] : random.nextLong(last + 1);
            String text = ValueFormat.datetime(ticks);
            assertEquals(reference(ticks), text);
            assertEquals(ticks, LiteralValues.datetimeTicks(text), text);
        }
        assertEquals("0001-01-01T00:00:00.0000000Z", ValueFormat.datetime(0));
        assertEquals("9999-12-31T23:59:59.9999999Z", ValueFormat.datetime(last));
    }

    /** JSON strings: escapes where they are needed, and the rest of the text as it is, parsed back by a JSON parser. */
    @Test
    void stringsAreQuotedWithEscapesThatReadBack() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals("\"say \\\"hi\\\"\\n\\ttab \\\\ \\u0001é\"", ValueFormat.json("say \"hi\"\n\ttab \\ \u0001é"));
        SplittableRandom random = new SplittableRandom(5);
        String[] pieces = {"a", "plain text ", "\"", "\\", "\n", "\r", "\t", "\u0000", "\u001f", "é", "😀", "/"};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(10);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String quoted = ValueFormat.json(text.toString());
            assertEquals(text.toString(), json.readTree(quoted).textValue(), quoted);
            for (char c : quoted.toCharArray()) {
                assertEquals(true, c >= 0x20, "no raw control character in " + quoted);
            }
        }
    }
}
