package dev.trawl.kql.golden;

import static dev.trawl.kql.golden.DynamicTests.failure;
import static dev.trawl.kql.golden.DynamicTests.flatten;
import static dev.trawl.kql.golden.DynamicTests.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.ModuleDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code .kqltest} reader, the rewriter and the runner's update mode, on files made up here. */
class KqlTestFormatTest {
    private static final String SAMPLE = """
            # misspelt where
            # (two comment lines)
            error
            T | wher x > 1
            ----
            error[KQL1012]: unknown operator 'wher'
             --> query.kql:1:5
            error[KQL1011]: second diagnostic



            # an empty query: the header is followed by ---- at once
            error
            ----

            parse
            let a = 1;

            T | take a
            ----
            ok

            query IT rowsort
            T
            ----
            1 a
            """;

    @Test
    void splitsBlocksAtTheFirstBlankLineAfterTheSeparator() {
        List<KqlTestBlock> blocks = KqlTestFile.parse("sample.kqltest", SAMPLE).blocks();
        assertEquals(4, blocks.size());

        KqlTestBlock first = blocks.get(0);
        assertEquals("error", first.kind());
        assertEquals(3, first.line());
        assertEquals("misspelt where\n(two comment lines)", first.comment());
        assertEquals("T | wher x > 1", first.query());
        assertEquals(List.of("error[KQL1012]: unknown operator 'wher'", " --> query.kql:1:5",
                "error[KQL1011]: second diagnostic"), first.expectedLines());

        KqlTestBlock empty = blocks.get(1);
        assertEquals(13, empty.line());
        assertEquals("", empty.query());
        assertTrue(empty.hasExpectedSection());
        assertEquals(List.of(), empty.expectedLines());
        assertEquals(empty.expectedStart(), empty.expectedEnd());
        assertEquals("an empty query: the header is followed by ---- at once", empty.comment());

        KqlTestBlock parse = blocks.get(2);
        assertEquals("let a = 1;\n\nT | take a", parse.query());
        assertEquals("ok", parse.expected());
        assertEquals("", parse.comment());

        KqlTestBlock query = blocks.get(3);
        assertEquals("query", query.kind());
        assertEquals(List.of("IT", "rowsort"), query.arguments());
        assertEquals("1 a", query.expected());
    }

