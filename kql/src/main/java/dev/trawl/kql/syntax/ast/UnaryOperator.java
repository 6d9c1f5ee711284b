package dev.trawl.kql.syntax.ast;

/** Prefix arithmetic signs. KQL negates booleans with the {@code not()} function, not an operator. */
public enum UnaryOperator {
    MINUS("-"), PLUS("+");

    private final String text;

    UnaryOperator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
