package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;
import java.util.Arrays;

/** Appends values (in the engine's value model) to a growing column of one type. */
public abstract sealed class ColumnBuilder {
    protected int size;

    public static ColumnBuilder of(ScalarType type, int capacity) {
        return switch (type) {
            case INT, LONG, DATETIME, TIMESPAN -> new Longs(type, capacity);
            case REAL -> new Doubles(capacity);
            case BOOL -> new Bools(capacity);
            default -> new Objects(type, capacity);
        };
    }

    public abstract void add(Object value);

    public abstract Column build();

    public int size() {
        return size;
    }

    static final class Longs extends ColumnBuilder {
        private final ScalarType type;
        private long[] values;
        private boolean[] nulls;

        Longs(ScalarType type, int capacity) {
            this.type = type;
            this.values = new long[Math.max(4, capacity)];
        }

        @Override
        public void add(Object value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                if (nulls != null) {
                    nulls = Arrays.copyOf(nulls, size * 2);
                }
            }
            if (value == null) {
                if (nulls == null) {
                    nulls = new boolean[values.length];
                }
                nulls[size] = true;
            } else {
                values[size] = ((Number) value).longValue();
            }
            size++;
        }

        @Override
        public Column build() {
            return new LongColumn(type, values, nulls, size);
        }
    }

    static final class Doubles extends ColumnBuilder {
        private double[] values;
        private boolean[] nulls;

        Doubles(int capacity) {
            this.values = new double[Math.max(4, capacity)];
        }

        @Override
        public void add(Object value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                if (nulls != null) {
                    nulls = Arrays.copyOf(nulls, size * 2);
                }
            }
            if (value == null) {
                if (nulls == null) {
                    nulls = new boolean[values.length];
                }
                nulls[size] = true;
            } else {
                values[size] = ((Number) value).doubleValue();
            }
            size++;
        }

        @Override
        public Column build() {
            return new DoubleColumn(values, nulls, size);
        }
    }

    static final class Bools extends ColumnBuilder {
        private boolean[] values;
        private boolean[] nulls;

        Bools(int capacity) {
            this.values = new boolean[Math.max(4, capacity)];
        }

        @Override
        public void add(Object value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                if (nulls != null) {
                    nulls = Arrays.copyOf(nulls, size * 2);
                }
            }
            if (value == null) {
                if (nulls == null) {
                    nulls = new boolean[values.length];
                }
                nulls[size] = true;
            } else {
                values[size] = (Boolean) value;
            }
            size++;
        }

        @Override
        public Column build() {
            return new BoolColumn(values, nulls, size);
        }
    }

    static final class Objects extends ColumnBuilder {
        private final ScalarType type;
        private Object[] values;

        Objects(ScalarType type, int capacity) {
            this.type = type;
            this.values = new Object[Math.max(4, capacity)];
        }

        @Override
        public void add(Object value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            // KQL strings have no null: a missing string is the empty string.
            values[size++] = value == null && type == ScalarType.STRING ? "" : value;
        }

        @Override
        public Column build() {
            return new ObjectColumn(type, values, size);
        }
    }
}
