package dev.trawl.kql.bind;

import dev.trawl.kql.types.ScalarType;

/** The regular expression group each column type extracts in parse's kinds. */
final class ParsePatterns {
    private ParsePatterns() {
    }

    /**
     * kind=relaxed: a typed column takes what its type would, and otherwise the text a string column would
     * take; that text does not convert, so the column is null while the row's other columns are still
     * extracted (docs: parse-operator.md, "Relaxed mode": totalSlices=nonValidLongValue is a null totalSlices
     * beside its row's resourceName, and a sliceNumber before a {@code *} is still its digits).
     */
    static String relaxedGroupFor(ScalarType type, boolean last) {
        String text = groupFor(ScalarType.STRING, last);
        String typed = groupFor(type, last);
        return typed.equals(text) ? text : "(?:" + typed + "|" + text + ")";
    }

    /**
     * kind=regex: numbers and bools as in the other kinds; any other column takes as much as the rest of
     * the pattern leaves it ({@code flags=U} makes it take as little). Kusto's documented outputs show it
     * (parse-operator.md: {@code with * "resourceName=" resourceName ',' *} takes the text up to the last
     * comma, and only with flags=U up to the first; a {@code lockTime} column followed by
     * {@code "(.*?)releaseTime="} keeps the line end before it).
     */
    static String regexGroupFor(ScalarType type) {
        return switch (type) {
            case INT, LONG, REAL, DECIMAL, BOOL -> groupFor(type, false);
            default -> ".*";
        };
    }

    /** Strings take as little as possible, or the rest of the text when they are the pattern's last part. */
    static String groupFor(ScalarType type, boolean last) {
        return switch (type) {
            case INT, LONG -> "-?\\d+";
            case REAL, DECIMAL -> "-?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?";
            case BOOL -> "(?i:true|false)";
            default -> last ? ".*" : ".*?";
        };
    }
}
