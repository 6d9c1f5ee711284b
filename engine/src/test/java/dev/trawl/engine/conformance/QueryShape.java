package dev.trawl.engine.conformance;

import dev.trawl.kql.syntax.Lexer;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Token;
import dev.trawl.kql.syntax.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the comparison needs to know about a query's text, read from the front end's tokens (so nothing inside a
 * string literal or a comment counts): whether its result rows come in a defined order, and which functions and
 * operators it uses.
 */
final class QueryShape {
    /** Operators whose output is serialized (ordered). */
    private static final Set<String> ORDERING = Set.of("sort", "order", "top", "serialize");
    /**
     * Operators that keep their input's order (Kusto docs, "serialize operator": extend, mv-expand, parse, project,
     * project-away, project-rename, take, where) plus the ones that cannot change it (render, as, limit, filter,
     * the other project and parse forms). Any other operator after the last sort makes the order undefined again.
     */
    private static final Set<String> ORDER_PRESERVING = Set.of("extend", "project", "project-away", "project-keep",
            "project-rename", "project-reorder", "where", "filter", "take", "limit", "mv-expand", "parse",
            "parse-where", "parse-kv", "render", "as");
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("let", "set", "declare", "alias", "restrict",
            "pattern");

    private final String text;
    private final List<Token> tokens;

    private QueryShape(String text) {
        this.text = text;
        this.tokens = Lexer.tokenize(SourceText.of(text), new ArrayList<>());
    }

    static QueryShape of(String query) {
        return new QueryShape(query);
    }

    /**
     * Whether the rows of the query's result have a defined order: the last statement's top-level pipeline (not
     * inside parentheses, brackets or braces) has a sort/order by/top/serialize, and only order-preserving operators
     * after the last one.
     */
    boolean ordered() {
        List<Token> statement = lastQueryStatement();
        boolean ordered = false;
        int depth = 0;
        boolean segmentStart = false;
        for (Token token : statement) {
            TokenKind kind = token.kind();
            if (segmentStart && depth == 0) {
                segmentStart = false;
                String op = kind == TokenKind.IDENTIFIER ? word(token) : "";
                if (ORDERING.contains(op)) {
                    ordered = true;
                } else if (!ORDER_PRESERVING.contains(op)) {
                    ordered = false;
                }
            }
            switch (kind) {
                case OPEN_PAREN, OPEN_BRACKET, OPEN_BRACE -> depth++;
                case CLOSE_PAREN, CLOSE_BRACKET, CLOSE_BRACE -> depth = Math.max(0, depth - 1);
                case PIPE -> segmentStart = depth == 0;
                default -> {
                }
            }
        }
        return ordered;
    }

    /** The tokens of the last statement that is a query (not a let/set/declare), without the separator. */
    private List<Token> lastQueryStatement() {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : tokens) {
            switch (token.kind()) {
                case OPEN_PAREN, OPEN_BRACKET, OPEN_BRACE -> depth++;
                case CLOSE_PAREN, CLOSE_BRACKET, CLOSE_BRACE -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            if ((token.kind() == TokenKind.SEMICOLON && depth == 0) || token.kind() == TokenKind.END_OF_INPUT) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        for (int i = statements.size() - 1; i >= 0; i--) {
            List<Token> statement = statements.get(i);
            Token first = statement.get(0);
            if (first.kind() != TokenKind.IDENTIFIER || !STATEMENT_KEYWORDS.contains(word(first))) {
                return statement;
            }
        }
        return List.of();
    }

    /** Whether the query calls a function whose name starts with the prefix ({@code series_}, {@code geo_}). */
    boolean callsFunctionStartingWith(String prefix) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == TokenKind.IDENTIFIER && word(token).startsWith(prefix)
                    && tokens.get(i + 1).kind() == TokenKind.OPEN_PAREN) {
                return true;
            }
        }
        return false;
    }

    /** Whether the query uses the word as a name or keyword anywhere ({@code make-series}, {@code rand}). */
    boolean usesWord(String word) {
        for (Token token : tokens) {
            if (token.kind() == TokenKind.IDENTIFIER && word(token).equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an operator with this name starts a pipeline segment anywhere ({@code | sample 1}). */
    boolean usesOperator(String operator) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token next = tokens.get(i + 1);
            if (tokens.get(i).kind() == TokenKind.PIPE && next.kind() == TokenKind.IDENTIFIER
                    && word(next).equals(operator)) {
                return true;
            }
        }
        return false;
    }

    private String word(Token token) {
        return text.substring(token.start(), token.end()).toLowerCase(Locale.ROOT);
    }
}
