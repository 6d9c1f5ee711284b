package dev.trawl.kql.syntax;

/** A token: its kind and where it is. Its text is {@code source.substring(start, end)}. */
public record Token(TokenKind kind, int start, int end) {
    public Span span() {
        return new Span(start, end);
    }
}
