package dev.trawl.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The identities of stored records as 128-bit hashes in an open-addressing table of primitive longs, so
 * millions of them cost 16 bytes each and no objects. 128 bits make an accidental collision (which would
 * drop a distinct record as a duplicate) negligible: about 10^-20 for a billion records.
 */
public final class IdentitySet {
    private long[] high;
    private long[] low;
    private boolean[] used;
    private int size;

    public IdentitySet() {
        allocate(1 << 12);
    }

    private void allocate(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        used = new boolean[capacity];
    }

    public int size() {
        return size;
    }

    /** Adds the identity; false when it was already there (the record is a duplicate). */
    public boolean add(long h, long l) {
        if ((size + 1) * 2 > used.length) {
            rehash();
        }
        int mask = used.length - 1;
        int slot = (int) (l ^ (l >>> 32)) & mask;
        while (used[slot]) {
            if (high[slot] == h && low[slot] == l) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        high[slot] = h;
        low[slot] = l;
        size++;
        return true;
    }

    private void rehash() {
        long[] oldHigh = high;
        long[] oldLow = low;
        boolean[] oldUsed = used;
        allocate(oldUsed.length * 2);
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                add(oldHigh[i], oldLow[i]);
            }
        }
    }

    /** Reads identities written by {@link #writePairs} into this set. */
    public void readPairs(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        long count = data.readLong();
        for (long i = 0; i < count; i++) {
            add(data.readLong(), data.readLong());
        }
    }

    public static void writePairs(OutputStream out, long[] pairs, int count) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeLong(count);
        for (int i = 0; i < count; i++) {
            data.writeLong(pairs[2 * i]);
            data.writeLong(pairs[2 * i + 1]);
        }
        data.flush();
    }

    /** A 128-bit hash of a record identity: the table it lands in, then the key text. */
    public static long[] hash(String table, String key) {
        byte[] bytes = (table + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
        return new long[] {hash64(bytes, 0x9E3779B97F4A7C15L), hash64(bytes, 0xC2B2AE3D27D4EB4FL)};
    }

    /** A seeded 64-bit hash: eight bytes at a time, each word multiplied in and mixed (a murmur-style finaliser). */
    static long hash64(byte[] bytes, long seed) {
        long h = seed ^ (bytes.length * 0xFF51AFD7ED558CCDL);
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            long word = 0;
            for (int b = 7; b >= 0; b--) {
                word = (word << 8) | (bytes[i + b] & 0xFFL);
            }
            h = mix(h ^ mix(word * 0x87C37B91114253D5L));
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
        }
        long tail = 0;
        for (int b = bytes.length - 1; b >= i; b--) {
            tail = (tail << 8) | (bytes[b] & 0xFFL);
        }
        h = mix(h ^ mix(tail * 0x4CF5AD432745937FL) ^ bytes.length);
        return h;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
