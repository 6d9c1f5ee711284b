package dev.trawl.hunt.report;

import java.util.Objects;

/** How many events one exclusion (a tuning rule for a benign scenario) removed before the rule's query saw them. */
public record ExclusionCount(String name, long eventsRemoved) {
    /** Requires a name and a count of at least 0. */
    public ExclusionCount {
        Objects.requireNonNull(name, "name");
        if (eventsRemoved < 0) {
            throw new IllegalArgumentException("exclusion '" + name + "' removed " + eventsRemoved + " events");
        }
    }
}
