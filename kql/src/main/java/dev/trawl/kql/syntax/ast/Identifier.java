package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;
import java.util.Objects;

/** A name as written, unquoted: {@code Timestamp}, {@code $left}, or the text inside {@code ['a b']}. */
public record Identifier(String name, Span span) implements SyntaxNode {
    public Identifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
    }
}
