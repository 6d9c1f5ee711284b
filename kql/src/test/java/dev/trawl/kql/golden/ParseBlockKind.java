package dev.trawl.kql.golden;

import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.RoundTripCheck;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.SyntaxTrees;
import org.opentest4j.AssertionFailedError;

/**
 * {@code parse}: the query must parse with no diagnostic at all, and print back to KQL that parses to the same
 * tree. The expected section is the tree's {@link SyntaxTrees#dump}, or just {@code ok} when only those two
 * facts are checked (update mode keeps an {@code ok} as it is).
 */
public final class ParseBlockKind implements BlockKind {
    public static final String OK = "ok";

    @Override
    public String expected(KqlTestBlock block) {
        SourceText source = new SourceText(GoldenRunner.SOURCE_NAME, block.query());
        ParseResult result = Parser.parse(source);
        if (!result.diagnostics().isEmpty()) {
            throw new AssertionFailedError("a parse block, but the query has diagnostics:\n"
                    + ErrorBlockKind.render(source, result.diagnostics()));
        }
        String failure = RoundTripCheck.failure(result.script());
        if (failure != null) {
            throw new AssertionFailedError(failure);
        }
        return block.expected().equals(OK) ? OK : SyntaxTrees.dump(result.script());
    }
}
