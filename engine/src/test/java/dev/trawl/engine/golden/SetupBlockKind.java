package dev.trawl.engine.golden;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.TestTables;
import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.golden.BlockKind;
import dev.trawl.kql.golden.ErrorBlockKind;
import dev.trawl.kql.golden.GoldenRunner;
import dev.trawl.kql.golden.KqlTestBlock;
import dev.trawl.kql.golden.KqlTestFile;
import dev.trawl.kql.syntax.SourceText;
import java.time.Instant;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * {@code setup Name}: runs its query (usually a {@code datatable}) and makes the result a table called
 * {@code Name} for every later block of the same file, so the blocks of one operator family share their
 * inputs without repeating them and their diagnostics keep the positions of their own text. A later setup of
 * the same name replaces the table for the blocks after it. A setup block has no {@code ----} section; as a
 * test it passes when its query runs.
 */
final class SetupBlockKind implements BlockKind {
    /** now() and ago() of every golden query, so they are reproducible. */
    static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");

    @Override
    public String expected(KqlTestBlock block) {
        throw new AssertionFailedError("a setup block runs only as part of its file");
    }

    @Override
    public String expected(KqlTestBlock block, KqlTestFile file) {
        if (block.hasExpectedSection()) {
            throw new AssertionFailedError("a setup block has no " + KqlTestFile.SEPARATOR + " section: it ends at "
                    + "the first blank line");
        }
        tableName(block);
        engineFor(block, file);
        return "";
    }

    @Override
    public boolean hasExpectedSection() {
        return false;
    }

    /**
     * An engine holding the tables of the file's setup blocks above {@code block} and, when {@code block} is a
     * setup itself, its own table too.
     */
    static Engine engineFor(KqlTestBlock block, KqlTestFile file) {
        Engine engine = new Engine(NOW);
        for (KqlTestBlock setup : file.blocks()) {
            if (setup.line() > block.line()) {
                break;
            }
            if (!setup.kind().equals("setup")) {
                continue;
            }
            QueryResult result;
            try {
                result = engine.run(new SourceText(GoldenRunner.SOURCE_NAME, setup.query()));
            } catch (QueryException e) {
                throw new AssertionFailedError("the setup block at line " + setup.line() + " failed:\n"
                        + ErrorBlockKind.render(new SourceText(GoldenRunner.SOURCE_NAME, setup.query()),
                                e.diagnostics()));
            }
            TestTables.register(engine, tableName(setup), result);
        }
        return engine;
    }

    private static String tableName(KqlTestBlock setup) {
        List<String> names = setup.arguments().stream().filter(a -> !a.equals("escapes")).toList();
        if (names.size() != 1) {
            throw new AssertionFailedError("the setup block at line " + setup.line() + " must name one table "
                    + "(setup Name), found " + names);
        }
        return names.get(0);
    }
}
