package dev.trawl.kql.plan;

import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns of a table, in order. Names are unique within a schema. An open schema has further columns
 * that only the data will name ({@code evaluate pivot} bound without the data, as {@code trawl check}
 * binds): Kusto's language service types such a result as an open table too, whose unknown names are
 * accepted (Kusto.Language, PlugIns.Pivot: "open because it has additional columns based on data values").
 */
public record Schema(List<Field> fields, boolean open) {
    /** A column of a schema. */
    public record Field(String name, ScalarType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public Schema {
        fields = List.copyOf(fields);
    }

    /** A closed schema: these columns and no others. */
    public Schema(List<Field> fields) {
        this(fields, false);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** These columns and, if {@code open}, others the data will name. */
    public Schema withOpen(boolean isOpen) {
        return isOpen == open ? this : new Schema(fields, isOpen);
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    /** The index of the column named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field field : fields) {
            names.add(field.name());
        }
        return names;
    }
}
