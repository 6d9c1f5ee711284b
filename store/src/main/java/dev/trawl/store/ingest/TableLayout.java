package dev.trawl.store.ingest;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import dev.trawl.store.parquet.Shredding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A table's columns as ingest writes them: the schema's columns, then the shredded properties of its dynamic
 * columns ({@link Shredding}), with the time column rows are partitioned by. Immutable, so the parser threads
 * and the ingest thread share one: when a table's schema widens it gets a new layout, and a row a parser
 * thread decoded against the older one is decoded again (see {@link Ingest}).
 */
final class TableLayout {
    final String table;
    final Schema schema;
    /** The file's columns: the schema's, then the shredded ones. */
    final Schema physical;
    final RowConverter.Columns columns;
    /** The Timestamp or TimeGenerated datetime column, or -1. */
    final int timeColumn;
    /** Per schema column: the physical index of its first shredded property, or -1 when it has none. */
    final int[] shreddedAt;
    /**
     * Per schema column: its shredded properties by name (index in {@link Shredding}'s order), plus {@code Id} as
     * index {@code properties.size()} for RawEventData (the record's identity); null for other columns.
     */
    final NameTable[] properties;
    /** Per schema column: how many shredded properties it has. */
    final int[] shreddedCount;
    private final NameTable columnsByName;
    /** The RawEventData and ReportId columns (the identity's sources), or -1. */
    final int rawEventDataColumn;
    final int reportIdColumn;

    TableLayout(String table, Schema schema) {
        this.table = table;
        this.schema = schema;
        this.physical = Shredding.physical(schema);
        this.columns = new RowConverter.Columns(schema);
        this.timeColumn = timeColumnOf(schema);
        int width = schema.size();
        shreddedAt = new int[width];
        properties = new NameTable[width];
        shreddedCount = new int[width];
        List<String> names = new java.util.ArrayList<>();
        int at = width;
        for (int c = 0; c < width; c++) {
            Schema.Field field = schema.field(c);
            names.add(field.name());
            List<String> shredded = Shredding.PROPERTIES.get(field.name());
            if (shredded != null && field.type() == ScalarType.DYNAMIC) {
                shreddedAt[c] = at;
                shreddedCount[c] = shredded.size();
                at += shredded.size();
                List<String> wanted = new java.util.ArrayList<>(shredded);
                if (field.name().equals("RawEventData")) {
                    wanted.add("Id");
                }
                properties[c] = new NameTable(wanted);
            } else {
                shreddedAt[c] = -1;
            }
        }
        columnsByName = new NameTable(names);
        rawEventDataColumn = columns.indexOf("RawEventData");
        reportIdColumn = columns.indexOf("ReportId");
    }

    /** The schema's column names, for looking up a name's bytes. */
    NameTable columnNames() {
        return columnsByName;
    }

    /**
     * Names to their index in a list, looked up by their UTF-8 bytes without making a String: open addressing
     * on a hash of the bytes. The first of repeated names wins, as in {@link RowConverter.Columns}.
     */
    static final class NameTable {
        private final byte[][] names;
        private final int[] slots;

        NameTable(List<String> list) {
            names = new byte[list.size()][];
            slots = new int[Integer.highestOneBit(Math.max(4, list.size() * 4)) * 2];
            for (int i = 0; i < names.length; i++) {
                names[i] = list.get(i).getBytes(StandardCharsets.UTF_8);
                if (indexOf(names[i], 0, names[i].length) < 0) {
                    int slot = hash(names[i], 0, names[i].length) & (slots.length - 1);
                    while (slots[slot] != 0) {
                        slot = (slot + 1) & (slots.length - 1);
                    }
                    slots[slot] = i + 1;
                }
            }
        }

        int indexOf(byte[] text, int from, int to) {
            int slot = hash(text, from, to) & (slots.length - 1);
            while (slots[slot] != 0) {
                byte[] name = names[slots[slot] - 1];
                if (Arrays.equals(name, 0, name.length, text, from, to)) {
                    return slots[slot] - 1;
                }
                slot = (slot + 1) & (slots.length - 1);
            }
            return -1;
        }

        private static int hash(byte[] text, int from, int to) {
            return ByteScan.hash(text, from, to);
        }
    }

    String timeColumnName() {
        return timeColumn < 0 ? null : schema.field(timeColumn).name();
    }

    private static int timeColumnOf(Schema schema) {
        for (String name : new String[] {"Timestamp", "TimeGenerated"}) {
            int at = schema.indexOf(name);
            if (at >= 0 && schema.field(at).type() == ScalarType.DATETIME) {
                return at;
            }
        }
        return -1;
    }
}
