package dev.trawl.store.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a file of JSON documents into records, each as bytes of its own, without decoding them: a top-level
 * array (a Management Activity API content blob is one array of UAL records) into its elements, an Event Hub
 * message (an object whose first member is its "records" array) into its records, any other top-level value
 * whole. The parser threads then check and parse
 * the records on every core, as they do lines, and a bad one is quarantined on its own while its neighbours
 * are stored.
 *
 * <p>Only the structure that says where an element ends is read here: strings (with their escapes, so that a
 * bracket or a comma in a string is text) and brackets, matched by kind. Everything else in an element (a bad
 * literal, a missing colon, a bad escape, invalid UTF-8) is for the element's parser to find. A fault in the
 * structure itself (a missing comma between elements, a bracket that closes the other kind, the file ending
 * inside a value) leaves no sure place to start again: it is reported once, by {@link #broken()}, and the rest
 * of the file is not read, as a JSON parser would do.
 *
 * <p>A top-level value that is not an array is returned with index -1. A record longer than the limit is skipped to its end with only its first bytes kept, as a long line is.
 */
final class JsonArrayElements {
    /** Containers nested deeper than this are a fault: the same bound as the element parser's. */
    static final int MAX_DEPTH = 1000;

    /**
     * Why the rest of the file could not be read: where, the element (or null), what was found, and the text
     * from the fault on (up to {@link #CONTEXT} bytes, null at the end of the file), for the quarantine entry.
     */
    record Broken(long line, Integer index, String problem, String text) {
    }

    static final int CONTEXT = 200;

    private enum Place { TOP, FIRST_ELEMENT, ELEMENT, AFTER_ELEMENT, AFTER_RECORDS, MESSAGE_MEMBER, DONE }

    /** How far ahead the start of an Event Hub message ({"records": [) is looked for. */
    private static final int LOOKAHEAD = 256;
    private static final byte[] RECORDS = "\"records\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final InputStream in;
    private final int limit;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkSize;
    private int chunkAt;
    private long line = 1;
    private Place place = Place.TOP;
    private int index;
    /** Whether the array being cut is an Event Hub message's records (its object closes after it). */
    private boolean inMessage;
    private Broken broken;
    private final byte[] open = new byte[MAX_DEPTH];
    /** The current element's bytes when it spans read buffers. */
    private final RecordBuffer spanning;

    JsonArrayElements(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
        this.spanning = new RecordBuffer(limit);
    }

    /** The structural fault that ended the file early, once {@link #next} has returned null; else null. */
    Broken broken() {
        return broken;
    }

    /** The next element (or top-level value), in an array of its own; null at the end of the file or at a fault. */
    RecordBytes next() throws IOException {
        while (true) {
            int c = place == Place.DONE ? -1 : afterWhitespace();
            switch (place) {
                case DONE -> {
                    return null;
                }
                case TOP -> {
                    if (c < 0) {
                        place = Place.DONE;
                        return null;
                    }
                    if (c == '[' || (c == '{' && messageStart())) {
                        inMessage = c == '{';
                        if (c == '[') {
                            chunkAt++;
                        }
                        place = Place.FIRST_ELEMENT;
                        index = 0;
                        continue;
                    }
                    return value(-1);
                }
                case FIRST_ELEMENT, ELEMENT -> {
                    if (c < 0) {
                        return fail(null, "the file ends inside an array (no closing ']')");
                    }
                    if (c == ']' && place == Place.FIRST_ELEMENT) {
                        chunkAt++;
                        place = inMessage ? Place.AFTER_RECORDS : Place.TOP;
                        continue;
                    }
                    if (c == ']' || c == ',') {
                        return fail(index, "'" + (char) c + "' where array element " + index + " should begin");
                    }
                    RecordBytes element = value(index);
                    if (element != null) {
                        index++;
                        place = Place.AFTER_ELEMENT;
                    }
                    return element;
                }
                case AFTER_ELEMENT -> {
                    if (c == ',') {
                        chunkAt++;
                        place = Place.ELEMENT;
                    } else if (c == ']') {
                        chunkAt++;
                        place = inMessage ? Place.AFTER_RECORDS : Place.TOP;
                    } else if (c < 0) {
                        return fail(null, "the file ends inside an array (no closing ']')");
                    } else {
                        return fail(index, "expected ',' or ']' after array element " + (index - 1) + ", found "
                                + shown(c));
                    }
                }
                case AFTER_RECORDS -> {
                    if (c == '}') {
                        chunkAt++;
                        place = Place.TOP;
                    } else if (c == ',') {
                        chunkAt++;
                        place = Place.MESSAGE_MEMBER;
                    } else {
                        return fail(null, c < 0 ? "the file ends inside an Event Hub message (no closing '}')"
                                : "expected ',' or '}' after an Event Hub message's records, found " + shown(c));
                    }
                }
                case MESSAGE_MEMBER -> {
                    // Another member of the message, which is not read (the general path ignores it too). A
                    // second list of records cannot be: the first one's records are already out.
                    if (c != '"') {
                        return fail(null, c < 0 ? "the file ends inside an Event Hub message (no closing '}')"
                                : "expected a member name in an Event Hub message, found " + shown(c));
                    }
                    RecordBytes name = value(-1);
                    if (name == null) {
                        return null;
                    }
                    if (Arrays.equals(name.bytes(), 0, name.size(), RECORDS, 0, RECORDS.length)) {
                        return fail(null, "an Event Hub message with a second \"records\" member");
                    }
                    if (afterWhitespace() != ':') {
                        return fail(null, "expected ':' after a member name in an Event Hub message");
                    }
                    chunkAt++;
                    if (afterWhitespace() < 0 || value(-1) == null) {
                        return broken == null ? fail(null, "the file ends inside an Event Hub message") : null;
                    }
                    place = Place.AFTER_RECORDS;
                }
            }
        }
    }

    /**
     * At a top-level '{': whether the object opens with its "records" array (an Event Hub message), looked for
     * within the next {@link #LOOKAHEAD} bytes; if so, moves past the array's '[' (so its elements are cut
     * like a content blob's, each a record of its own). Between top-level values, so the read buffer may be
     * compacted to look ahead.
     */
    private boolean messageStart() throws IOException {
        if (chunkSize - chunkAt < LOOKAHEAD) {
            System.arraycopy(chunk, chunkAt, chunk, 0, chunkSize - chunkAt);
            chunkSize -= chunkAt;
            chunkAt = 0;
            int n;
            while (chunkSize < LOOKAHEAD && (n = in.read(chunk, chunkSize, chunk.length - chunkSize)) > 0) {
                chunkSize += n;
            }
        }
        int p = skipSpace(chunkAt + 1);
        if (p + RECORDS.length > chunkSize || !Arrays.equals(chunk, p, p + RECORDS.length, RECORDS, 0, RECORDS.length)) {
            return false;
        }
        p = skipSpace(p + RECORDS.length);
        if (p >= chunkSize || chunk[p] != ':') {
            return false;
        }
        p = skipSpace(p + 1);
        if (p >= chunkSize || chunk[p] != '[') {
            return false;
        }
        for (int i = chunkAt; i <= p; i++) {
            line += chunk[i] == '\n' ? 1 : 0;
        }
        chunkAt = p + 1;
        return true;
    }

    private int skipSpace(int p) {
        while (p < chunkSize && (chunk[p] == ' ' || chunk[p] == '\t' || chunk[p] == '\n' || chunk[p] == '\r')) {
            p++;
        }
        return p;
    }

    private RecordBytes fail(Integer at, String problem) {
        int shown = Math.min(chunkSize - chunkAt, CONTEXT);
        broken = new Broken(line, at, problem, shown <= 0 ? null
                : new String(chunk, chunkAt, shown, java.nio.charset.StandardCharsets.UTF_8));
        place = Place.DONE;
        return null;
    }

    private static String shown(int c) {
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    /** The next byte that is not JSON white space, not consumed; -1 at the end of the file. Counts lines. */
    private int afterWhitespace() throws IOException {
        while (true) {
            if (chunkAt == chunkSize && !fill()) {
                return -1;
            }
            byte c = chunk[chunkAt];
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return c;
            }
            chunkAt++;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(chunk);
        chunkAt = 0;
        chunkSize = Math.max(n, 0);
        return n > 0;
    }

    /**
     * The value starting at {@code chunkAt}: an object or array to its matching bracket, a string to its closing
     * quote, anything else (a number, a literal, junk) to the next delimiter. Null at a fault.
     */
    private RecordBytes value(int at) throws IOException {
        long startLine = line;
        spanning.clear();
        boolean spans = false;
        int from = chunkAt;
        int p = chunkAt;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean scalar = chunk[p] != '{' && chunk[p] != '[' && chunk[p] != '"';
        scan:
        while (true) {
            if (p == chunkSize) {
                spanning.append(chunk, from, p);
                spans = true;
                if (!fill()) {
                    if (scalar) {
                        from = 0;
                        p = 0;
                        break;
                    }
                    line = startLine;
                    return fail(at < 0 ? null : at, "the file ends inside this value (a string, object or array "
                            + "that is not closed)");
                }
                from = 0;
                p = 0;
            }
            if (inString && !escaped) {
                // Most of a record is string content: jump to the next byte that matters in a string.
                p = ByteScan.indexOfAny(chunk, p, chunkSize, (byte) '"', (byte) '\\', (byte) '\n');
                if (p == chunkSize) {
                    continue;
                }
            }
            byte c = chunk[p];
            if (scalar) {
                if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{' || c == '"' || c == ' ' || c == '\t'
                        || c == '\n' || c == '\r') {
                    break;
                }
                p++;
                continue;
            }
            p++;
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        break;
                    }
                } else if (c == '\n') {
                    line++;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (depth == MAX_DEPTH) {
                        return fail(at < 0 ? null : at, "nested more than " + MAX_DEPTH + " deep");
                    }
                    open[depth++] = c;
                }
                case '}', ']' -> {
                    byte expected = c == '}' ? (byte) '{' : (byte) '[';
                    if (open[--depth] != expected) {
                        return fail(at < 0 ? null : at, "'" + (char) c + "' closes a '" + (char) open[depth] + "'");
                    }
                    if (depth == 0) {
                        break scan;
                    }
                }
                case '\n' -> line++;
                default -> {
                    // any other byte belongs to the value; the element's parser checks it
                }
            }
        }
        chunkAt = p;
        if (!spans && p - from <= limit) {
            // The whole value lies in the read buffer, as nearly every record does: one copy.
            return new RecordBytes(startLine, at, Arrays.copyOfRange(chunk, from, p), p - from, false, p - from);
        }
        spanning.append(chunk, from, p);
        return spanning.owned(startLine, at);
    }
}
