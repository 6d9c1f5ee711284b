package dev.trawl.hunt.demo;

import dev.trawl.hunt.Alert;
import dev.trawl.hunt.AnomalyQueries;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import dev.trawl.hunt.RunReport;
import dev.trawl.hunt.lint.RuleLinter;
import dev.trawl.hunt.report.HtmlReport;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.store.Store;
import dev.trawl.store.StoreTables;
import dev.trawl.store.ingest.Ingest;
import dev.trawl.store.ingest.IngestSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo: a generated tenant written as a Streaming API export, ingested into a fresh store, then the seed rule
 * and the per-actor rule run with and without the shipped exclusions, each alert judged against what the
 * generator planted. The rules and the exclusions are the files in the project's {@code rules/}, read from the jar.
 */
public final class Demo {
    public static final String SEED_RULE = "MailItemsAccessedTimeSeries.yaml";
    public static final String PER_ACTOR_RULE = "MailItemsAccessedPerActor.yaml";
    public static final String EXCLUSIONS = "exclusions/mailitemsaccessed.yaml";

    private Demo() {
    }

    /** What the demo tells as it goes. */
    public interface Progress {
        void step(String what);

        Ingest.Progress ingest();
    }

    /**
     * How one alert relates to what was planted.
     *
     * @param exfiltration whether its window overlaps the exfiltration and its entities name the malicious app
     * @param scenario the benign scenario it is about when it is not the exfiltration (by the scenario's accounts
     *     or apps among its entities, else by the scenario running in its window), or "background"
     */
    public record JudgedAlert(Alert alert, boolean exfiltration, String scenario) {
    }

    /** One rule run over the demo tenant. */
    public record Finding(String label, Rule rule, boolean withExclusions, Hunt.Run run, List<JudgedAlert> alerts) {
        public Finding {
            alerts = List.copyOf(alerts);
        }

        public boolean foundExfiltration() {
            return alerts.stream().anyMatch(JudgedAlert::exfiltration);
        }

        public long benignAlerts() {
            return alerts.stream().filter(a -> !a.exfiltration()).count();
        }

        /** The benign scenarios that raised alerts, each once, in order. */
        public List<String> benignScenarios() {
            Set<String> names = new LinkedHashSet<>();
            alerts.stream().filter(a -> !a.exfiltration()).forEach(a -> names.add(a.scenario()));
            return List.copyOf(names);
        }
    }

