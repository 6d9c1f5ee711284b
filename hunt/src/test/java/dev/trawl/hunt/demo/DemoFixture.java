package dev.trawl.hunt.demo;

import dev.trawl.hunt.Hunt;
import dev.trawl.store.Store;
import dev.trawl.store.StoreTables;
import dev.trawl.store.ingest.Ingest;
import dev.trawl.store.ingest.IngestSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo tenant of the demo's default seed, generated and ingested once per test JVM (generating and ingesting
 * it is most of a demo test's time), in a temporary folder removed when the JVM exits.
 */
final class DemoFixture {
    /** The seed {@code trawl demo} uses by default, so the tests check what the README's command shows. */
    static final long SEED = 1;

    record Tenant(Path export, Path store, GroundTruth truth, IngestSummary ingest, Hunt.Tables tables) {
    }

    private static Tenant tenant;

    private DemoFixture() {
    }

    static synchronized Tenant tenant() {
        if (tenant == null) {
            try {
                Path work = Files.createTempDirectory("trawl-demo-test-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(work)));
                Path export = work.resolve("export");
                GroundTruth truth = new DemoTenant(SEED).write(export);
                Path store = work.resolve("store");
                IngestSummary ingest = new Ingest(store, Ingest.Options.defaults(), Ingest.Progress.NONE).run(List.of(export));
                Store opened = Store.open(store);
                tenant = new Tenant(export, store, truth, ingest, engine -> StoreTables.register(engine, opened));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tenant;
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is not worth failing the build over.
        }
    }
}
