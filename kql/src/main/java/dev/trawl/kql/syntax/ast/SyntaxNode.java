package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;

/**
 * Any node of the syntax tree: what was written and where, with no types. The node families that code
 * switches over ({@link Statement}, {@link Expression}, {@link TabularOperator} and the sealed parts in
 * {@link Parts}) are sealed, so a new node breaks the build wherever it must be handled.
 */
public interface SyntaxNode {
    Span span();
}