    public record Result(GroundTruth truth, IngestSummary ingest, Path store, List<Finding> findings, Path report) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    /** A shipped rule or exclusions file, by its name in {@code rules/}. */
    public static SourceText shipped(String name) {
        try (InputStream in = Demo.class.getResourceAsStream("/dev/trawl/hunt/rules/" + name)) {
            if (in == null) {
                throw new IllegalStateException("rules/" + name + " is not packaged in the jar");
            }
            return new SourceText("rules/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Rule shippedRule(String name) {
        try {
            return Rule.read(shipped(name));
        } catch (Rule.RuleException e) {
            throw new IllegalStateException("the shipped rule " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Exclusions shippedExclusions() {
        try {
            return Exclusions.read(shipped(EXCLUSIONS));
        } catch (Exclusions.ExclusionsException e) {
            throw new IllegalStateException("the shipped exclusions cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Generates, ingests and hunts in {@code directory} (which must be empty or absent): {@code export/} holds the
     * generated files, {@code store/} the store, {@code report.html} the per-actor rule's report with exclusions.
     */
    public static Result run(DemoTenant tenant, Path directory, Progress progress) throws IOException {
        Files.createDirectories(directory);
        try (var entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(directory + " is not empty; the demo writes into a new or empty folder");
            }
        }
        Path export = directory.resolve("export");
        progress.step("generating the tenant into " + export);
        GroundTruth truth = tenant.write(export);
        Path storeRoot = directory.resolve("store");
        progress.step("ingesting " + truth.records() + " records into " + storeRoot);
        IngestSummary ingest = new Ingest(storeRoot, Ingest.Options.defaults(), progress.ingest()).run(List.of(export));
        Store store = Store.open(storeRoot);
        Hunt.Tables tables = engine -> StoreTables.register(engine, store);
        Exclusions exclusions = shippedExclusions();
        List<Finding> findings = new ArrayList<>();
        Rule seed = shippedRule(SEED_RULE);
        Rule perActor = shippedRule(PER_ACTOR_RULE);
        for (Rule rule : List.of(seed, perActor)) {
            for (boolean excluded : new boolean[] {false, true}) {
                String label = rule.name() + (excluded ? ", with exclusions" : "");
                progress.step("running " + label);
                Hunt.Run run = Hunt.run(rule, tables, new Hunt.Options(truth.now(), excluded ? exclusions : Exclusions.NONE, 20));
                findings.add(new Finding(label, rule, excluded, run, judge(run.alerts(), truth)));
            }
        }
        Path report = directory.resolve("report.html");
        progress.step("writing the report " + report);
        Finding shown = findings.get(findings.size() - 1);
        SourceText query = new SourceText(shown.rule().source().name() + "#query", shown.rule().query().text());
        List<AnomalyQueries.SeriesView> series = AnomalyQueries.series(query, tables,
                new Hunt.Options(truth.now(), exclusions, 20));
        HtmlReport.write(RunReport.of(shown.run(), series, RuleLinter.lint(query)), report);
        return new Result(truth, ingest, storeRoot, findings, report);
    }

    /** Each alert against the ground truth. */
    public static List<JudgedAlert> judge(List<Alert> alerts, GroundTruth truth) {
        List<JudgedAlert> out = new ArrayList<>();
        GroundTruth.Exfiltration exfiltration = truth.exfiltration();
        for (Alert alert : alerts) {
            Set<String> values = new LinkedHashSet<>();
            alert.entities().values().forEach(values::addAll);
            boolean overlaps = alert.windowStart() != null && overlaps(alert.windowStart(), alert.windowEnd(),
                    exfiltration.interval());
            boolean namesApp = values.contains(exfiltration.clientAppId()) || values.contains(exfiltration.accountObjectId())
                    || values.contains(exfiltration.appDisplayName());
            if (overlaps && namesApp) {
                out.add(new JudgedAlert(alert, true, "exfiltration"));
                continue;
            }
            out.add(new JudgedAlert(alert, false, scenarioOf(alert, values, truth)));
        }
        return out;
    }

    /**
     * The benign scenario an alert is about. A tenant-wide rule's evidence is whatever happened in the hour, so the
     * planted burst running in the alert's window comes first; then a scenario whose accounts or apps the alert
     * names (a per-actor rule's alert on a nightly job); then any run of a scenario in the window.
     */
    private static String scenarioOf(Alert alert, Set<String> entityValues, GroundTruth truth) {
        List<GroundTruth.Scenario> planted = truth.scenarios().stream().filter(s -> !isBackground(s)).toList();
        if (alert.windowStart() != null) {
            for (GroundTruth.Scenario scenario : planted) {
                if (scenario.inAlertWindow() != null
                        && overlaps(alert.windowStart(), alert.windowEnd(), scenario.inAlertWindow())) {
                    return scenario.name();
                }
            }
        }
        for (GroundTruth.Scenario scenario : planted) {
            if (scenario.userIds().stream().anyMatch(entityValues::contains)
                    || scenario.clientAppIds().stream().anyMatch(entityValues::contains)) {
                return scenario.name();
            }
        }
        if (alert.windowStart() != null) {
            for (GroundTruth.Scenario scenario : planted) {
                if (scenario.runs().stream().anyMatch(run -> overlaps(alert.windowStart(), alert.windowEnd(), run))) {
                    return scenario.name();
                }
            }
        }
        return "background";
    }

    private static boolean isBackground(GroundTruth.Scenario scenario) {
        return scenario.name().equals(GroundTruth.Scenario.INTERACTIVE_USERS)
                || scenario.name().equals(GroundTruth.Scenario.DELEGATES);
    }

    private static boolean overlaps(Instant start, Instant end, GroundTruth.Interval interval) {
        return start.isBefore(interval.end()) && interval.start().isBefore(end);
    }
}
