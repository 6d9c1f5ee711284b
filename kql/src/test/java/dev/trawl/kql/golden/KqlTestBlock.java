package dev.trawl.kql.golden;

import java.util.List;
import java.util.Objects;

/**
 * One block of a {@code .kqltest} file: its kind and arguments (the header line), the query text, and the
 * expected section exactly as recorded. Line numbers are 1-based lines of the file.
 *
 * @param kind the first word of the header ({@code error}, {@code parse}, ...)
 * @param arguments the other words of the header ({@code escapes}, later {@code rowsort}, types, ...)
 * @param line the header's line: the block's name is {@code file:line}
 * @param comment the {@code #} comment lines written just before the block, without the {@code #}
 * @param query the query text: the lines between the header and {@code ----}, joined with {@code \n}
 * @param hasExpectedSection whether the block has a {@code ----} line
 * @param expectedLines the lines after {@code ----}, with trailing whitespace removed
 * @param expectedStart 0-based index of the first line after {@code ----} (or -1)
 * @param expectedEnd 0-based index one past the last expected line (equal to expectedStart when empty)
 */
public record KqlTestBlock(
        String kind,
        List<String> arguments,
        int line,
        String comment,
        String query,
        boolean hasExpectedSection,
        List<String> expectedLines,
        int expectedStart,
        int expectedEnd) {
    public KqlTestBlock {
        Objects.requireNonNull(kind, "kind");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(query, "query");
        expectedLines = List.copyOf(expectedLines);
    }

    /** The expected section as one string, lines joined with {@code \n}, no trailing newline. */
    public String expected() {
        return String.join("\n", expectedLines);
    }

    public boolean hasArgument(String argument) {
        return arguments.contains(argument);
    }
}
