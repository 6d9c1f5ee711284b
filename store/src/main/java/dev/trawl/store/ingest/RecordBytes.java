package dev.trawl.store.ingest;

/**
 * One record's bytes as a file holds them, not yet decoded: a line (of JSON lines or CSV) or an element of a
 * top-level JSON array. {@code line} is where it starts (1-based), {@code index} its position in its array or -1
 * for a line; {@code bytes[0, size)} are its bytes, only the first ones when it is {@code tooLong}, and
 * {@code length} its full length.
 */
record RecordBytes(long line, int index, byte[] bytes, int size, boolean tooLong, long length) {
    /** The array index as quarantine entries give it: null for a record that is not an array element. */
    Integer arrayIndex() {
        return index < 0 ? null : index;
    }

    boolean isBlank() {
        return !tooLong && blank(bytes, 0, size);
    }

    /** Whether {@code bytes[from, to)} is white space only. */
    static boolean blank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }
}
