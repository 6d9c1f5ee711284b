package dev.trawl.kql.syntax.ast;

import java.util.HashMap;
import java.util.Map;

/** Operators whose right side is a parenthesised list: {@code in}, {@code has_any}, ... */
public enum ListOperator {
    IN("in"), NOT_IN("!in"), IN_CI("in~"), NOT_IN_CI("!in~"),
    HAS_ANY("has_any"), HAS_ALL("has_all");

    private static final Map<String, ListOperator> WORDS = new HashMap<>();

    static {
        for (ListOperator op : values()) {
            WORDS.put(op.text, op);
        }
    }

    private final String text;

    ListOperator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static ListOperator word(String word) {
        return WORDS.get(word);
    }

    public static java.util.Set<String> words() {
        return java.util.Collections.unmodifiableSet(WORDS.keySet());
    }
}
