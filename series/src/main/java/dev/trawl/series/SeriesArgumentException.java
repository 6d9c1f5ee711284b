package dev.trawl.series;

import java.util.Objects;

/**
 * An argument that a series function cannot accept (out of range, wrong shape); carries the KQL parameter name so
 * that the caller can turn it into a diagnostic pointing at that argument.
 */
public final class SeriesArgumentException extends IllegalArgumentException {
    private final String parameter;

    /** Creates the exception for {@code parameter} (its KQL documentation name) with a message for the user. */
    public SeriesArgumentException(String parameter, String message) {
        super(Objects.requireNonNull(parameter, "parameter") + ": " + Objects.requireNonNull(message, "message"));
        this.parameter = parameter;
    }

    /** The KQL parameter name, as the function's documentation spells it (e.g. {@code "min_percentile"}). */
    public String parameter() {
        return parameter;
    }
}
