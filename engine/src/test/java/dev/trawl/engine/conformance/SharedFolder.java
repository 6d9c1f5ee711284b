package dev.trawl.engine.conformance;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the engine tests find things on disk: the project's read-only reference folder ({@code shared/}, beside
 * the checkout) and the engine module's own directory (for {@code target/} reports and the checked-in ratchet
 * files under {@code src/test/resources}). The kql module has its own locator in its test sources; the engine
 * cannot see those, so this is a small copy of the same rule.
 */
final class SharedFolder {
    private SharedFolder() {
    }

    /** The first {@code shared} directory holding {@code kql/} found beside the working directory or a parent. */
    static Path root() {
        return root(Path.of("").toAbsolutePath());
    }

    static Path root(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("kql"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/ folder (with kql/) beside the repository; looked upward from "
                + start.toAbsolutePath());
    }

    /** The conformance corpus: one documented Kusto example per line. */
    static Path conformanceCases() {
        return root().resolve("kql/conformance/cases.jsonl");
    }

    /**
     * The engine module's directory (holding {@code pom.xml} and {@code src/test}), under Maven (working
     * directory = module) or an IDE (working directory = anywhere): found from where the test classes were loaded,
     * then {@code basedir}, then the working directory and its {@code engine/} child.
     */
    static Path engineModule() {
        List<Path> candidates = new ArrayList<>();
        try {
            Path classes = Path.of(SharedFolder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getParent() != null && classes.getParent().getParent() != null) {
                candidates.add(classes.getParent().getParent()); // <module>/target/test-classes
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // An unusual class loader: fall back to the directories below.
        }
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            candidates.add(Path.of(basedir));
        }
        Path workingDir = Path.of(System.getProperty("user.dir"));
        candidates.add(workingDir);
        candidates.add(workingDir.resolve("engine"));
        for (Path candidate : candidates) {
            Path dir = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("src/test"))
                    && dir.getFileName() != null && dir.getFileName().toString().equals("engine")) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the engine module directory; tried " + candidates);
    }
}
