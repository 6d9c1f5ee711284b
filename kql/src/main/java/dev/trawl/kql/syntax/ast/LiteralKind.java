package dev.trawl.kql.syntax.ast;

/** The kind of a non-string, non-dynamic literal, as the lexer and parser recognised it. */
public enum LiteralKind {
    BOOL, INT, LONG, REAL, DECIMAL, DATETIME, TIMESPAN, GUID,
    /** A typed null such as {@code long(null)} or {@code string(null)}; the text names the type. */
    TYPED_NULL
}
