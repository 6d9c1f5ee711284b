package dev.trawl.kql.syntax;

import dev.trawl.kql.ModuleDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Collects the inputs a fuzz run broke the parser with: the first few in full (also written to
 * {@code kql/target/parser-fuzz/}), the rest only counted, so one bug does not bury the report.
 */
final class FuzzFailures {
    private final String run;
    private final int keep;
    private final List<String> reports = new ArrayList<>();
    private long count;

    FuzzFailures(String run, int keep) {
        this.run = run;
        this.keep = keep;
    }

    synchronized void add(String label, String reproduce, String problem, String input) {
        count++;
        if (reports.size() >= keep) {
            return;
        }
        String report = label + "\n  reproduce: " + reproduce + "\n  problem: " + problem.replace("\n", "\n    ")
                + "\n  input (" + input.length() + " chars, escaped): " + ParserChecks.escape(input, 1500);
        reports.add(report);
        try {
            Path dir = ModuleDirectory.path().resolve("target/parser-fuzz");
            Files.createDirectories(dir);
            String file = (run + "-" + label).replaceAll("[^A-Za-z0-9._-]+", "_") + ".txt";
            Files.writeString(dir.resolve(file), label + "\nreproduce: " + reproduce + "\nproblem: " + problem
                    + "\ninput (escaped, as a Java string literal body):\n" + ParserChecks.escape(input, Integer.MAX_VALUE)
                    + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized void assertNone() {
        if (count > 0) {
            throw new AssertionFailedError(run + ": " + count + " input(s) broke the parser's contract; the first "
                    + reports.size() + " (also in kql/target/parser-fuzz/):\n\n" + String.join("\n\n", reports));
        }
    }
}
