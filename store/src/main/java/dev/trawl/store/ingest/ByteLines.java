package dev.trawl.store.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (a {@code \r} before it is dropped) without decoding, so an
 * invalid byte is reported for its own line, and a line longer than the limit is skipped to its end while
 * only its first bytes are kept — one huge line never takes more memory than the limit.
 */
final class ByteLines {
    private final InputStream in;
    private final int limit;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkSize;
    private int chunkAt;
    private byte[] line = new byte[1 << 12];
    private long number;
    private boolean ended;

    ByteLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /**
     * The next line in an array of its own, which the caller may keep (the parser threads do): copied once,
     * straight from the read buffer when the line lies within it, as nearly every line does.
     */
    RecordBytes nextOwned() throws IOException {
        if (!ended && chunkAt < chunkSize) {
            int end = newline(chunk, chunkAt, chunkSize);
            if (end < chunkSize && end - chunkAt <= limit) {
                int size = end > chunkAt && chunk[end - 1] == '\r' ? end - chunkAt - 1 : end - chunkAt;
                byte[] own = Arrays.copyOfRange(chunk, chunkAt, chunkAt + size);
                chunkAt = end + 1;
                number++;
                return new RecordBytes(number, -1, own, size, false, size);
            }
        }
        RecordBytes line = next();
        return line == null || line.tooLong() ? line
                : new RecordBytes(line.line(), -1, Arrays.copyOf(line.bytes(), line.size()), line.size(), false, line.length());
    }

    /** The index of the first {@code \n} in {@code bytes[from, to)}, or {@code to}. */
    static int newline(byte[] bytes, int from, int to) {
        return ByteScan.indexOf(bytes, from, to, (byte) '\n');
    }

    /** The next line, in a buffer the next call reuses; null at the end. */
    RecordBytes next() throws IOException {
        if (ended) {
            return null;
        }
        int size = 0;
        long length = 0;
        boolean sawAny = false;
        while (true) {
            if (chunkAt == chunkSize) {
                chunkSize = in.read(chunk);
                chunkAt = 0;
                if (chunkSize <= 0) {
                    chunkSize = 0;
                    ended = true;
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            int start = chunkAt;
            int end = newline(chunk, start, chunkSize);
            int n = end - start;
            length += n;
            int keep = (int) Math.min(n, Math.max(0, (long) limit + 1 - size));
            if (keep > 0) {
                if (size + keep > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, size + keep));
                }
                System.arraycopy(chunk, start, line, size, keep);
                size += keep;
            }
            chunkAt = end;
            if (end < chunkSize) {
                chunkAt++;
                break;
            }
        }
        number++;
        if (size > 0 && line[size - 1] == '\r' && length <= limit) {
            size--;
            length--;
        }
        boolean tooLong = length > limit;
        byte[] bytes = line;
        if (tooLong) {
            size = Math.min(size, Quarantine.KEPT_PREFIX);
        }
        return new RecordBytes(number, -1, bytes, size, tooLong, length);
    }
}
