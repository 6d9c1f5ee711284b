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

    /**
     * A builder over a primitive array: the growth and the null mask are shared, and the mask is
     * allocated only at the first null, since most columns have none.
     */
    abstract static sealed class Primitive extends ColumnBuilder {
        protected boolean[] nulls;

        /** The current capacity of the value array. */
        protected abstract int capacity();

        /** Copies the value array into one of the given length. */
        protected abstract void growValues(int length);

        /** Stores a non-null value at {@code index}. */
        protected abstract void set(int index, Object value);

        @Override
        public final void add(Object value) {
            if (size == capacity()) {
                growValues(size * 2);
                if (nulls != null) {
                    nulls = Arrays.copyOf(nulls, size * 2);
                }
            }
            if (value == null) {
                if (nulls == null) {
                    nulls = new boolean[capacity()];
                }
                nulls[size] = true;
            } else {
                set(size, value);
            }
            size++;
        }
    }

    static final class Longs extends Primitive {
        private final ScalarType type;
        private long[] values;

        Longs(ScalarType type, int capacity) {
            this.type = type;
            this.values = new long[Math.max(4, capacity)];
        }

        @Override
        protected int capacity() {
            return values.length;
        }

        @Override
        protected void growValues(int length) {
            values = Arrays.copyOf(values, length);
        }

        @Override
        protected void set(int index, Object value) {
            values[index] = ((Number) value).longValue();
        }

        @Override
        public Column build() {
            return new LongColumn(type, values, nulls, size);
        }
    }

    static final class Doubles extends Primitive {
        private double[] values;

        Doubles(int capacity) {
            this.values = new double[Math.max(4, capacity)];
        }

        @Override
        protected int capacity() {
            return values.length;
        }

        @Override
        protected void growValues(int length) {
            values = Arrays.copyOf(values, length);
        }

        @Override
        protected void set(int index, Object value) {
            values[index] = ((Number) value).doubleValue();
        }

        @Override
        public Column build() {
            return new DoubleColumn(values, nulls, size);
        }
    }

    static final class Bools extends Primitive {
        private boolean[] values;

        Bools(int capacity) {
            this.values = new boolean[Math.max(4, capacity)];
        }

        @Override
        protected int capacity() {
            return values.length;
        }

        @Override
        protected void growValues(int length) {
            values = Arrays.copyOf(values, length);
        }

        @Override
        protected void set(int index, Object value) {
            values[index] = (Boolean) value;
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
