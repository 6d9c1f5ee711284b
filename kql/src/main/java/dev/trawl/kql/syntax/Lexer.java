package dev.trawl.kql.syntax;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits KQL text into tokens. Never throws: text it cannot read becomes a {@link TokenKind#BAD} token
 * and a diagnostic, and lexing goes on. Comments ({@code //} to the end of the line) and white space
 * are skipped.
 */
public final class Lexer {
    /**
     * Hyphenated keywords. KQL spells several operators with a hyphen; everywhere else {@code a-b} is a
     * subtraction, so only these exact spellings are joined into one token.
     */
    static final Set<String> HYPHENATED_KEYWORDS = Set.of(
            "project-away", "project-keep", "project-rename", "project-reorder", "project-by-names",
            "project-smart", "mv-expand", "mv-apply", "make-series", "parse-where", "parse-kv", "top-nested",
            "top-hitters", "sample-distinct", "granny-asc", "granny-desc", "make-graph", "graph-match",
            "graph-merge", "graph-to-table", "graph-shortest-paths", "graph-mark-components", "macro-expand",
            "assert-schema", "execute-and-cache");

    /** Literal forms whose parenthesised content is raw text rather than tokens. */
    private static final Set<String> RAW_LITERAL_WORDS = Set.of("datetime", "date", "timespan", "time", "guid");

    private final SourceText source;
    private final String text;
    private final List<Diagnostic> diagnostics;
    private int position;

    private Lexer(SourceText source, List<Diagnostic> diagnostics) {
        this.source = source;
        this.text = source.text();
        this.diagnostics = diagnostics;
    }

    /** Tokenizes the whole text; the last token is always {@link TokenKind#END_OF_INPUT}. */
    public static List<Token> tokenize(SourceText source, List<Diagnostic> diagnostics) {
        return new Lexer(source, diagnostics).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 4));
        while (true) {
            skipTrivia();
            if (position >= text.length()) {
                tokens.add(new Token(TokenKind.END_OF_INPUT, text.length(), text.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipTrivia() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u00a0' || c == '\ufeff') {
                position++;
            } else if (c == '/' && position + 1 < text.length() && text.charAt(position + 1) == '/') {
                while (position < text.length() && text.charAt(position) != '\n' && text.charAt(position) != '\r') {
                    position++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = position;
        char c = text.charAt(position);
        if (c == '\'' || c == '"') {
            return quotedString(start, start, false);
        }
        if (c == '@' && position + 1 < text.length() && isQuote(text.charAt(position + 1))) {
            return quotedString(start, start + 1, true);
        }
        if ((c == 'h' || c == 'H') && position + 1 < text.length()) {
            char d = text.charAt(position + 1);
            if (isQuote(d)) {
                return quotedString(start, start + 1, false);
            }
            if (d == '@' && position + 2 < text.length() && isQuote(text.charAt(position + 2))) {
                return quotedString(start, start + 2, true);
            }
        }
        if (c == '`' && text.startsWith("```", position)) {
            return multiLineString(start, "```");
        }
        if (c == '~' && text.startsWith("~~~", position)) {
            return multiLineString(start, "~~~");
        }
        if (c == '/' && position + 1 < text.length() && text.charAt(position + 1) == '*') {
            int close = text.indexOf("*/", position + 2);
            position = close < 0 ? text.length() : close + 2;
            return bad(start, position, DiagnosticCode.UNEXPECTED_CHARACTER,
                    "block comments are not KQL; comment a line with //");
        }
        if (isDigit(c)) {
            return number(start);
        }
        if (isIdentifierStart(c)) {
            return word(start);
        }
        position++;
        switch (c) {
            case '|': return token(TokenKind.PIPE, start);
            case '(': return token(TokenKind.OPEN_PAREN, start);
            case ')': return token(TokenKind.CLOSE_PAREN, start);
            case '[': return token(TokenKind.OPEN_BRACKET, start);
            case ']': return token(TokenKind.CLOSE_BRACKET, start);
            case '{': return token(TokenKind.OPEN_BRACE, start);
            case '}': return token(TokenKind.CLOSE_BRACE, start);
            case ',': return token(TokenKind.COMMA, start);
            case ';': return token(TokenKind.SEMICOLON, start);
            case ':': return token(TokenKind.COLON, start);
            case '+': return token(TokenKind.PLUS, start);
            case '-': return token(TokenKind.MINUS, start);
            case '*': return token(TokenKind.STAR, start);
            case '/': return token(TokenKind.SLASH, start);
            case '%': return token(TokenKind.PERCENT, start);
            case '?': return token(TokenKind.QUESTION, start);
            case '.':
                if (peek('.')) {
                    position++;
                    return token(TokenKind.DOT_DOT, start);
                }
                return token(TokenKind.DOT, start);
            case '=':
                if (peek('=')) {
                    position++;
                    return token(TokenKind.EQUAL, start);
                }
                if (peek('~')) {
                    position++;
                    return token(TokenKind.EQUAL_TILDE, start);
                }
                if (peek('>')) {
                    position++;
                    return token(TokenKind.ARROW, start);
                }
                return token(TokenKind.ASSIGN, start);
            case '<':
                if (peek('=')) {
                    position++;
                    return token(TokenKind.LESS_OR_EQUAL, start);
                }
                if (peek('>')) {
                    position++;
                    return token(TokenKind.LESS_GREATER, start);
                }
                return token(TokenKind.LESS, start);
            case '>':
                if (peek('=')) {
                    position++;
                    return token(TokenKind.GREATER_OR_EQUAL, start);
                }
                return token(TokenKind.GREATER, start);
            case '!':
                if (peek('=')) {
                    position++;
                    return token(TokenKind.NOT_EQUAL, start);
                }
                if (peek('~')) {
                    position++;
                    return token(TokenKind.NOT_TILDE, start);
                }
                if (position < text.length() && isIdentifierStart(text.charAt(position))) {
                    return negatedWord(start);
                }
                break;
            default:
                break;
        }
        return bad(start, position, DiagnosticCode.UNEXPECTED_CHARACTER, unexpectedMessage(c, start));
    }

    private String unexpectedMessage(char c, int start) {
        if (c == '!') {
            return "'!' must be followed by '=', '~' or an operator such as 'has' or 'in'";
        }
        if (Character.isSurrogate(c) || c < 0x20 || c == 0x7f || c == '\ufffd') {
            return String.format("unexpected character U+%04X", (int) c);
        }
        if (Character.isHighSurrogate(c) && start + 1 < text.length()) {
            return String.format("unexpected character U+%04X", text.codePointAt(start));
        }
        return "unexpected character '" + c + "'";
    }

    private Token negatedWord(int start) {
        int wordStart = position;
        while (position < text.length() && isIdentifierPart(text.charAt(position))) {
            position++;
        }
        String word = text.substring(wordStart, position);
        if (word.equals("in") && peek('~')) {
            position++;
        }
        return token(TokenKind.NEGATED_WORD, start);
    }

    private Token word(int start) {
        position++;
        while (position < text.length() && isIdentifierPart(text.charAt(position))) {
            position++;
        }
        // Join hyphenated keywords such as make-series; a-b elsewhere stays a subtraction.
        int end = position;
        while (end < text.length() && text.charAt(end) == '-' && end + 1 < text.length()
                && isIdentifierStart(text.charAt(end + 1))) {
            int next = end + 1;
            while (next < text.length() && isIdentifierPart(text.charAt(next))) {
                next++;
            }
            String candidate = text.substring(start, next);
            if (HYPHENATED_KEYWORDS.contains(candidate)) {
                position = next;
            } else if (!isHyphenatedPrefix(candidate)) {
                break;
            }
            end = next;
        }
        String word = text.substring(start, position);
        if (word.equals("in") && peek('~')) {
            position++;
            return token(TokenKind.IDENTIFIER, start);
        }
        if (RAW_LITERAL_WORDS.contains(word)) {
            int open = position;
            while (open < text.length() && (text.charAt(open) == ' ' || text.charAt(open) == '\t')) {
                open++;
            }
            if (open < text.length() && text.charAt(open) == '(') {
                return rawLiteral(start, open);
            }
        }
        return token(TokenKind.IDENTIFIER, start);
    }

    private static boolean isHyphenatedPrefix(String candidate) {
        for (String keyword : HYPHENATED_KEYWORDS) {
            if (keyword.length() > candidate.length() && keyword.startsWith(candidate)
                    && keyword.charAt(candidate.length()) == '-') {
                return true;
            }
        }
        return false;
    }

    /** {@code datetime(...)} and friends: everything up to the closing parenthesis is the literal's text. */
    private Token rawLiteral(int start, int open) {
        int close = open + 1;
        while (close < text.length() && text.charAt(close) != ')' && text.charAt(close) != '\n'
                && text.charAt(close) != '(' && text.charAt(close) != '|') {
            close++;
        }
        if (close >= text.length() || text.charAt(close) != ')') {
            position = close;
            return bad(start, close, DiagnosticCode.UNTERMINATED_LITERAL,
                    "'" + text.substring(start, open).trim() + "(' is missing its closing ')'");
        }
        position = close + 1;
        return token(TokenKind.RAW_LITERAL, start);
    }

    private Token number(int start) {
        boolean real = false;
        if (text.charAt(position) == '0' && position + 1 < text.length()
                && (text.charAt(position + 1) == 'x' || text.charAt(position + 1) == 'X')) {
            position += 2;
            int digits = position;
            while (position < text.length() && Character.digit(text.charAt(position), 16) >= 0) {
                position++;
            }
            if (position == digits) {
                return bad(start, position, DiagnosticCode.INVALID_NUMBER, "'0x' must be followed by hex digits");
            }
            return suffixCheck(start, TokenKind.LONG);
        }
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
        if (position < text.length() && text.charAt(position) == '.' && !(position + 1 < text.length()
                && (text.charAt(position + 1) == '.' || isIdentifierStart(text.charAt(position + 1))
                        && !isExponentStart(position + 1)))) {
            real = true;
            position++;
            while (position < text.length() && isDigit(text.charAt(position))) {
                position++;
            }
        }
        if (isExponentStart(position)) {
            real = true;
            position++;
            if (text.charAt(position) == '+' || text.charAt(position) == '-') {
                position++;
            }
            while (position < text.length() && isDigit(text.charAt(position))) {
                position++;
            }
        }
        if (position < text.length() && isIdentifierStart(text.charAt(position))) {
            int unitStart = position;
            while (position < text.length() && isIdentifierPart(text.charAt(position))) {
                position++;
            }
            String unit = text.substring(unitStart, position);
            if (LiteralValues.timespanUnitTicks(unit) > 0) {
                return token(TokenKind.TIMESPAN, start);
            }
            return bad(start, position, DiagnosticCode.INVALID_TIMESPAN,
                    "'" + text.substring(start, position) + "' is not a number or a timespan: unknown unit '"
                            + unit + "'");
        }
        return token(real ? TokenKind.REAL : TokenKind.LONG, start);
    }

    private boolean isExponentStart(int at) {
        if (at >= text.length() || (text.charAt(at) != 'e' && text.charAt(at) != 'E')) {
            return false;
        }
        int next = at + 1;
        if (next < text.length() && (text.charAt(next) == '+' || text.charAt(next) == '-')) {
            next++;
        }
        return next < text.length() && isDigit(text.charAt(next));
    }

    private Token suffixCheck(int start, TokenKind kind) {
        if (position < text.length() && isIdentifierPart(text.charAt(position))) {
            while (position < text.length() && isIdentifierPart(text.charAt(position))) {
                position++;
            }
            return bad(start, position, DiagnosticCode.INVALID_NUMBER,
                    "'" + text.substring(start, position) + "' is not a valid number");
        }
        return token(kind, start);
    }

    /**
     * A quoted string starting at {@code start}; {@code quoteAt} is where the quote character is (after
     * an {@code h} and/or {@code @} prefix). Strings end at the matching quote and may not span lines.
     */
    private Token quotedString(int start, int quoteAt, boolean verbatim) {
        char quote = text.charAt(quoteAt);
        position = quoteAt + 1;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == quote) {
                if (verbatim && position + 1 < text.length() && text.charAt(position + 1) == quote) {
                    position += 2;
                    continue;
                }
                position++;
                Token token = token(TokenKind.STRING, start);
                if (!verbatim) {
                    checkEscapes(quoteAt + 1, position - 1);
                }
                return token;
            }
            if (c == '\\' && !verbatim) {
                position += 2;
                continue;
            }
            position++;
        }
        position = Math.min(position, text.length());
        return bad(start, position, DiagnosticCode.UNTERMINATED_STRING,
                "string literal is missing its closing " + (quote == '"' ? "double quote" : "quote"));
    }

    private void checkEscapes(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\\') {
                int length = StringLiterals.escapeLength(text, i, to);
                if (length < 0) {
                    int end = Math.min(to, i + 2);
                    diagnostics.add(Diagnostic.error(DiagnosticCode.INVALID_ESCAPE, new Span(i, end),
                            "invalid escape sequence '" + text.substring(i, end) + "' in string literal")
                            .withHelp("use a verbatim string such as @'C:\\temp' to write backslashes as they are"));
                    i = end - 1;
                } else {
                    i += length - 1;
                }
            }
        }
    }

    private Token multiLineString(int start, String fence) {
        int close = text.indexOf(fence, start + 3);
        if (close < 0) {
            position = text.length();
            return bad(start, Math.min(text.length(), start + 3), DiagnosticCode.UNTERMINATED_STRING,
                    "multi-line string literal is missing its closing " + fence);
        }
        position = close + 3;
        return token(TokenKind.STRING, start);
    }

    private Token bad(int start, int end, DiagnosticCode code, String message) {
        diagnostics.add(Diagnostic.error(code, new Span(start, end), message));
        return new Token(TokenKind.BAD, start, end);
    }

    private Token token(TokenKind kind, int start) {
        return new Token(kind, start, position);
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'
                || (c > 0x7f && Character.isLetter(c));
    }

    static boolean isIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9')
                || (c > 0x7f && Character.isLetterOrDigit(c));
    }

    SourceText source() {
        return source;
    }
}
