package dev.trawl.hunt.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Converts Kusto datetime values (100 ns ticks counted from 0001-01-01T00:00Z, as the engine stores them) to
 * {@link Instant}s, so a {@code make-series} time axis can be charted as it comes out of a query.
 */
public final class KustoTicks {
    /** Ticks from 0001-01-01 to 1970-01-01 (Kusto's {@code tolong(datetime(1970-01-01))}). */
    public static final long UNIX_EPOCH_TICKS = 621_355_968_000_000_000L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private KustoTicks() {
    }

    /** The instant of one datetime value. */
    public static Instant toInstant(long ticks) {
        long sinceEpoch = ticks - UNIX_EPOCH_TICKS;
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, TICKS_PER_SECOND),
                Math.floorMod(sinceEpoch, TICKS_PER_SECOND) * 100);
    }

    /** The instants of a time axis, in order. */
    public static List<Instant> toInstants(long[] ticks) {
        Objects.requireNonNull(ticks, "ticks");
        List<Instant> instants = new ArrayList<>(ticks.length);
        for (long tick : ticks) {
            instants.add(toInstant(tick));
        }
        return List.copyOf(instants);
    }
}
