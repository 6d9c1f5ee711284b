package dev.trawl.hunt.lint;

import dev.trawl.kql.syntax.SyntaxTrees;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.SyntaxNode;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every node below a syntax node, in source order. The checks switch over the few node kinds they reason
 * about; to find those kinds anywhere in a query they need every node's children, and reading the record
 * components (as {@link dev.trawl.kql.syntax.SyntaxTrees} does) keeps that right as the tree gains nodes.
 */
final class SyntaxWalk {
    private SyntaxWalk() {
    }

    /** Calls {@code visitor} on {@code node} and every node below it, parents before children. */
    static void each(SyntaxNode node, Consumer<SyntaxNode> visitor) {
        visitor.accept(node);
        for (SyntaxNode child : SyntaxTrees.children(node)) {
            each(child, visitor);
        }
    }

    /**
     * Calls {@code visitor} on every node of {@code script} with the lets in scope there: a statement sees
     * the lets before it, a function body its parameters (opaque) and its own earlier lets.
     */
    static void eachWithLets(Script script, BiConsumer<SyntaxNode, Lets> visitor) {
        visitor.accept(script, Lets.NONE);
        statements(script.statements(), Lets.NONE, visitor);
    }

    private static Lets statements(List<Statement> statements, Lets lets, BiConsumer<SyntaxNode, Lets> visitor) {
        Lets current = lets;
        for (Statement statement : statements) {
            eachWithLets(statement, current, visitor);
            if (statement instanceof Statement.Let let) {
                current = current.with(let.name().name(), let.value());
            }
        }
        return current;
    }

    private static void eachWithLets(SyntaxNode node, Lets lets, BiConsumer<SyntaxNode, Lets> visitor) {
        visitor.accept(node, lets);
        if (node instanceof Expression.FunctionLiteral function) {
            Lets inner = lets;
            for (Parts.Parameter parameter : function.parameters()) {
                inner = inner.withOpaque(parameter.name().name());
            }
            visitor.accept(function.body(), inner);
            statements(function.body().statements(), inner, visitor);
            return;
        }
        for (SyntaxNode child : SyntaxTrees.children(node)) {
            eachWithLets(child, lets, visitor);
        }
    }
}
