package dev.trawl.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void kustoTicksAndInstantsConvertBothWaysTo100Nanoseconds() {
        Instant at = Instant.parse("2024-03-01T13:00:00.0000005Z");
        // 2024-03-01T13:00:00Z is 1709298000 s after 1970; 1970 is 621355968000000000 ticks after 0001-01-01.
        long ticks = 1_709_298_000L * 10_000_000L + 621_355_968_000_000_000L + 5;
        assertEquals(ticks, Ticks.of(at));
        assertEquals(at, Ticks.instant(ticks));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), Ticks.instant(0));
        assertEquals(at, Ticks.parse("2024-03-01T13:00:00.0000005Z"));
        assertNull(Ticks.parse("yesterday"));
    }
}
