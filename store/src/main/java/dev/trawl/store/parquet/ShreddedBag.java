package dev.trawl.store.parquet;

import dev.trawl.engine.value.Json;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.io.api.Binary;

/**
 * A stored property bag (RawEventData) whose hot properties were also stored as columns of their own. Reading
 * one of those ({@code RawEventData.ResultStatus}) takes the column's value, parsed from its JSON text the
 * first time it is read; anything else — another property, iterating, printing, comparing — decodes and parses
 * the whole JSON text once and answers from that. It is a plain {@link Map} to the engine, so every operator
 * and function sees the same bag as before, only faster.
 */
public final class ShreddedBag extends AbstractMap<String, Object> {
    private static final AtomicLong FULL_PARSES = new AtomicLong();
    private static final AtomicLong PROPERTY_PARSES = new AtomicLong();
    /** The record's JSON text as stored (UTF-8), decoded only when the whole record is needed. */
    private final byte[] text;
    private final String[] keys;
    private final Object[] values;
    private final boolean[] present;
    private Map<String, Object> full;

    /** A shredded property's JSON text, parsed when first read. */
    private record Pending(Binary json) {
    }

    static Object pending(Binary json) {
        return new Pending(json);
    }

    /** {@code values[i]} is the i-th shredded property's value, or its {@link #pending} JSON text. */
    ShreddedBag(byte[] text, String[] keys, Object[] values, boolean[] present) {
        this.text = text;
        this.keys = keys;
        this.values = values;
        this.present = present;
    }

    /** How many bags have been parsed whole since the process started (for tests of the fast path). */
    public static long fullParses() {
        return FULL_PARSES.get();
    }

    /** How many shredded property values have been parsed since the process started (for tests of the fast path). */
    public static long propertyParses() {
        return PROPERTY_PARSES.get();
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                // A property the record lacks was stored as a null column value: get() answers null either way.
                if (!present[i]) {
                    return null;
                }
                if (values[i] instanceof Pending pending) {
                    values[i] = parse(pending.json().toStringUsingUTF8());
                }
                return values[i];
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
                full = (Map<String, Object>) Json.parse(new String(text, java.nio.charset.StandardCharsets.UTF_8));
            } catch (Json.InvalidJson | ClassCastException e) {
                throw new IllegalStateException("a stored bag does not read back as a JSON object: " + e.getMessage());
            }
        }
        return full;
    }

    private static Object parse(String json) {
        PROPERTY_PARSES.incrementAndGet();
        try {
            return Json.parse(json);
        } catch (Json.InvalidJson e) {
            throw new IllegalStateException("a stored property does not read back as JSON: " + e.getMessage());
        }
    }
}
