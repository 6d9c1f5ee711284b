package dev.trawl.store.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ingest {@link CrashTest} kills: {@code CrashChild STORE FILE...}, printing "started" once running. */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        System.out.println("started");
        System.out.flush();
        // Small segments, so that kills land between segment writes too.
        new Ingest(Path.of(args[0]), new Ingest.Options(null, Ingest.DEFAULT_MAX_RECORD_BYTES, 1000), Ingest.Progress.NONE).run(inputs);
        System.out.println("committed");
    }
}
