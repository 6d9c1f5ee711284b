package dev.trawl.engine.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checked-in record of how far the engine got, so the count only goes up (DESIGN §7):
 * {@code src/test/resources/conformance-baseline.txt} holds the in-scope pass count the build must not drop below,
 * and {@code conformance-passing.txt} the ids of the cases that passed, so a case that passed before and fails now
 * is named. Lines starting with {@code #} are comments. Both are rewritten by {@code -Dconformance.update=true}.
 */
final class Ratchet {
    static final String BASELINE_FILE = "conformance-baseline.txt";
    static final String PASSING_FILE = "conformance-passing.txt";

    private Ratchet() {
    }

    static Path baselineFile() {
        return SharedFolder.engineModule().resolve("src/test/resources").resolve(BASELINE_FILE);
    }

    static Path passingFile() {
        return SharedFolder.engineModule().resolve("src/test/resources").resolve(PASSING_FILE);
    }

    /** The stored number; 0 when the file does not exist. */
    static int readBaseline(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        for (String line : readLines(file)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(file + ": expected a number, found '" + s + "'", e);
                }
            }
        }
        throw new IllegalStateException(file + " holds no number");
    }

    static void writeBaseline(Path file, int passes) {
        write(file, List.of(
                "# In-scope conformance cases that pass (issue 3's scope: all but series_*, make-series, geo_*,",
                "# functions-library). ConformanceTest fails when fewer pass. Rewritten by",
                "# mvn -pl engine -am test -Dtest=ConformanceTest -Dsurefire.failIfNoSpecifiedTests=false -Dconformance.update=true",
                Integer.toString(passes)));
    }

    /** The stored case ids, in file order; empty when the file does not exist. */
    static Set<String> readPassing(Path file) {
        Set<String> ids = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        for (String line : readLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                ids.add(line.strip());
            }
        }
        return ids;
    }

    static void writePassing(Path file, Collection<String> ids) {
        List<String> lines = new ArrayList<>();
        lines.add("# Conformance cases that pass (all groups): LINE<TAB>SOURCE<TAB>TITLE, LINE in shared/kql/conformance/cases.jsonl.");
        lines.add("# A listed case that fails is reported by name. Rewritten with -Dconformance.update=true.");
        lines.addAll(ids);
        write(file, lines);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
