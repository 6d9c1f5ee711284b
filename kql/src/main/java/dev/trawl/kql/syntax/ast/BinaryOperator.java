package dev.trawl.kql.syntax.ast;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Infix operators, with the precedence level the parser gives each (higher binds tighter). */
public enum BinaryOperator {
    OR("or", 1),
    AND("and", 2),
    EQUAL("==", 3), NOT_EQUAL("!=", 3), LEGACY_NOT_EQUAL("<>", 3),
    EQUAL_CI("=~", 3), NOT_EQUAL_CI("!~", 3),
    HAS("has", 3), NOT_HAS("!has", 3), HAS_CS("has_cs", 3), NOT_HAS_CS("!has_cs", 3),
    HASPREFIX("hasprefix", 3), NOT_HASPREFIX("!hasprefix", 3),
    HASPREFIX_CS("hasprefix_cs", 3), NOT_HASPREFIX_CS("!hasprefix_cs", 3),
    HASSUFFIX("hassuffix", 3), NOT_HASSUFFIX("!hassuffix", 3),
    HASSUFFIX_CS("hassuffix_cs", 3), NOT_HASSUFFIX_CS("!hassuffix_cs", 3),
    CONTAINS("contains", 3), NOT_CONTAINS("!contains", 3),
    CONTAINS_CS("contains_cs", 3), NOT_CONTAINS_CS("!contains_cs", 3),
    LEGACY_CONTAINSCS("containscs", 3), LEGACY_NOTCONTAINS("notcontains", 3),
    LEGACY_NOTCONTAINSCS("notcontainscs", 3),
    STARTSWITH("startswith", 3), NOT_STARTSWITH("!startswith", 3),
    STARTSWITH_CS("startswith_cs", 3), NOT_STARTSWITH_CS("!startswith_cs", 3),
    ENDSWITH("endswith", 3), NOT_ENDSWITH("!endswith", 3),
    ENDSWITH_CS("endswith_cs", 3), NOT_ENDSWITH_CS("!endswith_cs", 3),
    MATCHES_REGEX("matches regex", 3),
    LIKE("like", 3), NOT_LIKE("notlike", 3), LIKE_CS("likecs", 3), NOT_LIKE_CS("notlikecs", 3),
    /** {@code Column:"term"}, only in a search predicate: the term looked for in that column alone. */
    SEARCH_COLUMN(":", 3),
    LESS("<", 4), LESS_OR_EQUAL("<=", 4), GREATER(">", 4), GREATER_OR_EQUAL(">=", 4),
    ADD("+", 5), SUBTRACT("-", 5),
    MULTIPLY("*", 6), DIVIDE("/", 6), MODULO("%", 6);

    /** Precedence of equality, string and set operators ({@code in}, {@code between}). */
    public static final int EQUALITY_LEVEL = 3;
    private static final Map<String, BinaryOperator> WORDS = new HashMap<>();

    static {
        for (BinaryOperator op : values()) {
            if (op.precedence == EQUALITY_LEVEL && Character.isLetter(op.text.charAt(op.text.length() - 1))
                    && op != MATCHES_REGEX) {
                WORDS.put(op.text, op);
            }
        }
    }

    private final String text;
    private final int precedence;

    BinaryOperator(String text, int precedence) {
        this.text = text;
        this.precedence = precedence;
    }

    public String text() {
        return text;
    }

    public int precedence() {
        return precedence;
    }

    /**
     * The word operator spelled {@code word} (such as {@code has}, {@code !contains_cs}), or null. Word
     * operators are case-sensitive in KQL, as are all keywords.
     */
    public static BinaryOperator word(String word) {
        return WORDS.get(word);
    }

    /** Every word operator's spelling, for did-you-mean suggestions. */
    public static java.util.Set<String> words() {
        return java.util.Collections.unmodifiableSet(WORDS.keySet());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
