package dev.trawl.hunt.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one rule run's report shows: which rule (id, name, MITRE tactics), when it ran ({@code now}) over which
 * window, the charts, the alerts, how many events each exclusion removed, and notes such as lint findings.
 */
public record ReportInput(String ruleId, String ruleName, List<String> tactics, Instant now, Instant windowStart,
        Instant windowEnd, List<Chart> charts, List<AlertSummary> alerts, List<ExclusionCount> exclusions,
        List<ReportNote> notes) {
    /** Requires every part (lists may be empty) and a window that does not end before it starts. */
    public ReportInput {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        tactics = List.copyOf(tactics);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("window ends at " + windowEnd + ", before its start " + windowStart);
        }
        charts = List.copyOf(charts);
        alerts = List.copyOf(alerts);
        exclusions = List.copyOf(exclusions);
        notes = List.copyOf(notes);
    }
}
