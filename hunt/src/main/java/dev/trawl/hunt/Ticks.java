package dev.trawl.hunt;

import dev.trawl.kql.syntax.LiteralValues;
import java.time.Instant;

/** Kusto datetimes are 100 ns ticks since 0001-01-01; alerts and reports speak {@link Instant}s. */
public final class Ticks {
    private Ticks() {
    }

    public static Instant instant(long ticks) {
        long seconds = Math.floorDiv(ticks, LiteralValues.TICKS_PER_SECOND) - LiteralValues.EPOCH_OFFSET_SECONDS;
        return Instant.ofEpochSecond(seconds, Math.floorMod(ticks, LiteralValues.TICKS_PER_SECOND) * 100);
    }

    public static long of(Instant instant) {
        return (instant.getEpochSecond() + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND
                + instant.getNano() / 100;
    }

    /** An ISO 8601 datetime as KQL reads it ({@code 2024-01-31T12:00:00Z}), or null when it is not one. */
    public static Instant parse(String text) {
        Long ticks = LiteralValues.datetimeTicks(text);
        return ticks == null ? null : instant(ticks);
    }
}
