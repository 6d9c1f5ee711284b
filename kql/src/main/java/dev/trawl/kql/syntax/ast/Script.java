package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;
import java.util.List;
import java.util.Objects;

/** A whole query text: statements separated by semicolons, usually some {@code let}s and one query. */
public record Script(List<Statement> statements, Span span) implements SyntaxNode {
    public Script {
        statements = List.copyOf(statements);
        Objects.requireNonNull(span, "span");
    }
}
