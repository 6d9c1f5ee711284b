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
    private final RecordBuffer line;
    private long number;
    private boolean ended;

    ByteLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
        this.line = new RecordBuffer(limit);
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
        line.clear();
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
            line.append(chunk, start, end);
            chunkAt = end;
            if (end < chunkSize) {
                chunkAt++;
                break;
            }
        }
        number++;
        if (line.size() > 0 && line.bytes()[line.size() - 1] == '\r' && !line.tooLong()) {
            line.dropLast();
        }
        boolean tooLong = line.tooLong();
        int size = tooLong ? Math.min(line.size(), Quarantine.KEPT_PREFIX) : line.size();
        return new RecordBytes(number, -1, line.bytes(), size, tooLong, line.length());
    }
}
