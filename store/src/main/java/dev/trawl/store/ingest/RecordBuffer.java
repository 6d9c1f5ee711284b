package dev.trawl.store.ingest;

import java.util.Arrays;

/**
 * The bytes of one record read across several read buffers: its whole length is counted, but at most
 * {@code limit + 1} of its bytes are kept, so a record over the limit never takes more memory than that (its
 * quarantine entry keeps its first bytes and its length).
 */
final class RecordBuffer {
    private final int limit;
    private byte[] bytes = new byte[1 << 12];
    private int size;
    private long length;

    RecordBuffer(int limit) {
        this.limit = limit;
    }

    void clear() {
        size = 0;
        length = 0;
    }

    /** Adds {@code from[start, end)} to the record. */
    void append(byte[] from, int start, int end) {
        int n = end - start;
        length += n;
        int room = (int) Math.min(n, Math.max(0, (long) limit + 1 - size));
        if (room > 0) {
            if (size + room > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + room));
            }
            System.arraycopy(from, start, bytes, size, room);
            size += room;
        }
    }

    /** Drops the last byte (a line's {@code \r}); only for a record within the limit, whose bytes are all kept. */
    void dropLast() {
        size--;
        length--;
    }

    boolean tooLong() {
        return length > limit;
    }

    /** The kept bytes, in an array the next record reuses. */
    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    long length() {
        return length;
    }

    /** The record as the caller keeps it: an array of its own, or its first bytes when it is too long. */
    RecordBytes owned(long line, int index) {
        if (tooLong()) {
            int kept = Math.min(size, Quarantine.KEPT_PREFIX);
            return new RecordBytes(line, index, Arrays.copyOf(bytes, kept), kept, true, length);
        }
        return new RecordBytes(line, index, Arrays.copyOf(bytes, size), size, false, length);
    }
}
