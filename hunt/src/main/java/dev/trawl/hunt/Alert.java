package dev.trawl.hunt;

import dev.trawl.engine.exec.QueryResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule raised: the rule's identity, the time window the evidence falls in, the entities involved, and the
 * evidence rows (the rule's result rows of that window).
 *
 * @param windowStart the first hour of the window; null when the result has no time column
 * @param windowEnd the end of the window's last hour (exclusive); null with {@code windowStart}
 * @param entities per entity type ({@code Account}, {@code Mailbox}, {@code IP}, {@code CloudApplication} or a
 *     rule's own entityMappings types), the distinct values seen in the evidence, in order of first appearance
 * @param evidence the evidence rows, at most the run's evidence limit; {@code evidenceCount} counts them all
 */
public record Alert(String ruleId, String ruleName, List<String> tactics, String severity, Instant windowStart,
                    Instant windowEnd, Map<String, List<String>> entities, List<QueryResult.Column> columns,
                    List<Object[]> evidence, int evidenceCount) {
    public Alert {
        Objects.requireNonNull(ruleId, "ruleId");
        tactics = List.copyOf(tactics);
        entities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entities));
        columns = List.copyOf(columns);
        evidence = List.copyOf(evidence);
    }
}
