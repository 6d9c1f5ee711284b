package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.store.StoreFixture;
import dev.trawl.store.synthetic.StreamingExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingest process with SIGKILL at random moments, 20 times: right after each kill the store is either
 * exactly as before the ingest (empty) or exactly the finished result — never in between — and after a re-run it
 * equals a clean single ingest, row for row. Segments are flushed often so kills land between segment writes,
 * between files and during the commit, not only while parsing.
 */
class CrashTest {
    private static final int KILLS = 20;
    private static final String ALL_ROWS = "CloudAppEvents | extend Raw = tostring(RawEventData), Objects = tostring(ActivityObjects), "
            + "Extra = tostring(AdditionalFields) | project-away RawEventData, ActivityObjects, AdditionalFields, "
            + "IPTags, UserAgentTags, LastSeenForUser, UncommonForUser, SessionData | order by ReportId asc";

    @TempDir
    Path work;

    @Test
    void aKilledIngestLeavesTheStoreBeforeOrAfterAndAReRunCompletesIt() throws Exception {
        List<Path> inputs = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            Path file = work.resolve("export-" + f + ".jsonl");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                new StreamingExport(100 + f, Instant.parse("2024-05-01T00:00:00Z"), 6, 80).write(out, 3000);
            }
            inputs.add(file);
        }
        Path reference = work.resolve("reference");
        long cleanMillis = runChild(reference, inputs, -1);
        List<String> expected = StoreFixture.rows(StoreFixture.query(reference, ALL_ROWS));
        assertEquals(9_000, expected.size());

        Random random = new Random(20261203L);
        int empty = 0;
        int complete = 0;
        for (int k = 0; k < KILLS; k++) {
            Path store = work.resolve("store-" + k);
            long killAfter = (long) (random.nextDouble() * cleanMillis * 1.1);
            boolean finished = runChild(store, inputs, killAfter) >= 0;
            if (Files.exists(store.resolve("manifest.json"))) {
                assertEquals(expected, StoreFixture.rows(StoreFixture.query(store, ALL_ROWS)),
                        "kill " + k + " after " + killAfter + " ms left a committed store that is not the whole ingest");
                complete++;
            } else {
                assertTrue(!finished, "kill " + k + ": the ingest finished but left no manifest");
                empty++;
            }
            // The re-run: whatever the kill left, the store ends equal to a clean ingest.
            StoreFixture.ingest(store, inputs.toArray(Path[]::new));
            assertEquals(expected, StoreFixture.rows(StoreFixture.query(store, ALL_ROWS)), "kill " + k + " then re-run");
            assertTrue(Files.notExists(store.resolve(".staging")) || isEmpty(store.resolve(".staging")),
                    "kill " + k + ": staging left behind after a successful re-run");
        }
        System.out.printf("crash test: %d kills over a %d ms ingest, %d left the store empty, %d complete%n", KILLS,
                cleanMillis, empty, complete);
        assertTrue(empty > 0, "no kill landed before the commit; the test did not test anything");
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Runs the ingest in a child JVM and kills it with SIGKILL {@code killAfterMillis} after its ingest started
     * (never, when negative). Returns how long the ingest ran when it finished, or -1 when it was killed.
     */
    private static long runChild(Path store, List<Path> inputs, long killAfterMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), store.toString()));
        inputs.forEach(p -> command.add(p.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        InputStream out = child.getInputStream();
        // Time the kill from when the child's ingest starts, not from JVM start-up.
        StringBuilder printed = new StringBuilder();
        int c;
        while ((c = out.read()) >= 0 && printed.indexOf("started") < 0) {
            printed.append((char) c);
        }
        long started = System.nanoTime();
        boolean done = child.waitFor(killAfterMillis < 0 ? 300_000 : killAfterMillis, TimeUnit.MILLISECONDS);
        if (!done) {
            assertTrue(killAfterMillis >= 0, "the clean ingest did not finish in 5 minutes");
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
            child.waitFor();
            return -1;
        }
        long ran = (System.nanoTime() - started) / 1_000_000;
        String rest = new String(out.readAllBytes());
        assertEquals(0, child.exitValue(), printed + rest);
        return ran;
    }
}
