package dev.trawl.kql.syntax;

/**
 * Decodes KQL string literal tokens: {@code '...'} and {@code "..."} with backslash escapes,
 * {@code @'...'} verbatim (a doubled quote stands for one), {@code h'...'} obfuscated, and
 * {@code ```...```} multi-line (no escapes).
 */
public final class StringLiterals {
    private StringLiterals() {
    }

    /** The value of one string token's text; the text must have been accepted by the lexer. */
    public static String decode(String token) {
        int at = 0;
        if (token.startsWith("```") || token.startsWith("~~~")) {
            return token.substring(3, token.length() - 3);
        }
        if (token.charAt(at) == 'h' || token.charAt(at) == 'H') {
            at++;
        }
        boolean verbatim = token.charAt(at) == '@';
        if (verbatim) {
            at++;
        }
        char quote = token.charAt(at);
        String body = token.substring(at + 1, token.length() - 1);
        if (verbatim) {
            return body.replace("" + quote + quote, "" + quote);
        }
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            int length = escapeLength(body, i, body.length());
            if (length < 0) {
                out.append(c);
                continue;
            }
            appendEscape(out, body, i, length);
            i += length - 1;
        }
        return out.toString();
    }

    /**
     * The length of the escape sequence at {@code text[at]} (a backslash), or -1 if it is not one. KQL
     * documents {@code \\ \' \" \t \n}; its parser is C#'s, so the other C# escapes are accepted too.
     */
    static int escapeLength(String text, int at, int end) {
        if (at + 1 >= end) {
            return -1;
        }
        char c = text.charAt(at + 1);
        switch (c) {
            case '\\', '\'', '"', '0', 'a', 'b', 'f', 'n', 'r', 't', 'v':
                return 2;
            case 'u':
                return hexRun(text, at + 2, end, 4, 4) == 4 ? 6 : -1;
            case 'U':
                return hexRun(text, at + 2, end, 8, 8) == 8 ? 10 : -1;
            case 'x': {
                int digits = hexRun(text, at + 2, end, 1, 4);
                return digits > 0 ? 2 + digits : -1;
            }
            default:
                return -1;
        }
    }

    private static int hexRun(String text, int from, int end, int min, int max) {
        int count = 0;
        while (count < max && from + count < end && Character.digit(text.charAt(from + count), 16) >= 0) {
            count++;
        }
        return count >= min ? count : 0;
    }

    private static void appendEscape(StringBuilder out, String body, int at, int length) {
        char c = body.charAt(at + 1);
        switch (c) {
            case '0' -> out.append('\0');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'u', 'x' -> out.append((char) Integer.parseInt(body.substring(at + 2, at + length), 16));
            case 'U' -> {
                long codePoint = Long.parseLong(body.substring(at + 2, at + length), 16);
                out.appendCodePoint(codePoint > Character.MAX_CODE_POINT ? 0xFFFD : (int) codePoint);
            }
            default -> out.append(c);
        }
    }

    /** A KQL literal that decodes to {@code value}: double-quoted, with the escapes it needs. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
