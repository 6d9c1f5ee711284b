package dev.trawl.hunt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests' reference files are: the checkout, the shared folder beside it, the seed document. */
public final class TestFiles {
    private TestFiles() {
    }

    /** The checkout's root: the nearest folder above the working directory that holds {@code rules/}. */
    public static Path repositoryRoot() {
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
    public static Path sharedFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("shared/mission/seed-rule.md"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/mission/seed-rule.md above " + Path.of("").toAbsolutePath()
                + "; the tests expect the shared folder next to the checkout");
    }

    /** What the analyst pasted: the content of the seed document's {@code ```text} block. */
    public static String seedRulePaste() {
        String seed;
        try {
            seed = Files.readString(sharedFolder().resolve("mission/seed-rule.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int open = seed.indexOf("```text\n");
        int close = seed.lastIndexOf("```");
        assertTrue(open >= 0 && close > open, "the seed document has its ```text block");
        return seed.substring(open + "```text\n".length(), close);
    }
}
