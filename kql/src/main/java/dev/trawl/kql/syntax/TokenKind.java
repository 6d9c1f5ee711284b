package dev.trawl.kql.syntax;

/** The kinds of token the lexer produces. Keywords are {@link #IDENTIFIER}s: KQL's keywords are contextual. */
public enum TokenKind {
    IDENTIFIER,
    /** {@code !has}, {@code !contains_cs}, {@code !in~}, {@code !between}: a negated word operator. */
    NEGATED_WORD,
    LONG,
    REAL,
    TIMESPAN,
    STRING,
    /** {@code datetime(...)}, {@code date(...)}, {@code timespan(...)}, {@code time(...)}, {@code guid(...)}. */
    RAW_LITERAL,
    PIPE("|"), OPEN_PAREN("("), CLOSE_PAREN(")"), OPEN_BRACKET("["), CLOSE_BRACKET("]"),
    OPEN_BRACE("{"), CLOSE_BRACE("}"), COMMA(","), SEMICOLON(";"), DOT("."), DOT_DOT(".."), COLON(":"),
    ASSIGN("="), EQUAL("=="), NOT_EQUAL("!="), LESS_GREATER("<>"), LESS("<"), LESS_OR_EQUAL("<="),
    GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL_TILDE("=~"), NOT_TILDE("!~"), PLUS("+"), MINUS("-"),
    STAR("*"), SLASH("/"), PERCENT("%"), ARROW("=>"), QUESTION("?"),
    /** Text the lexer could not read; it has reported a diagnostic for it. */
    BAD,
    END_OF_INPUT;

    private final String text;

    TokenKind() {
        this.text = null;
    }

    TokenKind(String text) {
        this.text = text;
    }

    /** The fixed spelling of a punctuation token, or null for tokens whose text varies. */
    public String text() {
        return text;
    }

    /** How the token is described in "expected X, found Y" messages. */
    public String describe() {
        return switch (this) {
            case IDENTIFIER -> "a name";
            case NEGATED_WORD -> "an operator";
            case LONG, REAL -> "a number";
            case TIMESPAN -> "a timespan";
            case STRING -> "a string";
            case RAW_LITERAL -> "a literal";
            case BAD -> "unreadable text";
            case END_OF_INPUT -> "the end of the query";
            default -> "'" + text + "'";
        };
    }
}
