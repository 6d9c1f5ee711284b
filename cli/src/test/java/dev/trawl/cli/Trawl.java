package dev.trawl.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.trawl.hunt.TestFiles;
import java.nio.charset.StandardCharsets;
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

    /** The checkout's root (see {@link TestFiles#repositoryRoot}). */
    static Path repositoryRoot() {
        return TestFiles.repositoryRoot();
    }

    /** Writes {@code text} as UTF-8 to {@code name} in {@code dir}, for a command to read. */
    static Path write(Path dir, String name, String text) throws java.io.IOException {
        Path file = dir.resolve(name);
        java.nio.file.Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The shared reference folder next to the checkout (see {@link TestFiles#sharedFolder}). */
    static Path sharedFolder() {
        return TestFiles.sharedFolder();
    }
}
