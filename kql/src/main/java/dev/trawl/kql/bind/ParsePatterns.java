package dev.trawl.kql.bind;

import dev.trawl.kql.types.ScalarType;

/** The regular expression group each column type extracts in parse's simple and relaxed kinds. */
final class ParsePatterns {
    private ParsePatterns() {
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
