package dev.trawl.store;

import dev.trawl.engine.vector.Batch;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.store.parquet.SegmentReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.Map;

/**
 * An embedded store: a folder of Parquet segments partitioned by table and day
 * ({@code tables/<Table>/day=<yyyy-MM-dd>/<ingest>-<n>.parquet}), the identities of every stored record
 * ({@code ids/}), quarantined input ({@code quarantine/}) and {@code manifest.json}, which lists what is
 * committed. Readers only ever look at what the manifest lists.
 */
public final class Store {
    static final String MANIFEST = "manifest.json";
    static final String STAGING = ".staging";
    private final Path root;
    private final Manifest manifest;
    private final java.util.concurrent.atomic.AtomicLong segmentsOpened = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong columnChunksDecoded = new java.util.concurrent.atomic.AtomicLong();

    /** What scans of this store have read so far: segments opened and column chunks decoded (per row group). */
    public record ScanStatistics(long segmentsOpened, long columnChunksDecoded) {
    }

    public ScanStatistics statistics() {
        return new ScanStatistics(segmentsOpened.get(), columnChunksDecoded.get());
    }

    private Store(Path root, Manifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    /** Opens an existing store; a folder without a manifest is an error (nothing was ever ingested there). */
    public static Store open(Path root) throws IOException {
        Path file = root.resolve(MANIFEST);
        try {
            return new Store(root, Manifest.fromJson(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(root.toString(), null, "no Trawl store here (no " + MANIFEST
                    + "); create one with 'trawl ingest --store " + root + " FILE...'");
        }
    }

    /** Opens the store at {@code root}, or an empty one when nothing was committed there yet. */
    static Store openOrEmpty(Path root) throws IOException {
        return Files.exists(root.resolve(MANIFEST)) ? open(root) : new Store(root, Manifest.empty());
    }

    public Path root() {
        return root;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Map<String, Manifest.TableInfo> tables() {
        return manifest.tables();
    }

    public long rows(String table) {
        return manifest.segments().stream().filter(s -> s.table().equals(table)).mapToLong(Manifest.Segment::rows).sum();
    }

    /**
     * The table's rows as batches. Only the columns flagged in {@code needed} are decoded (others read as
     * nulls), and only the day partitions that overlap {@code [fromTicks, toTicks]} are opened (pass
     * Long.MIN_VALUE / Long.MAX_VALUE for no bound). A segment without a day (the table has no time column)
     * is always read.
     */
    public Iterable<Batch> batches(String table, boolean[] needed, long fromTicks, long toTicks) {
        Manifest.TableInfo info = manifest.tables().get(table);
        if (info == null) {
            return List.of();
        }
        List<Manifest.Segment> segments = new ArrayList<>();
        for (Manifest.Segment segment : manifest.segments()) {
            if (segment.table().equals(table) && dayOverlaps(segment.day(), fromTicks, toTicks)) {
                segments.add(segment);
            }
        }
        // One segment's batches at a time, read when the scan reaches it: a query over weeks of a table holds no
        // more of it than the operators above the scan keep.
        return () -> new Iterator<>() {
            private int next;
            private Iterator<Batch> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < segments.size()) {
                    current = read(segments.get(next++), info, needed).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<Batch> read(Manifest.Segment segment, Manifest.TableInfo info, boolean[] needed) {
        try {
            segmentsOpened.incrementAndGet();
            return SegmentReader.read(root.resolve(segment.file()), info.schema(), needed, columnChunksDecoded::addAndGet);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + segment.file() + " of the store at " + root, e);
        }
    }

    static boolean dayOverlaps(String day, long fromTicks, long toTicks) {
        if (day.equals(Days.NONE)) {
            return true;
        }
        long start = Days.startTicks(day);
        long end = start + LiteralValues.TICKS_PER_DAY - 1;
        return end >= fromTicks && start <= toTicks;
    }

    /** Writes {@code bytes} to {@code target} durably: a temporary file, fsync, rename over, fsync the folder. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.getParent());
    }

    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    static void fsyncDirectory(Path directory) throws IOException {
        // Linux makes a rename durable only once its folder is synced; other systems may refuse to open one.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                throw e;
            }
        }
    }

    /** Every stored identity, for de-duplication. */
    public IdentitySet identities() throws IOException {
        IdentitySet set = new IdentitySet();
        for (String file : manifest.identityFiles()) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(root.resolve(file)))) {
                set.readPairs(in);
            }
        }
        return set;
    }

    /** Day partition names. */
    public static final class Days {
        /** The partition of rows of a table without a time column. */
        public static final String NONE = "none";

        private Days() {
        }

        public static String of(long ticks) {
            long days = Math.floorDiv(ticks, LiteralValues.TICKS_PER_DAY) - LiteralValues.EPOCH_OFFSET_SECONDS / 86_400;
            return LocalDate.ofEpochDay(days).toString();
        }

        static long startTicks(String day) {
            long epochDay = LocalDate.parse(day).toEpochDay();
            return (epochDay + LiteralValues.EPOCH_OFFSET_SECONDS / 86_400) * LiteralValues.TICKS_PER_DAY;
        }
    }

    /** The schema of a table, or null. */
    public Schema schema(String table) {
        Manifest.TableInfo info = manifest.tables().get(table);
        return info == null ? null : info.schema();
    }
}
