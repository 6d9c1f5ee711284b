package dev.trawl.hunt.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as the report lists it: the time window it covers, its entities (kind to value, e.g. "Account" to a UPN,
 * in the order given), how many evidence rows back it, and a few of them.
 */
public record AlertSummary(Instant windowStart, Instant windowEnd, Map<String, String> entities, long evidenceCount,
        EvidenceSample evidence) {
    /** Requires an ordered window, a count no smaller than the rows sampled. */
    public AlertSummary {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("alert window ends at " + windowEnd + ", before " + windowStart);
        }
        Objects.requireNonNull(evidence, "evidence");
        if (evidenceCount < evidence.rows().size()) {
            throw new IllegalArgumentException(evidenceCount + " evidence rows counted but " + evidence.rows().size()
                    + " sampled");
        }
        for (Map.Entry<String, String> entity : entities.entrySet()) {
            Objects.requireNonNull(entity.getKey(), "entity kind");
            Objects.requireNonNull(entity.getValue(), "entity value");
        }
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }
}
