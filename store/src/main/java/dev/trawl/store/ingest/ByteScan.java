package dev.trawl.store.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches over a record's bytes eight at a time (a long read from the array, and word arithmetic that marks
 * the bytes looked for). Every record passes through them before it is parsed: the line split, the UTF-8 check
 * and the look for PowerShell's "@{", so a byte-at-a-time loop here was a tenth of an ingest's time.
 */
final class ByteScan {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** A word whose high bit is set in exactly the bytes of {@code word} that equal the byte {@code ONES * b} spreads. */
    private static long equalBytes(long word, long spread) {
        long x = word ^ spread;
        // x has a zero byte exactly where word had the byte. (x - ONES) & ~x sets the high bit of each zero byte,
        // and may set it in a byte above a zero one, which only matters past the first match: callers take that.
        return (x - ONES) & ~x & HIGHS;
    }

    /** The index of the first {@code b} in {@code bytes[from, to)}, or {@code to}. */
    static int indexOf(byte[] bytes, int from, int to, byte b) {
        long spread = ONES * (b & 0xFF);
        int i = from;
        while (i + 8 <= to) {
            long marks = equalBytes((long) WORDS.get(bytes, i), spread);
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
            i += 8;
        }
        while (i < to && bytes[i] != b) {
            i++;
        }
        return i;
    }

    /** The index of the first byte of {@code bytes[from, to)} that is {@code a}, {@code b} or {@code c}, or {@code to}. */
    static int indexOfAny(byte[] bytes, int from, int to, byte a, byte b, byte c) {
        long spreadA = ONES * (a & 0xFF);
        long spreadB = ONES * (b & 0xFF);
        long spreadC = ONES * (c & 0xFF);
        int i = from;
        while (i + 8 <= to) {
            long word = (long) WORDS.get(bytes, i);
            // Each mask is exact up to its own first match, so the lowest mark of the three is a real match.
            long marks = equalBytes(word, spreadA) | equalBytes(word, spreadB) | equalBytes(word, spreadC);
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
            i += 8;
        }
        while (i < to && bytes[i] != a && bytes[i] != b && bytes[i] != c) {
            i++;
        }
        return i;
    }

    /**
     * A hash of {@code bytes[from, to)} for tables of texts, eight bytes a step: a multiply and a rotate mix each
     * word in, rather than one multiply-add a byte.
     */
    static int hash(byte[] bytes, int from, int to) {
        long h = to - from;
        int i = from;
        while (i + 8 <= to) {
            h = Long.rotateLeft((h ^ (long) WORDS.get(bytes, i)) * 0x9E3779B97F4A7C15L, 29);
            i += 8;
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h = (h ^ tail) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Whether every byte of {@code bytes[from, to)} is ASCII. */
    static boolean isAscii(byte[] bytes, int from, int to) {
        int i = from;
        long any = 0;
        while (i + 8 <= to) {
            any |= (long) WORDS.get(bytes, i);
            i += 8;
        }
        if ((any & HIGHS) != 0) {
            return false;
        }
        while (i < to) {
            if (bytes[i++] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code bytes[from, to)} holds {@code a} directly followed by {@code b}. */
    static boolean containsPair(byte[] bytes, int from, int to, byte a, byte b) {
        for (int i = indexOf(bytes, from, to, a); i + 1 < to; i = indexOf(bytes, i + 1, to, a)) {
            if (bytes[i + 1] == b) {
                return true;
            }
        }
        return false;
    }
}
