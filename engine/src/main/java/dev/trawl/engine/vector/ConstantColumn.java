package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;
import java.util.Objects;

/** One value repeated: constants and sub-query results stay scalars instead of filling a column per batch. */
public record ConstantColumn(ScalarType type, Object value, int size) implements Column {
    public ConstantColumn {
        Objects.requireNonNull(type, "type");
        if (value == null && type == ScalarType.STRING) {
            value = "";
        }
    }

    @Override
    public boolean isNull(int row) {
        return value == null;
    }

    @Override
    public Object get(int row) {
        return value;
    }

    @Override
    public Column gather(int[] rows, int count) {
        return new ConstantColumn(type, value, count);
    }
}
