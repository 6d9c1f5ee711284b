package dev.trawl.kql.golden;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed {@code .kqltest} file, and the one place that knows its syntax (see {@code golden/README.md}).
 *
 * <pre>
 * # a comment, kept as the description of the next block
 * error
 * T | wher x &gt; 1
 * ----
 * error[KQL1012]: ...
 * </pre>
 *
 * The rules:
 * <ul>
 * <li>Outside a block, lines are blank, {@code #} comments, or a header: a line whose first word is a block
 *     keyword ({@link #KEYWORDS}); the rest of the header are arguments.</li>
 * <li>The query is every line after the header up to a line that is exactly {@code ----}; it may contain blank
 *     lines. The expected section follows the {@code ----}.</li>
 * <li>The expected section ends at the first blank line (or the end of the file), so it never holds a blank
 *     line: rendered diagnostics have none, and a later {@code query} block must write an empty row as a marker
 *     such as {@code (empty)}. The next non-blank line must be a header or a comment, so a mistyped keyword
 *     is an error instead of silently becoming part of the block before it.</li>
 * <li>Trailing whitespace of expected lines is not significant (editors strip it); line endings are
 *     {@code \n}, a {@code \r} before it is ignored.</li>
 * <li>A block without a {@code ----} ends at a blank line followed (after any more blank lines) by a header,
 *     a comment or the end of the file; it is for kinds with no expected section (a later {@code statement ok}
 *     or {@code setup}).</li>
 * </ul>
 * Every keyword a later block kind may use is reserved now, so adding a kind never changes how an existing
 * file splits into blocks.
 */
public final class KqlTestFile {
    /**
     * Block keywords. {@code error} and {@code parse} run today; the others are reserved for the engine's
     * blocks ({@code query <types> [rowsort|valuesort|nosort]}, {@code statement ok|error}, {@code setup}) and
     * for conditional or bulk directives.
     */
    public static final Set<String> KEYWORDS = Set.of(
            "error", "parse", "query", "statement", "setup", "skipif", "onlyif", "halt", "include", "bind");

    public static final String SEPARATOR = "----";

    private final String name;
    private final List<String> rawLines;
    private final boolean endsWithNewline;
    private final List<KqlTestBlock> blocks;

    private KqlTestFile(String name, List<String> rawLines, boolean endsWithNewline, List<KqlTestBlock> blocks) {
        this.name = name;
        this.rawLines = List.copyOf(rawLines);
        this.endsWithNewline = endsWithNewline;
        this.blocks = List.copyOf(blocks);
    }

    public String name() {
        return name;
    }

    public List<KqlTestBlock> blocks() {
        return blocks;
    }

    /** Parses the text of a file; {@code name} is used in error messages only. */
    public static KqlTestFile parse(String name, String content) {
        Objects.requireNonNull(name, "name");
        boolean endsWithNewline = content.endsWith("\n");
        String body = endsWithNewline ? content.substring(0, content.length() - 1) : content;
        List<String> raw = content.isEmpty() ? List.of() : List.of(body.split("\n", -1));
        List<String> lines = new ArrayList<>(raw.size());
        for (String line : raw) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        List<KqlTestBlock> blocks = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        int i = 0;
        int n = lines.size();
        while (i < n) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            if (line.startsWith("#")) {
                comment.add(line.substring(1).strip());
                i++;
                continue;
            }
            List<String> words = List.of(line.strip().split("\\s+"));
            String kind = words.get(0);
            if (!KEYWORDS.contains(kind)) {
                throw new KqlTestFormatException(name, i + 1, "expected a block keyword " + sorted(KEYWORDS)
                        + " or a # comment, found '" + line.strip() + "'");
            }
            int header = i;
            i++;
            int queryStart = i;
            while (i < n && !lines.get(i).equals(SEPARATOR) && !endsBlock(lines, i)) {
                i++;
            }
            int queryEnd = i;
            boolean hasExpected = i < n && lines.get(i).equals(SEPARATOR);
            int expectedStart = -1;
            int expectedEnd = -1;
            List<String> expected = new ArrayList<>();
            if (hasExpected) {
                expectedStart = i + 1;
                int j = expectedStart;
                while (j < n && !lines.get(j).isBlank()) {
                    if (lines.get(j).equals(SEPARATOR)) {
                        throw new KqlTestFormatException(name, j + 1, "a second " + SEPARATOR + " in the block at line "
                                + (header + 1) + "; separate blocks with a blank line");
                    }
                    expected.add(stripTrailing(lines.get(j)));
                    j++;
                }
                expectedEnd = j;
                while (j < n && lines.get(j).isBlank()) {
                    j++;
                }
                if (j < n && !lines.get(j).startsWith("#") && !isHeader(lines.get(j))) {
                    throw new KqlTestFormatException(name, j + 1, "expected a block keyword " + sorted(KEYWORDS)
                            + " or a # comment after the blank line that ends the block at line " + (header + 1)
                            + ", found '" + lines.get(j).strip() + "'");
                }
                i = j;
            }
            String query = String.join("\n", lines.subList(queryStart, queryEnd));
            List<String> arguments = words.subList(1, words.size());
            if (arguments.contains("escapes")) {
                query = unescape(query, name, queryStart + 1);
            }
            blocks.add(new KqlTestBlock(kind, arguments, header + 1, String.join("\n", comment), query, hasExpected,
                    expected, expectedStart, expectedEnd));
            comment.clear();
        }
        return new KqlTestFile(name, raw, endsWithNewline, blocks);
    }

    /**
     * The file's text with the expected sections of some blocks replaced, every other line kept byte for byte.
     * Keys are the blocks' header lines; values the new expected text (lines joined with {@code \n}).
     */
    public String withExpected(Map<Integer, String> newExpected) {
        List<KqlTestBlock> targets = new ArrayList<>();
        for (KqlTestBlock block : blocks) {
            if (newExpected.containsKey(block.line())) {
                if (!block.hasExpectedSection()) {
                    throw new IllegalArgumentException(name + ":" + block.line() + " has no " + SEPARATOR + " section");
                }
                targets.add(block);
            }
        }
        if (targets.size() != newExpected.size()) {
            throw new IllegalArgumentException("no block starts at some of the lines " + newExpected.keySet());
        }
        targets.sort(Comparator.comparingInt(KqlTestBlock::expectedStart));
        List<String> out = new ArrayList<>(rawLines.size());
        int next = 0;
        for (KqlTestBlock block : targets) {
            out.addAll(rawLines.subList(next, block.expectedStart()));
            String text = newExpected.get(block.line());
            if (!text.isEmpty()) {
                for (String line : text.split("\n", -1)) {
                    out.add(stripTrailing(line));
                }
            }
            next = block.expectedEnd();
        }
        out.addAll(rawLines.subList(next, rawLines.size()));
        String joined = String.join("\n", out);
        return endsWithNewline ? joined + "\n" : joined;
    }

    /** Normalises an actual result the way expected sections are read: no trailing blanks or blank lines. */
    public static String normalize(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(stripTrailing(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    /** True when line {@code i} is blank and the next non-blank line starts a block, is a comment, or is EOF. */
    private static boolean endsBlock(List<String> lines, int i) {
        if (!lines.get(i).isBlank()) {
            return false;
        }
        int j = i;
        while (j < lines.size() && lines.get(j).isBlank()) {
            j++;
        }
        if (j == lines.size()) {
            return true;
        }
        String next = lines.get(j);
        return next.startsWith("#") || isHeader(next);
    }

    private static boolean isHeader(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return false;
        }
        String first = line.strip().split("\\s+", 2)[0];
        return KEYWORDS.contains(first);
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    /**
     * Decodes the escapes of a block whose header says {@code escapes}, so a file stays readable text while
     * its query holds NUL, control characters, lone surrogates or CR: {@code \\ \n \r \t \0 \xHH \\uHHHH}.
     */
    static String unescape(String text, String fileName, int firstLine) {
        StringBuilder out = new StringBuilder(text.length());
        int line = firstLine;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new KqlTestFormatException(fileName, line, "a lone \\ at the end of an escaped query");
            }
            char e = text.charAt(++i);
            switch (e) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case 'x' -> {
                    out.append((char) hex(text, i + 1, 2, fileName, line));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) hex(text, i + 1, 4, fileName, line));
                    i += 4;
                }
                default -> throw new KqlTestFormatException(fileName, line, "unknown escape \\" + e
                        + " (known: \\\\ \\n \\r \\t \\0 \\xHH \\uHHHH)");
            }
        }
        return out.toString();
    }

    private static int hex(String text, int from, int digits, String fileName, int line) {
        if (from + digits > text.length()) {
            throw new KqlTestFormatException(fileName, line, "escape needs " + digits + " hex digits");
        }
        int value = 0;
        for (int k = from; k < from + digits; k++) {
            int d = Character.digit(text.charAt(k), 16);
            if (d < 0) {
                throw new KqlTestFormatException(fileName, line, "escape needs " + digits + " hex digits, found '"
                        + text.substring(from, from + digits) + "'");
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
