package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time searches against byte-at-a-time loops, over random arrays and ranges. */
class ByteScanTest {
    private static final byte[] TARGETS = {'\n', '@', '{', (byte) 0x80, 0};

    @Test
    void eachSearchAnswersAsAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(42);
        int found = 0;
        int nonAscii = 0;
        int pairs = 0;
        for (int round = 0; round < 20_000; round++) {
            byte target = TARGETS[random.nextInt(TARGETS.length)];
            byte[] bytes = new byte[1 + random.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                // Bytes one bit away from the target, and high bytes, are where a word trick could slip.
                int pick = random.nextInt(12);
                bytes[i] = (byte) (pick == 0 ? target : pick < 4 ? target ^ (1 << random.nextInt(8))
                        : pick < 6 ? '{' : pick < 8 ? random.nextInt(128) : random.nextInt(256));
            }
            int from = random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);

            int first = from;
            while (first < to && bytes[first] != target) {
                first++;
            }
            assertEquals(first, ByteScan.indexOf(bytes, from, to, target));
            found += first < to ? 1 : 0;

            byte other = TARGETS[random.nextInt(TARGETS.length)];
            int any = from;
            while (any < to && bytes[any] != target && bytes[any] != other && bytes[any] != '{') {
                any++;
            }
            assertEquals(any, ByteScan.indexOfAny(bytes, from, to, target, other, (byte) '{'));
            assertEquals(any, ByteScan.indexOfAny(bytes, from, to, (byte) '{', target, other));

            boolean ascii = true;
            for (int i = from; i < to; i++) {
                ascii &= bytes[i] >= 0;
            }
            assertEquals(ascii, ByteScan.isAscii(bytes, from, to));
            nonAscii += ascii ? 0 : 1;

            boolean pair = false;
            for (int i = from; i + 1 < to; i++) {
                pair |= bytes[i] == target && bytes[i + 1] == '{';
            }
            assertEquals(pair, ByteScan.containsPair(bytes, from, to, target, (byte) '{'));
            pairs += pair ? 1 : 0;
        }
        // Each answer came out both ways often enough to mean something.
        assertEquals(true, found > 5_000 && found < 15_000, found + " found");
        assertEquals(true, nonAscii > 5_000 && nonAscii < 19_000, nonAscii + " not ASCII");
        assertEquals(true, pairs > 2_000 && pairs < 18_000, pairs + " pairs");
    }

    /** The text hash depends on the bytes of the range only, and tells apart texts that differ in one byte. */
    @Test
    void theHashIsOfTheRangesBytesAlone() {
        SplittableRandom random = new SplittableRandom(7);
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (int round = 0; round < 10_000; round++) {
            byte[] text = new byte[random.nextInt(40)];
            random.nextBytes(text);
            byte[] framed = new byte[text.length + 16];
            random.nextBytes(framed);
            int at = random.nextInt(9);
            System.arraycopy(text, 0, framed, at, text.length);
            int h = ByteScan.hash(text, 0, text.length);
            assertEquals(h, ByteScan.hash(framed, at, at + text.length), "the same bytes elsewhere in an array");
            hashes.add(h);
            texts.add(java.util.HexFormat.of().formatHex(text));
            if (text.length > 0) {
                byte[] changed = text.clone();
                changed[random.nextInt(changed.length)] ^= (byte) (1 << random.nextInt(8));
                assertEquals(true, h != ByteScan.hash(changed, 0, changed.length), "one bit changed");
            }
        }
        // Short random texts repeat (there is one empty text); distinct ones should nearly all hash apart.
        assertEquals(true, hashes.size() > texts.size() - 5, hashes.size() + " hashes of " + texts.size() + " distinct texts");
    }
}
