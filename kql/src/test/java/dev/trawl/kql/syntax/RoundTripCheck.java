package dev.trawl.kql.syntax;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.syntax.ast.Script;

/**
 * The printer's contract as a check: a tree prints to KQL that parses without errors (warnings such as
 * {@code where a = b} come back as they were) to a tree with the same {@link SyntaxTrees#dump}.
 */
public final class RoundTripCheck {
    private RoundTripCheck() {
    }

    /** Null when {@code script} round-trips through {@link KqlPrinter}; otherwise what went wrong. */
    public static String failure(Script script) {
        String dump = SyntaxTrees.dump(script);
        String printed = KqlPrinter.print(script);
        SourceText source = new SourceText("printed.kql", printed);
        ParseResult again = Parser.parse(source);
        if (!again.ok()) {
            StringBuilder out = new StringBuilder("the printed query has errors:\n");
            for (Diagnostic diagnostic : again.diagnostics()) {
                out.append(DiagnosticRenderer.render(source, diagnostic));
            }
            return out.append("printed:\n").append(printed).toString();
        }
        String againDump = SyntaxTrees.dump(again.script());
        if (!dump.equals(againDump)) {
            int at = firstDifference(dump, againDump);
            return "printing and parsing again changed the tree; the dumps differ at character " + at
                    + ":\n  before: ..." + excerpt(dump, at) + "\n  after:  ..." + excerpt(againDump, at)
                    + "\nprinted:\n" + printed;
        }
        return null;
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 60);
        return text.substring(from, Math.min(text.length(), at + 100));
    }
}
