package dev.trawl.kql.bind;

import dev.trawl.kql.types.ScalarType;

/** The regular expression group each column type extracts in parse's kinds. */
final class ParsePatterns {
    private ParsePatterns() {
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
