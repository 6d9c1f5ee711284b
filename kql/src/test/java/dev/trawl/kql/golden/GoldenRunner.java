package dev.trawl.kql.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Turns {@code .kqltest} files into JUnit dynamic tests, one per block, named {@code file.kqltest:LINE}.
 * With {@code -Dkqltest.filter=text} only blocks whose name or comment contains the text run. With
 * {@code -Dkqltest.update=true} each selected block's expected section is rewritten in the file it came from
 * (the source file under {@code src/test/resources}, so the change shows in the diff for review); blocks that
 * cannot pass whatever is recorded still fail and are left alone.
 */
public final class GoldenRunner {
    /** The file name every golden query is parsed under, so rendered {@code --> query.kql:1:5} lines are stable. */
    public static final String SOURCE_NAME = "query.kql";
    public static final String UPDATE_PROPERTY = "kqltest.update";
    public static final String FILTER_PROPERTY = "kqltest.filter";
    public static final String EXTENSION = ".kqltest";

    private final Map<String, BlockKind> kinds;
    private final boolean update;
    private final String filter;

    /**
     * @param kinds how each block keyword runs; a reserved keyword with no entry fails its blocks
     * @param update rewrite expected sections instead of comparing them
     * @param filter run only blocks whose name or comment contains this; null or empty runs all
     */
    public GoldenRunner(Map<String, BlockKind> kinds, boolean update, String filter) {
        this.kinds = Map.copyOf(kinds);
        this.update = update;
        this.filter = filter == null || filter.isEmpty() ? null : filter;
    }

    /** The runner the build uses: the front end's block kinds, update mode and filter from system properties. */
    public static GoldenRunner fromSystemProperties() {
        Map<String, BlockKind> kinds = new LinkedHashMap<>();
        kinds.put("error", new ErrorBlockKind());
        kinds.put("parse", new ParseBlockKind());
        return new GoldenRunner(kinds, Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false")),
                System.getProperty(FILTER_PROPERTY));
    }

