package dev.trawl.cli;

import dev.trawl.store.ingest.Ingest;
import java.io.PrintWriter;

/** A one-line bar on standard error, redrawn at most ten times a second. */
final class ProgressBar implements Ingest.Progress {
    private final PrintWriter err;
    private long lastDraw;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void advanced(long done, long total, long records) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, done * width / total);
        err.printf("\r[%s%s] %3d%%  %,d records", "#".repeat(filled), " ".repeat(width - filled),
                total == 0 ? 100 : done * 100 / total, records);
        err.flush();
    }

    void done() {
        err.print("\r" + " ".repeat(70) + "\r");
        err.flush();
    }
}
