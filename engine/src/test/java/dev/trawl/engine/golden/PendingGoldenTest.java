package dev.trawl.engine.golden;

import static dev.trawl.kql.golden.DynamicTests.failure;
import static dev.trawl.kql.golden.DynamicTests.flatten;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.golden.GoldenRunner;
import dev.trawl.kql.golden.KqlTestBlock;
import dev.trawl.kql.golden.KqlTestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The {@code *.kqltest.pending} files hold blocks whose expectation is Kusto's documented answer but which Trawl
 * does not give yet. GoldenTest skips them; this test keeps them honest: each is well-formed, says in its comment
 * why it is pending (with the Kusto source), has its expectation written down, and still fails. When one passes,
 * this fails so the block moves into its {@code .kqltest} file. Update mode never touches these files.
 */
class PendingGoldenTest {
    private static final String PENDING = ".kqltest.pending";

    @TestFactory
    Stream<DynamicNode> pendingBlocksStillFail() throws IOException {
        Path root = GoldenTest.goldenDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(PENDING)).sorted().toList();
        }
        GoldenRunner runner = new GoldenRunner(GoldenTest.kinds(), false, null);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            KqlTestFile parsed = KqlTestFile.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            Map<String, KqlTestBlock> byName = new HashMap<>();
            for (KqlTestBlock block : parsed.blocks()) {
                byName.put(GoldenRunner.testName(name, block), block);
            }
            List<DynamicTest> blocks = new ArrayList<>();
            for (DynamicTest test : flatten(runner.fileTests(name, file).stream().toList())) {
                KqlTestBlock block = byName.get(test.getDisplayName());
                blocks.add(DynamicTest.dynamicTest(test.getDisplayName(), () -> check(block, test)));
            }
            nodes.add(DynamicContainer.dynamicContainer(name, blocks.stream()));
        }
        return nodes.stream();
    }

    private static void check(KqlTestBlock block, DynamicTest test) {
        String failure = failure(test);
        if (block.kind().equals("setup")) {
            assertTrue(failure == null, "a setup block of a pending file must run: " + failure);
            return;
        }
        assertFalse(block.comment().isBlank(), "a pending block says in a # comment why it is pending and where "
                + "Kusto documents the expected answer");
        assertFalse(block.expectedLines().isEmpty(), "a pending block holds the expected (Kusto) answer");
        if (failure == null) {
            throw new AssertionFailedError("this pending block now passes: move it into its .kqltest file");
        }
    }


}
