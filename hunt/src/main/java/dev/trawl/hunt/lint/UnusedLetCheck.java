package dev.trawl.hunt.lint;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.SyntaxNode;
import java.util.List;

/**
 * KQL5002: a {@code let} never referenced after it. In a hunting rule that is usually a tuning knob (a
 * threshold, a window) the author meant to apply and never did, so the rule is not tuned as it reads.
 */
final class UnusedLetCheck {
    void run(Script script, List<Diagnostic> out) {
        // A text of lets alone is a library of definitions for other queries to use, not a rule.
        if (script.statements().stream().noneMatch(statement -> statement instanceof Statement.Query)) {
            return;
        }
        statements(script.statements(), out);
        SyntaxWalk.each(script, node -> {
            if (node instanceof Expression.FunctionLiteral function) {
                statements(function.body().statements(), out);
            }
        });
    }

    private static void statements(List<Statement> statements, List<Diagnostic> out) {
        for (int i = 0; i < statements.size(); i++) {
            if (!(statements.get(i) instanceof Statement.Let let)) {
                continue;
            }
            String name = let.name().name();
            boolean used = false;
            for (int j = i + 1; j < statements.size() && !used; j++) {
                Statement later = statements.get(j);
                used = references(later, name);
                if (later instanceof Statement.Let again && again.name().name().equals(name)) {
                    break; // redeclared: later statements see the new one
                }
            }
            if (!used) {
                out.add(new Diagnostic(DiagnosticCode.UNUSED_LET.code(), Severity.WARNING, let.name().span(),
                        "'" + name + "' is declared but never used", List.of(),
                        "use '" + name + "' where it was meant to take effect, or remove the let"));
            }
        }
    }

    /**
     * True when {@code node} names {@code name}: as a name (a column, table, variable or function call) or
     * as {@code table("name")}. A column with the let's name also counts; that errs toward silence.
     */
    private static boolean references(SyntaxNode node, String name) {
        boolean[] found = {false};
        SyntaxWalk.each(node, child -> {
            if (child instanceof Expression.Name reference && reference.identifier().name().equals(name)) {
                found[0] = true;
            } else if (child instanceof Expression.Call call && call.function() instanceof Expression.Name function
                    && function.identifier().name().equals("table") && call.arguments().size() == 1
                    && call.arguments().get(0) instanceof Expression.Positional argument
                    && argument.value() instanceof Expression.StringLiteral literal
                    && literal.value().equals(name)) {
                found[0] = true;
            }
        });
        return found[0];
    }
}
