package dev.trawl.kql;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's directory (the one holding {@code pom.xml} and {@code src/test}), whether a test runs under Maven
 * (working directory = module) or an IDE (working directory = anywhere). Golden files are read and updated
 * through it in {@code src/test/resources}, never in the copies under {@code target/}.
 */
public final class ModuleDirectory {
    private ModuleDirectory() {
    }

    /** The kql module's directory. */
    public static Path path() {
        return of(ModuleDirectory.class);
    }

    /**
     * The directory of the module whose test classes hold {@code anchor}: another module that reuses these test
     * classes (from kql's test jar) passes one of its own classes, since this class lives in kql's jar.
     */
    public static Path of(Class<?> anchor) {
        List<Path> candidates = new ArrayList<>();
        try {
            // <module>/target/test-classes
            Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getParent() != null && classes.getParent().getParent() != null) {
                candidates.add(classes.getParent().getParent());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // An unusual class loader: fall back to the directories below.
        }
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            candidates.add(Path.of(basedir));
        }
        candidates.add(Path.of(System.getProperty("user.dir")));
        for (Path candidate : candidates) {
            Path dir = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("src/test"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the module directory (one with pom.xml and src/test) of "
                + anchor.getName() + "; tried " + candidates);
    }
}
