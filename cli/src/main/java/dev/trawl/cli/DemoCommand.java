package dev.trawl.cli;

import dev.trawl.hunt.demo.Demo;
import dev.trawl.hunt.demo.DemoTenant;
import dev.trawl.hunt.demo.GroundTruth;
import dev.trawl.store.ingest.Ingest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trawl demo}: the whole story on a generated tenant, in under a minute. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Shows Trawl at work on a generated tenant, in under a minute.",
            "",
            "Generates a synthetic Microsoft 365 tenant (hundreds of mailboxes, 16 days",
            "of MailItemsAccessed from Outlook, OWA, mobile and REST clients, the five",
            "benign scenarios the seed rule warns about, and one exfiltration by a",
            "malicious OAuth app), writes it as a Defender Streaming API export,",
            "ingests it into a new store, and runs the seed rule and Trawl's per-actor",
            "rule, each with and without the shipped exclusions (rules/). It prints what",
            "each run found against what was planted, and writes an HTML report.",
            "",
            "The same --seed gives the same tenant and the same results."},
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl demo",
            "  trawl demo --seed 7 --dir /tmp/trawl-demo-7",
            "  then, over the store it made:",
            "  trawl hunt --store DIR/store --now 2026-12-02T06:00:00Z \\",
            "      --rule rules/MailItemsAccessedPerActor.yaml",
            "",
            "Exit status: 0 done, 64 usage error (e.g. --dir not empty), 74 a file could",
            "not be written, 70 internal failure."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The generator's seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write the export, the store and the report: a new or empty folder. Default: a new"
                    + " folder under the system's temporary folder.")
    private Path dir;

    @Option(names = "--mailboxes", paramLabel = "N", defaultValue = "" + DemoTenant.DEFAULT_MAILBOXES,
            description = "User mailboxes in the tenant (default ${DEFAULT-VALUE}).")
    private int mailboxes;

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + DemoTenant.DEFAULT_DAYS,
            description = "Days of history (default ${DEFAULT-VALUE}; the seed rule needs 15).")
    private int days;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mailboxes < 20 || mailboxes > 5_000) {
            throw new UsageException("--mailboxes: between 20 and 5000");
        }
        if (days < 15 || days > 60) {
            throw new UsageException("--days: between 15 and 60 (the seed rule looks back 14 days from its series' end)");
        }
        Path folder = dir != null ? dir : Files.createTempDirectory("trawl-demo-");
        if (dir != null && Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException("--dir: " + dir + " is not empty; give a new or empty folder");
                }
            }
        }
        long started = System.nanoTime();
        ProgressBar bar = System.console() != null ? new ProgressBar(err) : null;
        Demo.Result result = Demo.run(new DemoTenant(seed, DemoTenant.DEFAULT_NOW, days, mailboxes), folder, new Demo.Progress() {
            @Override
            public void step(String what) {
                if (bar != null) {
                    bar.done();
                }
                err.println("demo: " + what);
                err.flush();
            }

            @Override
            public Ingest.Progress ingest() {
                return bar == null ? Ingest.Progress.NONE : bar;
            }
        });
        if (bar != null) {
            bar.done();
        }
        print(result, out, (System.nanoTime() - started) / 1e9);
        return ExitCode.OK;
    }

    private void print(Demo.Result result, PrintWriter out, double seconds) {
        GroundTruth truth = result.truth();
        GroundTruth.Exfiltration exfiltration = truth.exfiltration();
        out.printf(Locale.ROOT, "Demo tenant %s (seed %d): %,d mailboxes, %,d records, %s to %s%n", truth.domain(), seed,
                truth.mailboxes().size(), truth.records(), truth.history().start(), truth.history().end());
        out.printf(Locale.ROOT, "Planted exfiltration: app '%s' (%s) read %,d mailboxes from %s, %s to %s (%,d records, %,d on the hour)%n",
                exfiltration.appDisplayName(), exfiltration.clientAppId(), exfiltration.mailboxesRead().size(),
                exfiltration.ipAddress(), exfiltration.interval().start(), exfiltration.interval().end(),
                exfiltration.records(), exfiltration.recordsOnTheHour());
        out.println("Rules run as of " + truth.now() + ":");
        out.println();
        for (Demo.Finding finding : result.findings()) {
            out.printf(Locale.ROOT, "%s%n  %d alert%s; exfiltration %s; %d benign%s%n", finding.label(),
                    finding.alerts().size(), finding.alerts().size() == 1 ? "" : "s",
                    finding.foundExfiltration() ? "FOUND" : "missed", finding.benignAlerts(),
                    finding.benignAlerts() == 0 ? "" : " (" + String.join(", ", finding.benignScenarios()) + ")");
            for (Demo.JudgedAlert judged : finding.alerts()) {
                out.printf(Locale.ROOT, "    %s  %,5d evidence row%s  %s%n", AlertText.window(judged.alert()),
                        judged.alert().evidenceCount(), judged.alert().evidenceCount() == 1 ? " " : "s",
                        judged.exfiltration() ? "the exfiltration" : judged.scenario());
            }
            if (!finding.run().exclusionCounts().isEmpty()) {
                finding.run().exclusionCounts().forEach(c -> out.printf(Locale.ROOT, "    excluded %-26s %,8d rows%n",
                        c.exclusion().name(), c.removed()));
            }
        }
        out.println();
        out.println("Store:  " + result.store());
        out.println("Report: " + result.report());
        out.printf(Locale.ROOT, "Done in %.1f s. Try: trawl hunt --store %s --now %s --rule rules/%s%n", seconds,
                result.store(), truth.now(), Demo.PER_ACTOR_RULE);
        out.flush();
    }
}