    @Test
    void aMistypedKeywordAfterABlockIsAFormatError() {
        KqlTestFormatException e = assertThrows(KqlTestFormatException.class,
                () -> KqlTestFile.parse("x.kqltest", "error\na\n----\nout\n\n\nerorr\nb\n----\n"));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("found 'erorr'"), e.getMessage());
    }

    @Test
    void aSecondSeparatorWithoutABlankLineIsAFormatError() {
        KqlTestFormatException e = assertThrows(KqlTestFormatException.class,
                () -> KqlTestFile.parse("x.kqltest", "error\na\n----\nout\nerror\nb\n----\nout\n"));
        assertEquals(7, e.line());
    }

    @Test
    void unknownKeywordIsAFormatErrorWithItsLine() {
        KqlTestFormatException e = assertThrows(KqlTestFormatException.class,
                () -> KqlTestFile.parse("x.kqltest", "# c\n\nerorr\nT\n----\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("x.kqltest:3: expected a block keyword"), e.getMessage());
    }

    @Test
    void escapesDecodeOnlyWhenTheHeaderAsksForThem() {
        String file = "error escapes\nT\\x00\\t\\u00e9\\uD800\\\\n\\r\n----\n\nerror\nT\\x00\n----\n";
        List<KqlTestBlock> blocks = KqlTestFile.parse("e.kqltest", file).blocks();
        assertEquals("T\0\t\u00e9\uD800\\n\r", blocks.get(0).query());
        assertEquals("T\\x00", blocks.get(1).query());
        assertThrows(KqlTestFormatException.class, () -> KqlTestFile.parse("e.kqltest", "error escapes\n\\q\n----\n"));
    }

    @Test
    void carriageReturnsBeforeNewlinesAreIgnored() {
        String crlf = SAMPLE.replace("\n", "\r\n");
        assertEquals(KqlTestFile.parse("a", SAMPLE).blocks(), KqlTestFile.parse("a", crlf).blocks());
    }

    @Test
    void trailingWhitespaceIsNotSignificant() {
        assertEquals("1 |\n  | ^", KqlTestFile.normalize("1 | \n  | ^  \n\n"));
        KqlTestBlock block = KqlTestFile.parse("a", "error\nx\n----\n1 | \t\n").blocks().get(0);
        assertEquals("1 |", block.expected());
    }

    @Test
    void rewritingReplacesOnlyTheExpectedSections() {
        KqlTestFile file = KqlTestFile.parse("sample.kqltest", SAMPLE);
        String rewritten = file.withExpected(Map.of(3, "new A\nnew B", 13, "recorded"));
        String expected = SAMPLE
                .replace("error[KQL1012]: unknown operator 'wher'\n --> query.kql:1:5\n"
                        + "error[KQL1011]: second diagnostic\n", "new A\nnew B\n")
                .replace("error\n----\n\nparse", "error\n----\nrecorded\n\nparse");
        assertEquals(expected, rewritten);
        assertEquals(List.of("new A", "new B"), KqlTestFile.parse("s", rewritten).blocks().get(0).expectedLines());
        assertEquals("recorded", KqlTestFile.parse("s", rewritten).blocks().get(1).expected());
    }

    @Test
    void rewritingKeepsAMissingFinalNewlineMissing() {
        KqlTestFile file = KqlTestFile.parse("a", "error\nx\n----");
        assertEquals("error\nx\n----\nout", file.withExpected(Map.of(1, "out")));
    }

    @Test
    void updateModeWritesExactlyTheExpectedSectionsOfTheSelectedBlocks(@TempDir Path dir) throws Throwable {
        String original = """
                # shouts the query
                error
                abc
                ----

                # already right: left alone, byte for byte (note the trailing spaces of the comment)  \s
                error
                ok
                ----
                E:OK

                # wrong: rewritten
                error
                two
                lines
                ----
                stale line 1
                stale line 2

                # this kind throws, so its section stays as it is
                error
                boom
                ----
                keep me
                """;
        Path file = dir.resolve("sample.kqltest");
        Files.writeString(file, original, StandardCharsets.UTF_8);
        BlockKind shout = block -> {
            if (block.query().equals("boom")) {
                throw new AssertionError("boom");
            }
            return "E:" + block.query().toUpperCase() + "\n";
        };

        List<DynamicTest> tests = flatten(new GoldenRunner(Map.of("error", shout), true, null).tests(dir).toList());
        assertEquals(List.of("sample.kqltest:2 (updated)", "sample.kqltest:7", "sample.kqltest:13 (updated)",
                "sample.kqltest:21"), tests.stream().map(DynamicNode::getDisplayName).toList());
        assertEquals(List.of(true, true, true, false), outcomes(tests));

        String expected = original
                .replace("abc\n----\n", "abc\n----\nE:ABC\n")
                .replace("stale line 1\nstale line 2\n", "E:TWO\nLINES\n");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8));

        // Compare mode now passes everywhere except the throwing block.
        List<DynamicTest> again = flatten(new GoldenRunner(Map.of("error", shout), false, null).tests(dir).toList());
        assertEquals(List.of(true, true, true, false), outcomes(again));
    }

    @Test
    void updateModeRefusesOutputThatWouldNotReadBack(@TempDir Path dir) throws IOException {
        String original = "error\na\n----\nold\n";
        Path file = dir.resolve("f.kqltest");
        Files.writeString(file, original, StandardCharsets.UTF_8);
        BlockKind blankLine = block -> "one\n\ntwo";
        List<DynamicTest> tests = flatten(new GoldenRunner(Map.of("error", blankLine), true, null).tests(dir).toList());
        assertTrue(failure(tests.get(0)).contains("would not read back"), failure(tests.get(0)));
        assertEquals(original, Files.readString(file));
    }

    @Test
    void updateModeWithAFilterTouchesOnlyMatchingBlocks(@TempDir Path dir) throws IOException {
        String original = "error\na\n----\nold\n\n# the second\nerror\nb\n----\nold\n";
        Path file = dir.resolve("f.kqltest");
        Files.writeString(file, original, StandardCharsets.UTF_8);
        BlockKind upper = block -> block.query().toUpperCase();

        List<DynamicTest> byComment = flatten(new GoldenRunner(Map.of("error", upper), true, "second").tests(dir)
                .toList());
        assertEquals(List.of("f.kqltest:7 (updated)"), byComment.stream().map(DynamicNode::getDisplayName).toList());
        assertEquals("error\na\n----\nold\n\n# the second\nerror\nb\n----\nB\n", Files.readString(file));

        flatten(new GoldenRunner(Map.of("error", upper), true, "f.kqltest:1").tests(dir).toList());
        assertEquals("error\na\n----\nA\n\n# the second\nerror\nb\n----\nB\n", Files.readString(file));
    }

    @Test
    void aKindSeesTheWholeFileEvenWhenTheFilterSelectsOneBlock(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("f.kqltest"), "error\nfirst\n----\n\n# the second\nerror\nsecond\n----\n2 of 2\n");
        BlockKind position = new BlockKind() {
            @Override
            public String expected(KqlTestBlock block) {
                throw new AssertionError("the runner must pass the file");
            }

            @Override
            public String expected(KqlTestBlock block, KqlTestFile file) {
                return (file.blocks().indexOf(block) + 1) + " of " + file.blocks().size();
            }
        };
        List<DynamicTest> tests = flatten(new GoldenRunner(Map.of("error", position), false, "second").tests(dir)
                .toList());
        assertEquals(List.of("f.kqltest:6"), tests.stream().map(DynamicNode::getDisplayName).toList());
        assertEquals(List.of(true), outcomes(tests));
    }

    @Test
    void compareModeExplainsMissingAndWrongExpectations(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("c.kqltest"), "error\na\n----\n\nerror\nb\n----\nwrong\n\nquery I\nc\n----\n1\n");
        BlockKind upper = block -> block.query().toUpperCase();
        List<DynamicTest> tests = flatten(new GoldenRunner(Map.of("error", upper), false, null).tests(dir).toList());
        assertEquals(List.of("c.kqltest:1", "c.kqltest:5", "c.kqltest:10"),
                tests.stream().map(DynamicNode::getDisplayName).toList());
        assertTrue(failure(tests.get(0)).contains("-Dkqltest.update=true"), failure(tests.get(0)));
        assertTrue(failure(tests.get(0)).contains("It would record:\nA"), failure(tests.get(0)));
        assertTrue(failure(tests.get(1)).contains("output differs"), failure(tests.get(1)));
        assertTrue(failure(tests.get(2)).contains("'query' blocks are reserved"), failure(tests.get(2)));
    }

    @Test
    void anUnreadableFileIsOneFailingTestAtTheBadLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.kqltest"), "error\nx\n----\n\n# c\nnonsense\n");
        List<DynamicTest> tests = flatten(new GoldenRunner(Map.of(), false, null).tests(dir).toList());
        assertEquals(List.of("bad.kqltest:6"), tests.stream().map(DynamicNode::getDisplayName).toList());
        assertFalse(outcomes(tests).get(0));
    }

    /** Files waiting for their expectations to be recorded must at least be well-formed. */
    @Test
    void pendingGoldenFilesAreWellFormed() throws IOException {
        Path golden = ModuleDirectory.path().resolve("src/test/resources/golden");
        try (var files = Files.list(golden)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".kqltest.pending")).toList()) {
                List<KqlTestBlock> blocks = KqlTestFile.parse(file.getFileName().toString(), Files.readString(file))
                        .blocks();
                assertFalse(blocks.isEmpty(), file + " has no blocks");
                for (KqlTestBlock block : blocks) {
                    assertTrue(block.hasExpectedSection(), file + ":" + block.line() + " has no ----");
                    assertFalse(block.comment().isEmpty(), file + ":" + block.line() + " has no # comment");
                }
            }
        }
    }



}
