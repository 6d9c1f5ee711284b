package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Splitting a byte stream into lines: owned lines against reused ones. */
class ByteLinesTest {
    private static List<String> lines(byte[] input, int limit, boolean owned) throws IOException {
        ByteLines lines = new ByteLines(new ByteArrayInputStream(input), limit);
        List<String> out = new ArrayList<>();
        RecordBytes line;
        while ((line = owned ? lines.nextOwned() : lines.next()) != null) {
            out.add(line.line() + ":" + line.tooLong() + ":" + line.length() + ":"
                    + new String(line.bytes(), 0, line.size(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void ownedLinesAreTheLinesTheReaderGivesWithArraysOfTheirOwn() throws IOException {
        StringBuilder text = new StringBuilder();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3_000; i++) {
            int length = random.nextInt(10) == 0 ? 70_000 + random.nextInt(10_000) : random.nextInt(300);
            text.append("x".repeat(length)).append(random.nextBoolean() ? "\r\n" : "\n");
        }
        text.append("last line without a newline");
        byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
        List<String> reused = lines(input, 75_000, false);
        List<String> owned = lines(input, 75_000, true);
        assertEquals(reused, owned);
        assertTrue(owned.stream().anyMatch(l -> l.contains(":true:")), "some lines are over the limit");
        assertTrue(owned.stream().anyMatch(l -> l.contains(":false:7")), "some lines span read buffers");

        ByteLines lines = new ByteLines(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), 100);
        RecordBytes first = lines.nextOwned();
        RecordBytes second = lines.nextOwned();
        assertFalse(first.bytes() == second.bytes(), "each owned line has its own array");
        assertEquals("a", new String(first.bytes(), 0, first.size(), StandardCharsets.UTF_8));
        assertNull(lines.nextOwned());
    }
}