    /** A container per {@code .kqltest} file under {@code root} (recursively, sorted), holding its blocks. */
    public Stream<DynamicNode> tests(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no golden directory " + root);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXTENSION))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            fileTests(name, file).ifPresent(nodes::add);
        }
        return nodes.stream();
    }

    /** The tests of one file, or nothing when the filter selects none of its blocks. */
    public Optional<DynamicNode> fileTests(String name, Path file) {
        KqlTestFile parsed;
        try {
            parsed = KqlTestFile.parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (KqlTestFormatException e) {
            return Optional.of(DynamicTest.dynamicTest(name + ":" + e.line(), source(file, e.line()), () -> {
                throw e;
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<KqlTestBlock> selected = new ArrayList<>();
        for (KqlTestBlock block : parsed.blocks()) {
            if (filter == null || testName(name, block).contains(filter) || block.comment().contains(filter)) {
                selected.add(block);
            }
        }
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        List<DynamicTest> tests = update ? updateFile(name, file, parsed, selected)
                : compareTests(name, file, parsed, selected);
        return Optional.of(DynamicContainer.dynamicContainer(name, file.toUri(), tests.stream()));
    }

    private List<DynamicTest> compareTests(String name, Path file, KqlTestFile parsed, List<KqlTestBlock> blocks) {
        List<DynamicTest> tests = new ArrayList<>();
        for (KqlTestBlock block : blocks) {
            String testName = testName(name, block);
            tests.add(DynamicTest.dynamicTest(testName, source(file, block.line()), () -> {
                BlockKind kind = kindOf(block);
                if (!kind.hasExpectedSection()) {
                    kind.expected(block, parsed);
                    return;
                }
                String actual = KqlTestFile.normalize(kind.expected(block, parsed));
                if (block.expectedLines().isEmpty()) {
                    throw new AssertionFailedError(testName + ": no expected output recorded yet; record it by "
                            + "running this module's GoldenTest with\n  -Dkqltest.update=true -Dkqltest.filter="
                            + testName + "\nand review the diff. It would record:\n" + actual);
                }
                if (!actual.equals(block.expected())) {
                    throw new AssertionFailedError(testName + (block.comment().isEmpty() ? "" : " (" + firstLine(
                            block.comment()) + ")") + ": output differs from the expected section; if the new "
                            + "output is right, rerun with -Dkqltest.update=true and review the diff",
                            block.expected(), actual);
                }
            }));
        }
        return tests;
    }

    /**
     * Runs every selected block now, rewrites the file once with the new expected sections, and returns tests
     * that report each block's outcome. Eager so the write never depends on the order tests execute in.
     */
    private List<DynamicTest> updateFile(String name, Path file, KqlTestFile parsed, List<KqlTestBlock> blocks) {
        Map<Integer, String> changes = new LinkedHashMap<>();
        Map<Integer, Throwable> failures = new LinkedHashMap<>();
        for (KqlTestBlock block : blocks) {
            try {
                BlockKind kind = kindOf(block);
                String actual = KqlTestFile.normalize(kind.expected(block, parsed));
                if (kind.hasExpectedSection() && !actual.equals(block.expected())) {
                    if (!StandardCharsets.UTF_8.newEncoder().canEncode(actual)) {
                        throw new AssertionFailedError("the output holds text that UTF-8 cannot encode (a lone "
                                + "surrogate?), so it cannot be recorded:\n" + actual);
                    }
                    changes.put(block.line(), actual);
                }
            } catch (Throwable t) {
                failures.put(block.line(), t);
            }
        }
        // Each change must read back as written, or the file would split into different blocks next time.
        for (KqlTestBlock block : blocks) {
            String wanted = changes.get(block.line());
            if (wanted == null) {
                continue;
            }
            if (!readsBack(name, parsed, block, wanted)) {
                changes.remove(block.line());
                failures.put(block.line(), new AssertionFailedError("the new expected section would not read back "
                        + "as written (expected sections cannot hold blank lines), so it was not recorded:\n"
                        + wanted));
            }
        }
        if (!changes.isEmpty()) {
            String text = parsed.withExpected(changes);
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            System.out.println("kqltest: updated " + changes.size() + " expected section(s) in " + file);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (KqlTestBlock block : blocks) {
            Throwable failure = failures.get(block.line());
            Executable outcome = failure == null ? () -> { } : () -> {
                throw failure;
            };
            String testName = testName(name, block) + (changes.containsKey(block.line()) ? " (updated)" : "");
            tests.add(DynamicTest.dynamicTest(testName, source(file, block.line()), outcome));
        }
        return tests;
    }

    private static boolean readsBack(String name, KqlTestFile parsed, KqlTestBlock block, String wanted) {
        try {
            List<KqlTestBlock> after = KqlTestFile.parse(name, parsed.withExpected(Map.of(block.line(), wanted)))
                    .blocks();
            int index = parsed.blocks().indexOf(block);
            return after.size() == parsed.blocks().size() && after.get(index).expected().equals(wanted);
        } catch (KqlTestFormatException e) {
            return false;
        }
    }

    private BlockKind kindOf(KqlTestBlock block) {
        BlockKind kind = kinds.get(block.kind());
        if (kind == null) {
            throw new AssertionFailedError("'" + block.kind() + "' blocks are reserved in the format but this runner "
                    + "does not run them yet (it runs " + kinds.keySet().stream().sorted().toList() + ")");
        }
        if (kind.hasExpectedSection() && !block.hasExpectedSection()) {
            throw new AssertionFailedError("a '" + block.kind() + "' block needs a " + KqlTestFile.SEPARATOR
                    + " line after its query");
        }
        return kind;
    }

    public static String testName(String fileName, KqlTestBlock block) {
        return fileName + ":" + block.line();
    }

    private static URI source(Path file, int line) {
        return URI.create(file.toUri() + "?line=" + line);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
