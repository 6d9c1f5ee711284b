package dev.trawl.kql.diag;

/** How bad a diagnostic is: an error stops a query from running, a warning does not. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
