package dev.trawl.store.ingest;

import dev.trawl.kql.types.ScalarType;
import dev.trawl.store.IdentitySet;
import dev.trawl.store.parquet.ParquetTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes the common JSON line of a Defender Streaming API export — {@code {..., "category":
 * "AdvancedHunting-<Table>", "properties": {<the row>}}} — straight into the values its row is stored with,
 * in one pass over the bytes that checks the JSON and keeps only spans: no tree, no field map, no text
 * decoded that is stored as it is. An Event Hub message on one line ({@code {"records": [<record>, ...]}}) is
 * decoded record by record into its rows.
 *
 * <p>It is a shortcut, not a second definition. The general path ({@link RawTree} and {@link RowConverter}, via
 * {@link Ingest}) stays the one place that says what a record means; this decoder accepts a line only when it
 * is sure to give exactly what the general path gives, and declines (returns null) everything else, which
 * then takes the general path: a syntax error, a value needing a rule it doesn't apply (numeric text, a string
 * in a dynamic column, a fraction, an offset datetime...), a field the table lacks with a value, a repeated
 * column, an escape in a name, PowerShell's {@code @{...}} text, a table not known yet. Declining is always
 * safe; accepting is held to the general path's result by {@code StreamingLineDecoderTest}.
 *
 * <p>It is at least as strict as the general path's JSON parser: RFC 8259 only (no comments, no leading
 * zeros, no control characters in strings, white space of space, tab, CR and LF), nesting to a depth of
 * {@link #MAX_DEPTH}. The line's UTF-8 is the caller's to check, when {@link #sawNonAscii} says it must.
 */
final class StreamingLineDecoder {
    /** Deeper lines are left to the general path (which allows 1000); audit records nest about 6 deep. */
    static final int MAX_DEPTH = 64;
    /** Longer numbers are left to the general path (whose parser has its own limit on number length). */
    private static final int MAX_NUMBER_LENGTH = 100;
    /** Longer names are left to the general path (whose parser has its own limit on name length). */
    private static final int MAX_NAME_LENGTH = 1000;
    private static final byte[] CATEGORY = ascii("category");
    private static final byte[] TIME = ascii("time");
    private static final byte[] TENANT_ID = ascii("tenantId");
    private static final byte[] PROPERTIES = ascii("properties");
    private static final byte[] RECORDS = ascii("records");
    private static final byte[] PREFIX = ascii("AdvancedHunting-");
    private static final byte[] NULL_JSON = ascii("null");
    private static final byte[] TRUE_JSON = ascii("true");
    private static final byte[] FALSE_JSON = ascii("false");
    private static final byte[] EMPTY = new byte[0];
    private static final Long ZERO = 0L;
    private static final Long ONE = 1L;

    /** Thrown to give up on a line; never escapes {@link #decode}, and carries no stack trace. */
    private static final class Decline extends RuntimeException {
        Decline() {
            super(null, null, false, false);
        }
    }

    private static final Decline DECLINE = new Decline();

    /** What a value turned out to be, from its first byte. */
    private enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    /** A decoded row: its layout, its values in the layout's physical columns, its identity hash. */
    record Row(TableLayout layout, Object[] values, long[] identity) {
    }

    private final Function<String, TableLayout> layouts;
    /** The layout the interned texts belong to, and per physical column the texts seen (see {@link #interned}). */
    private TableLayout internedFor;
    private Interner[] interners;
    /** The member names of the last row of {@link #internedFor}, and of each of its dynamic columns' bags. */
    private KeyOrder rowKeys;
    private KeyOrder[] bagKeys;
    private byte[] b;
    private int pos;
    private int end;
    /** The last string scanned: content {@code [textFrom, textTo)} and whether it holds an escape. */
    private int textFrom;
    private int textTo;
    private boolean textEscaped;
    /** The last number scanned: whether it is a plain integer (no fraction or exponent). */
    private boolean numberIsInteger;
    /** Whether a string of the line held a non-ASCII byte. */
    private boolean nonAscii;
    /** The RawEventData Id of the row being decoded: content span, or -1. */
    private int idFrom;
    private int idTo;

    /** {@code layouts} gives the layout a table's rows are decoded against, or null when the table is not known. */
    StreamingLineDecoder(Function<String, TableLayout> layouts) {
        this.layouts = layouts;
    }

    /**
     * The rows of {@code line[0, size)}: one for a Streaming API record, one per record, in order, for an Event
     * Hub message; or null to leave the line to the general path. A line holding
     * {@code @{} (PowerShell's stringified bag, which the general path repairs) is left to it. The line's UTF-8
     * is not checked here: when {@link #sawNonAscii} says the line had a non-ASCII byte, the caller checks it
     * before using the row. The values keep no reference to {@code line}.
     */
    Row[] decode(byte[] line, int size) {
        b = line;
        pos = 0;
        end = size;
        nonAscii = false;
        try {
            whitespace();
            Row[] rows = isMessage() ? message() : new Row[] {record()};
            whitespace();
            if (pos != end) {
                throw DECLINE;
            }
            return rows;
        } catch (Decline | ArrayIndexOutOfBoundsException e) {
            // An index out of bounds would be a line ending where this scanner did not look for its end: the
            // general path then reads it, so such a slip costs time, never a wrong row.
            return null;
        } finally {
            b = null;
        }
    }

    /** Whether the last line decoded held a byte outside ASCII (only strings may: anywhere else is a decline). */
    boolean sawNonAscii() {
        return nonAscii;
    }

    // ------------------------------------------------------------------ the record

    /** Whether the object at {@code pos} begins with a "records" member (an Event Hub message). */
    private boolean isMessage() {
        int p = pos;
        if (p >= end || b[p] != '{') {
            return false;
        }
        p++;
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r')) {
            p++;
        }
        return end - p > RECORDS.length + 2 && b[p] == '"' && b[p + 1 + RECORDS.length] == '"'
                && Arrays.equals(b, p + 1, p + 1 + RECORDS.length, RECORDS, 0, RECORDS.length);
    }

    /**
     * An Event Hub message whose only member is a non-empty {@code records} array of Streaming API records:
     * each record's row. Anything else (other members, an empty list, an element that is not such a record)
     * is the general path's, as a whole.
     */
    private Row[] message() {
        expect('{');
        whitespace();
        member();
        if (!is(textFrom, textTo, RECORDS) || peek() != '[' || !opened('[', ']')) {
            throw DECLINE;
        }
        List<Row> rows = new ArrayList<>();
        do {
            rows.add(record());
        } while (more(']'));
        whitespace();
        expect('}');
        return rows.toArray(new Row[0]);
    }

    /** The record (an object) at {@code pos}, as its row; {@code pos} ends just past it. */
    private Row record() {
        TableLayout layout = null;
        Row row = null;
        boolean sawCategory = false;
        if (!opened('{', '}')) {
            throw DECLINE;
        }
        boolean first = true;
        do {
            member();
            int keyFrom = textFrom;
            int keyTo = textTo;
            if (first && !is(keyFrom, keyTo, TIME) && !is(keyFrom, keyTo, TENANT_ID) && !is(keyFrom, keyTo, CATEGORY)) {
                // Defender writes time, tenantId, then category first. Any other first member (a UAL record's
                // CreationTime, a table row's first column) is another kind of record: declined at once rather
                // than after reading it all.
                throw DECLINE;
            }
            first = false;
            if (is(keyFrom, keyTo, RECORDS)) {
                throw DECLINE;
            } else if (is(keyFrom, keyTo, CATEGORY)) {
                if (sawCategory || kind(peek()) != Kind.STRING) {
                    throw DECLINE;
                }
                sawCategory = true;
                string();
                layout = layoutOf(textFrom, textTo);
            } else if (is(keyFrom, keyTo, PROPERTIES)) {
                // The category says the table, so it must come first (as Defender writes it).
                if (layout == null || row != null || peek() != '{') {
                    throw DECLINE;
                }
                row = properties(layout);
            } else {
                skipValue(1);
            }
        } while (more('}'));
        if (row == null) {
            throw DECLINE;
        }
        return row;
    }

    /** The layout of the table an AdvancedHunting-&lt;Table&gt; category names (a valid table name), else decline. */
    private TableLayout layoutOf(int from, int to) {
        if (textEscaped || to - from <= PREFIX.length || !Arrays.equals(b, from, from + PREFIX.length, PREFIX, 0, PREFIX.length)) {
            throw DECLINE;
        }
        int name = from + PREFIX.length;
        if (to - name > 128) {
            throw DECLINE;
        }
        for (int i = name; i < to; i++) {
            byte c = b[i];
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > name && c >= '0' && c <= '9')) {
                throw DECLINE;
            }
        }
        TableLayout layout = layouts.apply(new String(b, name, to - name, StandardCharsets.US_ASCII));
        if (layout == null) {
            throw DECLINE;
        }
        return layout;
    }

    /** The row: each field into its column by RowConverter's rules for the plain cases. */
    private Row properties(TableLayout layout) {
        if (internedFor != layout) {
            internedFor = layout;
            interners = new Interner[layout.physical.size()];
            rowKeys = new KeyOrder();
            bagKeys = new KeyOrder[layout.schema.size()];
        }
        int width = layout.schema.size();
        Object[] values = new Object[layout.physical.size()];
        boolean[] seen = new boolean[width];
        idFrom = -1;
        if (opened('{', '}')) {
            int position = 0;
            do {
                int column = member(rowKeys, position++, layout.columnNames());
                if (column < 0) {
                    // A field the table lacks: with a value it would become a new column, which is the general
                    // path's to do; an empty one is ignored there too.
                    Kind kind = skipValue(2);
                    if (!(kind == Kind.NULL || (kind == Kind.STRING && textFrom == textTo))) {
                        throw DECLINE;
                    }
                } else {
                    if (seen[column]) {
                        throw DECLINE;
                    }
                    seen[column] = true;
                    values[column] = value(layout, column, values);
                }
            } while (more('}'));
        }
        for (int c = 0; c < width; c++) {
            if (!seen[c] && layout.schema.field(c).type() == ScalarType.STRING) {
                values[c] = EMPTY;
            }
        }
        if (layout.timeColumn >= 0 && values[layout.timeColumn] == null) {
            throw DECLINE;
        }
        return new Row(layout, values, identity(layout, values));
    }

    /**
     * Ingest's identity rule for the cases it meets here: RawEventData's Id, else a CloudAppEvents ReportId;
     * a row that would be identified by its content hash is left to the general path.
     */
    private long[] identity(TableLayout layout, Object[] values) {
        int raw = layout.rawEventDataColumn;
        if (raw >= 0 && layout.schema.field(raw).type() != ScalarType.DYNAMIC) {
            // A RawEventData kept as text would be parsed for its Id by the general path.
            throw DECLINE;
        }
        if (idFrom >= 0) {
            return IdentitySet.hash(layout.table, "id:" + new String(b, idFrom, idTo - idFrom, StandardCharsets.UTF_8));
        }
        if (layout.table.equals("OfficeActivity")) {
            throw DECLINE;
        }
        int report = layout.reportIdColumn;
        if (layout.table.equals("CloudAppEvents") && report >= 0 && values[report] instanceof byte[] text && text.length > 0
                && layout.schema.field(report).type() == ScalarType.STRING) {
            return IdentitySet.hash(layout.table, "report:" + new String(text, StandardCharsets.UTF_8));
        }
        throw DECLINE;
    }

    /** One column's value (RowConverter.value), or decline for anything but the plain cases. */
    private Object value(TableLayout layout, int column, Object[] values) {
        ScalarType type = layout.schema.field(column).type();
        Kind kind = kind(peek());
        if (kind == Kind.NULL) {
            literal(NULL_JSON);
            return type == ScalarType.STRING ? EMPTY : null;
        }
        switch (type) {
            case STRING -> {
                if (kind != Kind.STRING) {
                    throw DECLINE;
                }
                string();
                return content(column);
            }
            case DYNAMIC -> {
                int from = pos;
                if (kind == Kind.OBJECT) {
                    if (layout.properties[column] != null) {
                        bag(layout, column, values, column == layout.rawEventDataColumn);
                    } else {
                        skipValue(2);
                    }
                } else if (kind == Kind.ARRAY) {
                    skipValue(2);
                } else {
                    // A string (maybe JSON in text, maybe a PowerShell bag), number or bool: the general path's.
                    throw DECLINE;
                }
                return Arrays.copyOfRange(b, from, pos);
            }
            default -> {
                break;
            }
        }
        if (kind == Kind.STRING) {
            string();
            if (textFrom == textTo) {
                // An empty cell of a typed column is a null value.
                return null;
            }
            if (type != ScalarType.DATETIME || textEscaped) {
                throw DECLINE;
            }
            Long ticks = IsoTimestamps.fast(b, textFrom, textTo);
            if (ticks == null || !ParquetTypes.datetimeFits(ticks)) {
                throw DECLINE;
            }
            return ticks;
        }
        switch (type) {
            case BOOL -> {
                if (kind == Kind.TRUE || kind == Kind.FALSE) {
                    literal(kind == Kind.TRUE ? TRUE_JSON : FALSE_JSON);
                    return kind == Kind.TRUE ? ONE : ZERO;
                }
                if (kind == Kind.NUMBER) {
                    int from = pos;
                    number();
                    if (pos - from == 1 && (b[from] == '0' || b[from] == '1')) {
                        return b[from] == '1' ? ONE : ZERO;
                    }
                }
                throw DECLINE;
            }
            case INT, LONG -> {
                if (kind != Kind.NUMBER) {
                    throw DECLINE;
                }
                int from = pos;
                number();
                if (!numberIsInteger || pos - from > 18 || (b[from] == '-' && b[from + 1] == '0')) {
                    throw DECLINE;
                }
                long value = Long.parseLong(new String(b, from, pos - from, StandardCharsets.US_ASCII));
                if (type == ScalarType.INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                    throw DECLINE;
                }
                return value;
            }
            default -> throw DECLINE;
        }
    }

    /**
     * A dynamic column's object, read member by member so that its shredded properties (stored as their JSON
     * text, as Ingest.withShredded does) and, for RawEventData, its Id (the record's identity) are taken on the
     * way. Only called for a column with shredded properties (RawEventData, when dynamic, always has them).
     */
    private void bag(TableLayout layout, int column, Object[] values, boolean rawEventData) {
        TableLayout.NameTable wanted = layout.properties[column];
        int shredded = layout.shreddedCount[column];
        int at = layout.shreddedAt[column];
        if (!opened('{', '}')) {
            return;
        }
        boolean sawId = false;
        KeyOrder keys = bagKeys[column];
        if (keys == null) {
            keys = bagKeys[column] = new KeyOrder();
        }
        int position = 0;
        do {
            int index = member(keys, position++, wanted);
            int property = index < shredded ? index : -1;
            boolean id = rawEventData && index == shredded;
            int from = pos;
            Kind kind = skipValue(3);
            if (property >= 0) {
                if (values[at + property] != null) {
                    throw DECLINE;
                }
                values[at + property] = propertyJson(kind, from, at + property);
            }
            if (id) {
                if (sawId) {
                    throw DECLINE;
                }
                sawId = true;
                if (kind == Kind.STRING && !textEscaped && textTo > textFrom) {
                    idFrom = textFrom;
                    idTo = textTo;
                } else if (!(kind == Kind.NULL || (kind == Kind.STRING && textTo == textFrom))) {
                    throw DECLINE;
                }
            }
        } while (more('}'));
    }

    /**
     * A shredded property's JSON text, as RowConverter writes it for what the tree holds: a container's own
     * bytes, a string re-quoted (equal to its bytes when it has no escape), an integer's digits, null, true, false.
     */
    private Object propertyJson(Kind kind, int from, int physical) {
        return switch (kind) {
            case OBJECT, ARRAY -> interned(physical, from, pos);
            case STRING -> {
                if (textEscaped) {
                    throw DECLINE;
                }
                yield interned(physical, from, pos);
            }
            case NUMBER -> {
                if (!numberIsInteger || pos - from > 18 || (b[from] == '-' && b[from + 1] == '0')) {
                    throw DECLINE;
                }
                yield interned(physical, from, pos);
            }
            case NULL -> NULL_JSON;
            case TRUE -> TRUE_JSON;
            case FALSE -> FALSE_JSON;
        };
    }

    /**
     * Bytes {@code [from, to)} of the line as a text value of a column: the same array as an equal value seen
     * before in that column, while the column has shown at most {@link Interner#LIMIT} distinct values. Most
     * audit columns repeat few values (ActionType, Application, UserAgent, a mailbox's UPN...), so a buffered row
     * holds references rather than copies, and Parquet's dictionary finds a repeated value by identity.
     */
    private byte[] interned(int physical, int from, int to) {
        Interner interner = interners[physical];
        if (interner == null) {
            interner = interners[physical] = new Interner();
        }
        return interner.intern(b, from, to);
    }

    /** Distinct byte strings of one column, up to a limit: open addressing on a hash of the bytes. */
    private static final class Interner {
        static final int LIMIT = 1024;
        private final byte[][] texts = new byte[LIMIT * 2][];
        private final int[] hashes = new int[LIMIT * 2];
        private int count;

        byte[] intern(byte[] line, int from, int to) {
            int h = ByteScan.hash(line, from, to);
            int mask = texts.length - 1;
            for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
                byte[] text = texts[slot];
                if (text == null) {
                    byte[] copy = Arrays.copyOfRange(line, from, to);
                    if (count < LIMIT) {
                        texts[slot] = copy;
                        hashes[slot] = h;
                        count++;
                    }
                    return copy;
                }
                if (hashes[slot] == h && Arrays.equals(text, 0, text.length, line, from, to)) {
                    return text;
                }
            }
        }
    }

    // ------------------------------------------------------------------ JSON

    /** Checks one value of any kind, starting at {@code pos}, and moves past it. */
    private Kind skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw DECLINE;
        }
        Kind kind = kind(peek());
        switch (kind) {
            case OBJECT -> {
                if (opened('{', '}')) {
                    do {
                        member();
                        skipValue(depth + 1);
                    } while (more('}'));
                }
            }
            case ARRAY -> {
                if (opened('[', ']')) {
                    do {
                        skipValue(depth + 1);
                    } while (more(']'));
                }
            }
            case STRING -> string();
            case NUMBER -> number();
            case TRUE -> literal(TRUE_JSON);
            case FALSE -> literal(FALSE_JSON);
            case NULL -> literal(NULL_JSON);
        }
        return kind;
    }

    private static Kind kind(int c) {
        return switch (c) {
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case '"' -> Kind.STRING;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
            default -> throw DECLINE;
        };
    }

    /** Opens an object or array at {@code pos}: false when it is empty (and then already closed). */
    private boolean opened(char open, char close) {
        expect(open);
        whitespace();
        if (peek() == close) {
            pos++;
            return false;
        }
        return true;
    }

    /** After a member or element: true past a comma (another follows), false past the closing bracket. */
    private boolean more(char close) {
        whitespace();
        byte c = next();
        if (c == close) {
            return false;
        }
        if (c != ',') {
            throw DECLINE;
        }
        whitespace();
        return true;
    }

    /**
     * The member names of one kind of object (a table's rows, one dynamic column's bags) at each position, as
     * the last such object had them, with the index each name has in its table. Exports write the fields of
     * every record in one order, so a member's name is nearly always the one at its position last time: one
     * comparison then stands for scanning the name, hashing it and looking it up.
     */
    private static final class KeyOrder {
        private static final int POSITIONS = 256;
        final byte[][] names = new byte[POSITIONS][];
        final int[] indexes = new int[POSITIONS];
    }

    /**
     * An object member (as {@link #member()} reads it) at {@code position} in its object, resolved against
     * {@code table}: the name's index there, or -1. Only names {@link #member()} would take unchanged are
     * remembered (ASCII, no escape), so the shortcut reads exactly what the long way would.
     */
    private int member(KeyOrder order, int position, TableLayout.NameTable table) {
        if (position < KeyOrder.POSITIONS) {
            byte[] name = order.names[position];
            int from = pos + 1;
            int to = name == null ? -1 : from + name.length;
            if (name != null && to < end && b[pos] == '"' && b[to] == '"'
                    && Arrays.equals(b, from, to, name, 0, name.length)) {
                textFrom = from;
                textTo = to;
                textEscaped = false;
                pos = to + 1;
                whitespace();
                expect(':');
                whitespace();
                return order.indexes[position];
            }
        }
        member();
        int index = table.indexOf(b, textFrom, textTo);
        if (position < KeyOrder.POSITIONS && ByteScan.isAscii(b, textFrom, textTo)) {
            order.names[position] = Arrays.copyOfRange(b, textFrom, textTo);
            order.indexes[position] = index;
        }
        return index;
    }

    /** An object member's name (its span in textFrom/textTo) and colon, leaving {@code pos} at its value. */
    private void member() {
        key();
        whitespace();
        expect(':');
        whitespace();
    }

    /**
     * An object's key: a string without escapes (an escaped name is left to the general path), and short (the
     * general path's parser limits the length of names).
     */
    private void key() {
        if (peek() != '"') {
            throw DECLINE;
        }
        string();
        if (textEscaped || textTo - textFrom > MAX_NAME_LENGTH) {
            throw DECLINE;
        }
    }

    /**
     * A string at {@code pos}: sets its content span and whether it holds escapes; checks every escape, notes a
     * non-ASCII byte, declines at {@code @{}. (Reading eight bytes at a time with word tricks was measured
     * slower: audit record strings are short.)
     */
    private void string() {
        // Locals rather than fields in the loop: the JIT keeps them in registers.
        byte[] buf = b;
        int last = end;
        int p = pos + 1;
        int from = p;
        boolean escaped = false;
        while (true) {
            while (p < last && buf[p] >= 0x20 && buf[p] != '"' && buf[p] != '\\' && buf[p] != '@') {
                p++;
            }
            if (p >= last) {
                throw DECLINE;
            }
            byte c = buf[p];
            if (c == '"') {
                break;
            }
            if (c < 0) {
                nonAscii = true;
                p++;
            } else if (c == '@') {
                if (p + 1 < last && buf[p + 1] == '{') {
                    throw DECLINE;
                }
                p++;
            } else if (c == '\\') {
                escaped = true;
                p++;
                if (p >= last) {
                    throw DECLINE;
                }
                switch (buf[p]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p++;
                    case 'u' -> {
                        if (p + 4 >= last) {
                            throw DECLINE;
                        }
                        for (int i = 1; i <= 4; i++) {
                            if (Character.digit(buf[p + i], 16) < 0) {
                                throw DECLINE;
                            }
                        }
                        p += 5;
                    }
                    default -> throw DECLINE;
                }
            } else {
                // A control character, which JSON strings may not hold raw.
                throw DECLINE;
            }
        }
        textFrom = from;
        textTo = p;
        textEscaped = escaped;
        pos = p + 1;
    }

    /**
     * The last string's content as UTF-8 bytes, escapes decoded. A {@code \\u} escape of a surrogate (half of
     * a character outside the basic plane, or a lone half) is left to the general path.
     */
    private byte[] content(int column) {
        if (!textEscaped) {
            return textFrom == textTo ? EMPTY : interned(column, textFrom, textTo);
        }
        byte[] out = new byte[(textTo - textFrom) * 3];
        int n = 0;
        for (int i = textFrom; i < textTo; i++) {
            byte c = b[i];
            if (c != '\\') {
                out[n++] = c;
                continue;
            }
            byte e = b[++i];
            switch (e) {
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'u' -> {
                    int code = Integer.parseInt(new String(b, i + 1, 4, StandardCharsets.US_ASCII), 16);
                    i += 4;
                    if (code >= 0xD800 && code <= 0xDFFF) {
                        throw DECLINE;
                    }
                    if (code < 0x80) {
                        out[n++] = (byte) code;
                    } else if (code < 0x800) {
                        out[n++] = (byte) (0xC0 | (code >> 6));
                        out[n++] = (byte) (0x80 | (code & 0x3F));
                    } else {
                        out[n++] = (byte) (0xE0 | (code >> 12));
                        out[n++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                        out[n++] = (byte) (0x80 | (code & 0x3F));
                    }
                }
                default -> out[n++] = e;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A number at {@code pos} by RFC 8259's grammar; sets whether it is a plain integer. */
    private void number() {
        int from = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digit(peek())) {
            while (digit(peek())) {
                pos++;
            }
        } else {
            throw DECLINE;
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!digit(peek())) {
                throw DECLINE;
            }
            while (digit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digit(peek())) {
                throw DECLINE;
            }
            while (digit(peek())) {
                pos++;
            }
        }
        if (pos - from > MAX_NUMBER_LENGTH) {
            throw DECLINE;
        }
        numberIsInteger = integer;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private void literal(byte[] word) {
        if (end - pos < word.length || !Arrays.equals(b, pos, pos + word.length, word, 0, word.length)) {
            throw DECLINE;
        }
        pos += word.length;
    }

    private void whitespace() {
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            p++;
        }
        pos = p;
    }

    /** The byte at {@code pos}, or -1 at the end. */
    private int peek() {
        return pos < end ? b[pos] : -1;
    }

    private byte next() {
        if (pos >= end) {
            throw DECLINE;
        }
        return b[pos++];
    }

    private void expect(char c) {
        if (next() != c) {
            throw DECLINE;
        }
    }

    private boolean is(int from, int to, byte[] word) {
        return Arrays.equals(b, from, to, word, 0, word.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
