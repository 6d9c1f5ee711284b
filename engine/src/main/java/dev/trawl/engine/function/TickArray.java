package dev.trawl.engine.function;

import dev.trawl.kql.types.ScalarType;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The dynamic array range() makes of datetimes or timespans: {@code size} values {@code start + i * step} (in
 * ticks, wrapping as long arithmetic does). As every datetime or timespan inside a dynamic, an element is its text;
 * the text is made when the element is read, and mv-expand ... to typeof(datetime) reads the ticks without it, so
 * the common {@code mv-expand t = range(a, b, step)} neither writes nor parses a string per element. Immutable.
 */
public final class TickArray extends AbstractList<Object> implements RandomAccess {
    /** 9999-12-31T23:59:59.9999999, the last datetime whose text is the canonical one reading gives back exactly. */
    private static final long LAST_CANONICAL = 3_155_378_975_999_999_999L;

    private final ScalarType type;
    private final long start;
    private final long step;
    private final int size;

    TickArray(ScalarType type, long start, long step, int size) {
        if (type != ScalarType.DATETIME && type != ScalarType.TIMESPAN) {
            throw new IllegalArgumentException("not a time type: " + type);
        }
        this.type = Objects.requireNonNull(type, "type");
        this.start = start;
        this.step = step;
        this.size = size;
    }

    public ScalarType type() {
        return type;
    }

    /** Element {@code index} in ticks. */
    public long ticks(int index) {
        Objects.checkIndex(index, size);
        return start + index * step;
    }

    /** Whether element {@code index} is a datetime whose text reads back as its ticks. */
    public boolean readsBackAsDatetime(int index) {
        long ticks = ticks(index);
        return type == ScalarType.DATETIME && ticks >= 0 && ticks <= LAST_CANONICAL;
    }

    @Override
    public Object get(int index) {
        return Values.toText(type, ticks(index));
    }

    @Override
    public int size() {
        return size;
    }
}
