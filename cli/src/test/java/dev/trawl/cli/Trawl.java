package dev.trawl.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real trawl command in-process, as the jar's main would, and captures what it prints. */
final class Trawl {
    record Result(int exitCode, String out, String err) {
    }

    private Trawl() {
    }

    static Result run(String... args) {
        return runWithStdin("", args);
    }

    static Result runWithStdin(String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(args, in, new PrintWriter(out), new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** The checkout's root: the nearest folder above the working directory that holds {@code rules/}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("rules/MailItemsAccessedTimeSeries.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no rules/MailItemsAccessedTimeSeries.yaml above " + Path.of("").toAbsolutePath());
    }

    /**
     * The shared reference folder, a sibling of the checkout ({@code ../shared} from the root) in development
     * and CI; found by walking up so it does not matter which folder Maven runs the tests in.
     */
    static Path sharedFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("shared/mission/seed-rule.md"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/mission/seed-rule.md above " + Path.of("").toAbsolutePath()
                + "; the tests expect the shared folder next to the checkout");
    }
}
