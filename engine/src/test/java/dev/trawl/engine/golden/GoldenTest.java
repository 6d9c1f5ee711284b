package dev.trawl.engine.golden;

import dev.trawl.kql.ModuleDirectory;
import dev.trawl.kql.golden.BlockKind;
import dev.trawl.kql.golden.GoldenRunner;
import dev.trawl.kql.golden.ParseBlockKind;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code engine/src/test/resources/golden/**}{@code /*.kqltest} file through the whole engine. Record or
 * refresh expectations with {@code -Dtest=GoldenTest -Dkqltest.update=true [-Dkqltest.filter=join.kqltest:12]}
 * and review the diff.
 */
class GoldenTest {
    /** The engine's block kinds: the front end's {@code parse}, and {@code error}, {@code query}, {@code setup}. */
    static Map<String, BlockKind> kinds() {
        Map<String, BlockKind> kinds = new LinkedHashMap<>();
        kinds.put("parse", new ParseBlockKind());
        kinds.put("error", new EngineErrorBlockKind());
        kinds.put("query", new QueryBlockKind());
        kinds.put("setup", new SetupBlockKind());
        return kinds;
    }

    static Path goldenDirectory() {
        return ModuleDirectory.of(GoldenTest.class).resolve("src/test/resources/golden");
    }

    @TestFactory
    Stream<DynamicNode> golden() {
        return new GoldenRunner(kinds(), Boolean.parseBoolean(System.getProperty(GoldenRunner.UPDATE_PROPERTY,
                "false")), System.getProperty(GoldenRunner.FILTER_PROPERTY)).tests(goldenDirectory());
    }
}
