package dev.trawl.hunt.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo tenant follows from its seed and parameters alone: the same ones give byte-identical files and the
 * same ground truth, another seed gives another tenant. A small tenant keeps this quick; the size does not
 * change how the files are made.
 */
class DemoTenantDeterminismTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path work;

    @Test
    void theSameSeedWritesByteIdenticalFiles() throws Exception {
        GroundTruth first = new DemoTenant(7, NOW, 4, 40).write(work.resolve("a"));
        GroundTruth second = new DemoTenant(7, NOW, 4, 40).write(work.resolve("b"));
        List<Path> a = files(work.resolve("a"));
        List<Path> b = files(work.resolve("b"));
        assertFalse(a.isEmpty());
        assertEquals(a, b, "the same blob names");
        for (Path file : a) {
            assertArrayEquals(Files.readAllBytes(work.resolve("a").resolve(file)),
                    Files.readAllBytes(work.resolve("b").resolve(file)), file.toString());
        }
        assertEquals(first, second);
        assertEquals(first, new DemoTenant(7, NOW, 4, 40).groundTruth(), "planning alone gives the same truth");
        // The saved form carries what the demo compares detections with.
        var json = first.toJson();
        assertEquals(first.exfiltration().clientAppId(), json.get("exfiltration").get("clientAppId").asText());
        assertEquals(first.exfiltration().mailboxesRead().size(), json.get("exfiltration").get("mailboxesRead").size());
        assertEquals(first.scenarios().size(), json.get("scenarios").size());
        assertEquals(first.records(), json.get("records").asLong());
    }

    @Test
    void anotherSeedWritesAnotherTenant() throws Exception {
        GroundTruth first = new DemoTenant(7, NOW, 4, 40).write(work.resolve("a"));
        GroundTruth other = new DemoTenant(8, NOW, 4, 40).write(work.resolve("b"));
        assertNotEquals(first.tenantId(), other.tenantId());
        assertNotEquals(first.exfiltration().clientAppId(), other.exfiltration().clientAppId());
        assertNotEquals(first.mailboxes(), other.mailboxes());
        assertNotEquals(digest(work.resolve("a")), digest(work.resolve("b")));
    }

    @Test
    void oneBlobPerHourInTheStreamingApiLayout() throws Exception {
        GroundTruth truth = new DemoTenant(7, NOW, 4, 40).write(work);
        List<Path> blobs = files(work);
        long hours = (truth.history().end().getEpochSecond() - truth.history().start().getEpochSecond()) / 3600;
        assertEquals(hours, blobs.size(), "every hour has records, the analytics app's at least");
        Path first = blobs.get(0);
        assertEquals("insights-logs-advancedhunting-cloudappevents/resourceId=/tenants/" + truth.tenantId()
                + "/y=2026/m=11/d=28/h=06/m=00/PT1H.json", first.toString().replace('\\', '/'));
        long lines = 0;
        for (Path blob : blobs) {
            try (Stream<String> text = Files.lines(work.resolve(blob))) {
                lines += text.count();
            }
        }
        assertEquals(truth.records(), lines, "one record per line");
    }

    @Test
    void nowLateInTheDayIsRefused() {
        // The alert window would then start after the morning's scenarios.
        assertThrows(IllegalArgumentException.class,
                () -> new DemoTenant(7, Instant.parse("2026-12-02T09:00:00Z"), 16, 300));
        assertTrue(new DemoTenant(7, Instant.parse("2026-12-02T07:59:59Z"), 4, 40).groundTruth().records() > 0);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static String digest(Path root) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Path file : files(root)) {
            sha.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(root.resolve(file)));
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }
}
