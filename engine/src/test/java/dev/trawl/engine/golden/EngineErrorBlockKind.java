package dev.trawl.engine.golden;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.golden.BlockKind;
import dev.trawl.kql.golden.ErrorBlockKind;
import dev.trawl.kql.golden.GoldenRunner;
import dev.trawl.kql.golden.KqlTestBlock;
import dev.trawl.kql.golden.KqlTestFile;
import dev.trawl.kql.syntax.SourceText;
import org.opentest4j.AssertionFailedError;

/**
 * {@code error} in the engine: the whole engine runs (parse, bind over the file's setup tables, execute), the query
 * must be rejected at some stage, and the expected section is every diagnostic rendered as the CLI prints them. The
 * front end's {@code error} kind stops after parsing; this one also records binding and runtime errors.
 */
final class EngineErrorBlockKind implements BlockKind {
    @Override
    public String expected(KqlTestBlock block) {
        throw new AssertionFailedError("an engine error block runs only as part of its file");
    }

    @Override
    public String expected(KqlTestBlock block, KqlTestFile file) {
        SourceText source = new SourceText(GoldenRunner.SOURCE_NAME, block.query());
        QueryResult result;
        try {
            result = SetupBlockKind.engineFor(block, file).run(source);
        } catch (QueryException e) {
            return ErrorBlockKind.render(source, e.diagnostics());
        }
        throw new AssertionFailedError("an error block, but the query ran and returned " + result.rowCount()
                + " row(s)");
    }
}
