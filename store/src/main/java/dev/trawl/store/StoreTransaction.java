package dev.trawl.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.store.parquet.RowBuffer;
import dev.trawl.store.parquet.SegmentWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One ingest's changes to a store, invisible until {@link #commit}. Files are written under
 * {@code .staging/<id>/} and fsynced; commit renames them into place (each rename atomic, the renamed files
 * still unlisted) and then replaces the manifest by an atomic rename: that last step is the commit. A crash
 * before it leaves the old manifest, so the store is as before the ingest; the unlisted files are removed
 * when the next transaction starts. A crash after it leaves the new store. Only one transaction runs on a
 * store at a time (a file lock).
 */
public final class StoreTransaction implements AutoCloseable {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private final Path root;
    private final Store base;
    private final String id;
    private final Path staging;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Staged> staged = new ArrayList<>();
    private final List<Manifest.Segment> segments = new ArrayList<>();
    private String identityFile;
    private String quarantineFile;
    private int next;

    private record Staged(Path from, Path to) {
    }

    private StoreTransaction(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
        lockChannel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IOException("another ingest is writing to the store at " + root + "; wait for it to finish");
        }
        lock = acquired;
        base = Store.openOrEmpty(root);
        removeUncommitted();
        id = ID_TIME.format(Instant.now()) + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        staging = root.resolve(Store.STAGING).resolve(id);
        Files.createDirectories(staging);
    }

    public static StoreTransaction begin(Path root) throws IOException {
        return new StoreTransaction(root);
    }

    public String id() {
        return id;
    }

    /** The store as it was when the transaction began. */
    public Store base() {
        return base;
    }

    /** A fresh file in the staging folder for the caller to write (the quarantine), moved into place at commit. */
    public Path stagingFile(String name) {
        return staging.resolve(name);
    }

    /**
     * Writes the rows as a segment on one of the transaction's writer threads, so parsing goes on meanwhile
     * (other cores do the encoding and compression). At most {@link #PENDING_SEGMENTS} segments are pending at a
     * time, which bounds memory; a write failure is reported by the next call or by {@link #commit}.
     */
    public void stageSegment(String table, String day, RowBuffer rows) throws IOException {
        rethrowWriteFailure();
        Path file = staging.resolve("segment-" + (next++) + ".parquet");
        String relative = "tables/" + table + "/day=" + day + "/" + id + "-" + next + ".parquet";
        staged.add(new Staged(file, root.resolve(relative)));
        segments.add(new Manifest.Segment(table, day, relative, rows.size()));
        try {
            pending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing " + table);
        }
        writes.add(writer.submit(() -> {
            try {
                SegmentWriter.write(file, rows);
                Store.fsync(file);
                return null;
            } finally {
                pending.release();
            }
        }));
    }

    /** Segments are independent files, so they are written on every core; one more may wait. */
    private static final int WRITERS = Runtime.getRuntime().availableProcessors();
    private static final int PENDING_SEGMENTS = WRITERS + 1;
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newFixedThreadPool(WRITERS, r -> {
        Thread thread = new Thread(r, "trawl-segment-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.Semaphore pending = new java.util.concurrent.Semaphore(PENDING_SEGMENTS);
    private final List<java.util.concurrent.Future<Void>> writes = new ArrayList<>();

    private void rethrowWriteFailure() throws IOException {
        for (java.util.concurrent.Future<Void> write : writes) {
            if (write.isDone()) {
                await(write);
            }
        }
    }

    private void awaitWrites() throws IOException {
        for (java.util.concurrent.Future<Void> write : writes) {
            await(write);
        }
    }

    private static void await(java.util.concurrent.Future<Void> write) throws IOException {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing segments");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    public void stageIdentities(long[] pairs, int count) throws IOException {
        Path file = staging.resolve("identities");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            IdentitySet.writePairs(out, pairs, count);
        }
        Store.fsync(file);
        identityFile = "ids/" + id + ".ids";
        staged.add(new Staged(file, root.resolve(identityFile)));
    }

    /** Adds a file the caller wrote with {@link #stagingFile} as this ingest's quarantine. */
    public void stageQuarantine(Path file) throws IOException {
        Store.fsync(file);
        quarantineFile = "quarantine/" + id + ".jsonl";
        staged.add(new Staged(file, root.resolve(quarantineFile)));
    }

    /** Makes everything staged part of the store, with these table schemas, in one atomic step. */
    public Store commit(Map<String, Manifest.TableInfo> tables, JsonNode summary) throws IOException {
        awaitWrites();
        Set<Path> folders = new HashSet<>();
        for (Staged file : staged) {
            Files.createDirectories(file.to().getParent());
            Files.move(file.from(), file.to(), StandardCopyOption.ATOMIC_MOVE);
            folders.add(file.to().getParent());
        }
        for (Path folder : folders) {
            Store.fsyncDirectory(folder);
        }
        Manifest old = base.manifest();
        List<Manifest.Segment> allSegments = new ArrayList<>(old.segments());
        allSegments.addAll(segments);
        List<String> ids = new ArrayList<>(old.identityFiles());
        if (identityFile != null) {
            ids.add(identityFile);
        }
        List<String> quarantine = new ArrayList<>(old.quarantineFiles());
        if (quarantineFile != null) {
            quarantine.add(quarantineFile);
        }
        List<JsonNode> ingests = new ArrayList<>(old.ingests());
        ingests.add(summary);
        Manifest manifest = new Manifest(old.version() + 1, tables, allSegments, ids, quarantine, ingests);
        Store.writeAtomically(root.resolve(Store.MANIFEST), manifest.toJson());
        deleteTree(staging);
        return Store.open(root);
    }

    /** Deletes what a crashed ingest left: the staging folder and any store file the manifest does not list. */
    private void removeUncommitted() throws IOException {
        deleteTree(root.resolve(Store.STAGING));
        Set<Path> listed = new HashSet<>();
        Manifest manifest = base.manifest();
        manifest.segments().forEach(s -> listed.add(root.resolve(s.file()).normalize()));
        manifest.identityFiles().forEach(f -> listed.add(root.resolve(f).normalize()));
        manifest.quarantineFiles().forEach(f -> listed.add(root.resolve(f).normalize()));
        for (String folder : List.of("tables", "ids", "quarantine")) {
            Path top = root.resolve(folder);
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    if (!listed.contains(file.normalize())) {
                        Files.delete(file);
                    }
                }
            }
        }
        Files.deleteIfExists(root.resolve(Store.MANIFEST + ".tmp"));
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Without a commit, the staged files are dropped and the store is unchanged. */
    @Override
    public void close() throws IOException {
        try {
            writer.shutdownNow();
            try {
                writer.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteTree(staging);
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
