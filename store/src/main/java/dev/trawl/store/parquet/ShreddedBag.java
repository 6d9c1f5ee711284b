package dev.trawl.store.parquet;

import dev.trawl.engine.value.Json;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stored property bag (RawEventData) whose hot properties were also stored as columns of their own. Reading
 * one of those ({@code RawEventData.ResultStatus}) takes the column's value; anything else — another property,
 * iterating, printing, comparing — parses the whole JSON text once and answers from that. It is a plain
 * {@link Map} to the engine, so every operator and function sees the same bag as before, only faster.
 */
public final class ShreddedBag extends AbstractMap<String, Object> {
    private static final AtomicLong FULL_PARSES = new AtomicLong();
    private final String text;
    private final String[] keys;
    private final Object[] values;
    private final boolean[] present;
    private Map<String, Object> full;

    ShreddedBag(String text, String[] keys, Object[] values, boolean[] present) {
        this.text = text;
        this.keys = keys;
        this.values = values;
        this.present = present;
    }

    /** How many bags have been parsed whole since the process started (for tests of the fast path). */
    public static long fullParses() {
        return FULL_PARSES.get();
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                // A property the record lacks was stored as a null column value: get() answers null either way.
                return present[i] ? values[i] : null;
            }
        }
        return full().get(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return full().entrySet();
    }

    @Override
    public boolean containsKey(Object key) {
        return full().containsKey(key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> full() {
        if (full == null) {
            FULL_PARSES.incrementAndGet();
            try {
                full = (Map<String, Object>) Json.parse(text);
            } catch (Json.InvalidJson | ClassCastException e) {
                throw new IllegalStateException("a stored bag does not read back as a JSON object: " + e.getMessage());
            }
        }
        return full;
    }
}
