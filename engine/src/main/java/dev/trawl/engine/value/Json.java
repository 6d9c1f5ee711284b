package dev.trawl.engine.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to the engine's dynamic values (null, Boolean, Long, Double, String, List, Map). Integers
 * that fit a long are Longs, other numbers Doubles. Nesting is bounded so no input overflows the stack.
 */
public final class Json {
    private static final int MAX_DEPTH = 1000;

    /** Thrown for text that is not JSON. */
    public static final class InvalidJson extends Exception {
        InvalidJson(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    public static Object parse(String text) throws InvalidJson {
        Json json = new Json(text);
        json.skipSpace();
        Object value = json.value(0);
        json.skipSpace();
        if (json.at != text.length()) {
            throw new InvalidJson("text after the JSON value at " + json.at);
        }
        return value;
    }

    /** parse_json's rule: JSON text gives its value, anything else a dynamic string of the text itself. */
    public static Object parseOrText(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return parse(text);
        } catch (InvalidJson e) {
            return text;
        }
    }

    private Object value(int depth) throws InvalidJson {
        if (depth > MAX_DEPTH) {
            throw new InvalidJson("nested too deeply");
        }
        if (at >= text.length()) {
            throw new InvalidJson("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{': {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                skipSpace();
                if (peek('}')) {
                    at++;
                    return map;
                }
                while (true) {
                    skipSpace();
                    if (!peek('"')) {
                        throw new InvalidJson("expected a property name at " + at);
                    }
                    String key = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    map.put(key, value(depth + 1));
                    skipSpace();
                    if (peek(',')) {
                        at++;
                        continue;
                    }
                    expect('}');
                    return map;
                }
            }
            case '[': {
                at++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (peek(']')) {
                    at++;
                    return list;
                }
                while (true) {
                    skipSpace();
                    list.add(value(depth + 1));
                    skipSpace();
                    if (peek(',')) {
                        at++;
                        continue;
                    }
                    expect(']');
                    return list;
                }
            }
            case '"':
                return string();
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                return number();
        }
    }

    private Object number() throws InvalidJson {
        int start = at;
        if (peek('-')) {
            at++;
        }
        boolean real = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                real = true;
                at++;
            } else {
                break;
            }
        }
        String digits = text.substring(start, at);
        if (digits.isEmpty() || digits.equals("-")) {
            throw new InvalidJson("unexpected character at " + start);
        }
        try {
            if (!real) {
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException tooLong) {
                    return Double.parseDouble(digits);
                }
            }
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new InvalidJson("bad number at " + start);
        }
    }

    private String string() throws InvalidJson {
        at++;
        // Most strings hold no escape: they are a slice of the text, with no builder.
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return text.substring(start, at - 1);
            }
            if (c == '\\') {
                break;
            }
            at++;
        }
        StringBuilder out = new StringBuilder(at - start + 16).append(text, start, at);
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (at >= text.length()) {
                    break;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new InvalidJson("bad \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw new InvalidJson("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw new InvalidJson("bad escape at " + (at - 1));
                }
            } else {
                out.append(c);
            }
        }
        throw new InvalidJson("unterminated string");
    }

    private void word(String word) throws InvalidJson {
        if (!text.startsWith(word, at)) {
            throw new InvalidJson("unexpected character at " + at);
        }
        at += word.length();
    }

    private void expect(char c) throws InvalidJson {
        if (!peek(c)) {
            throw new InvalidJson("expected '" + c + "' at " + at);
        }
        at++;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
