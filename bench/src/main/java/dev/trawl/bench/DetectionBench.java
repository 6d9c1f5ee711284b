package dev.trawl.bench;

import dev.trawl.hunt.demo.Demo;
import dev.trawl.hunt.demo.DemoTenant;
import dev.trawl.store.ingest.Ingest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo over several seeds: how long each takes end to end (generate, ingest, four rule runs, the report), and
 * how well each rule finds the planted theft. Precision is the share of alerts that are the theft; recall the
 * share of seeds whose theft at least one alert found.
 *
 * <p>Arguments: {@code [--seeds N]}, default 10 (seeds 1..N).
 */
public final class DetectionBench {
    private DetectionBench() {
    }

    /** Totals over the seeds for one rule run (a rule with or without exclusions). */
    private static final class Tally {
        int alerts;
        int theftAlerts;
        int seedsFound;
    }

    public static void main(String[] args) throws IOException {
        int seeds = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seeds") && i + 1 < args.length) {
                seeds = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: bench/run detection [--seeds N]");
                System.exit(64);
            }
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        double slowest = 0;
        double total = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            Path dir = Files.createTempDirectory("trawl-detection-");
            long start = System.nanoTime();
            Demo.Result result = Demo.run(new DemoTenant(seed), dir, new Demo.Progress() {
                @Override
                public void step(String what) {
                }

                @Override
                public Ingest.Progress ingest() {
                    return Ingest.Progress.NONE;
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            slowest = Math.max(slowest, seconds);
            total += seconds;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %2d  %5.1f s  %,d records", seed,
                    seconds, result.truth().records()));
            for (Demo.Finding finding : result.findings()) {
                Tally tally = tallies.computeIfAbsent(finding.label(), k -> new Tally());
                long theft = finding.alerts().stream().filter(Demo.JudgedAlert::exfiltration).count();
                tally.alerts += finding.alerts().size();
                tally.theftAlerts += (int) theft;
                tally.seedsFound += finding.foundExfiltration() ? 1 : 0;
                line.append(String.format(Locale.ROOT, " | %d/%d", theft, finding.alerts().size()));
            }
            System.out.println(line);
            delete(dir);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "demo wall time: mean %.1f s, slowest %.1f s over %d seeds%n", total / seeds, slowest, seeds);
        System.out.println("rule run                                                    alerts  theft  precision  recall");
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            Tally t = entry.getValue();
            System.out.printf(Locale.ROOT, "%-58s %7d %6d %9.2f %7.2f%n", entry.getKey(), t.alerts, t.theftAlerts,
                    t.alerts == 0 ? Double.NaN : (double) t.theftAlerts / t.alerts, (double) t.seedsFound / seeds);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
