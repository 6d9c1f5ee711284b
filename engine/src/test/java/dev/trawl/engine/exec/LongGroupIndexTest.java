package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The group index against a map, over evenly spaced keys (time bins), random ones and the extremes, across growth. */
class LongGroupIndexTest {
    @Test
    void numbersGroupsInFirstSeenOrderAndFindsThemAgain() {
        LongGroupIndex index = new LongGroupIndex();
        Map<Long, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        long hour = 36_000_000_000L;
        long[] keys = new long[200_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = switch (i % 4) {
                case 0 -> 638_000_000_000_000_000L + random.nextInt(50_000) * hour;
                case 1 -> random.nextLong();
                case 2 -> random.nextInt(-40, 40);
                default -> i % 8 == 3 ? Long.MIN_VALUE : Long.MAX_VALUE;
            };
        }
        for (long key : keys) {
            int group = index.groupOf(key);
            Integer known = expected.putIfAbsent(key, expected.size());
            assertEquals(known == null ? expected.size() - 1 : known, group, "key " + key);
        }
        assertEquals(expected.size(), index.size());
        for (Map.Entry<Long, Integer> entry : expected.entrySet()) {
            assertEquals(entry.getKey(), index.key(entry.getValue()));
            assertEquals(entry.getValue(), index.groupOf(entry.getKey()));
        }
    }
}
