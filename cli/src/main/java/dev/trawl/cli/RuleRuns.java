package dev.trawl.cli;

import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import dev.trawl.hunt.Ticks;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.store.Store;
import dev.trawl.store.StoreLocation;
import dev.trawl.store.StoreTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What {@code hunt}, {@code backtest} and {@code demo} share: reading rules and exclusions, the store, errors. */
final class RuleRuns {
    private RuleRuns() {
    }

    /** A file the user named, as text; a missing or non-UTF-8 file is a usage error naming it. */
    static SourceText readText(Path file, String option) throws IOException {
        try {
            return new SourceText(file.toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException(option + ": no such file: " + file);
        } catch (MalformedInputException e) {
            throw new UsageException(option + ": " + file + " is not UTF-8 text");
        }
    }

    /**
     * The rule in {@code file}, with how it was read (a flattened paste) said on {@code err}; a rule that cannot be
     * read is a {@link RuleFailure}.
     */
    static Rule readRule(Path file, PrintWriter err) throws IOException, RuleFailure {
        try {
            Rule rule = Rule.read(readText(file, "--rule"));
            rule.warnings().forEach(w -> err.println("warning: " + w));
            return rule;
        } catch (Rule.RuleException e) {
            throw new RuleFailure("trawl: " + e.getMessage());
        }
    }

    static Exclusions readExclusions(Path file) throws IOException, RuleFailure {
        if (file == null) {
            return Exclusions.NONE;
        }
        try {
            return Exclusions.read(readText(file, "--exclusions"));
        } catch (Exclusions.ExclusionsException e) {
            throw new RuleFailure("trawl: " + e.getMessage());
        }
    }

    /**
     * The store's tables: the named store (a folder that is not a store is an I/O error, as for {@code query}), or
     * the default store, which must exist: a rule over no data would report no alerts, which looks like a clean
     * bill of health.
     */
    static Hunt.Tables storeTables(Path store) throws IOException {
        Path root = store != null ? store : StoreLocation.defaultStore();
        if (store == null && !Files.exists(root.resolve("manifest.json"))) {
            throw new UsageException("the default store " + root + " holds no data yet; run 'trawl ingest' first, give"
                    + " --store, or run 'trawl demo' to try trawl on a generated tenant");
        }
        Store opened = Store.open(root);
        return engine -> StoreTables.register(engine, opened);
    }

    /** {@code --now}, or the wall clock. */
    static Instant now(String text, String option) {
        if (text == null) {
            return Instant.now();
        }
        Instant parsed = Ticks.parse(text);
        if (parsed == null) {
            throw new UsageException(option + ": '" + text + "' is not a datetime (use ISO 8601, e.g. 2024-01-31T12:00:00Z)");
        }
        return parsed;
    }

    /**
     * Prints a failed run's diagnostics: against the rule file at its own lines and columns when the query could
     * be placed there, else against the query (or the exclusion's predicate) they belong to.
     */
    static void printDiagnostics(List<Diagnostic> diagnostics, Rule rule, SourceText ran, PrintWriter err) {
        Optional<Placement> placement = rule.query().firstLine().isPresent() && ran.text().equals(rule.query().text())
                ? Placement.find(rule.source(), ran, rule.query().firstLine().getAsInt(), rule.query().indent())
                : Optional.empty();
        for (Diagnostic diagnostic : diagnostics) {
            if (placement.isPresent()) {
                Diagnostic inFile = new Diagnostic(diagnostic.code(), diagnostic.severity(),
                        placement.get().toFile(diagnostic.span()), diagnostic.message(), diagnostic.notes(), diagnostic.help());
                err.print(DiagnosticRenderer.render(placement.get().file(), inFile));
            } else {
                err.print(DiagnosticRenderer.render(ran, diagnostic));
            }
        }
    }

    /** Prints an exclusion's diagnostics against its {@code where} predicate, which its source text names. */
    static void printExclusionDiagnostics(Hunt.ExclusionError failure, PrintWriter err) {
        for (Diagnostic diagnostic : failure.diagnostics()) {
            err.print(DiagnosticRenderer.render(failure.exclusion().where(), diagnostic));
        }
    }

    /** A rule or exclusions file that cannot be used: {@link Main} prints the message as is, and the exit is 65. */
    static final class RuleFailure extends Exception {
        RuleFailure(String message) {
            super(message);
        }
    }
}
