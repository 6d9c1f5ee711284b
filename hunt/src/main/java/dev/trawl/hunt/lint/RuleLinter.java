package dev.trawl.hunt.lint;

import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.bind.TableCatalog;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Script;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rule linter: finds what makes a valid hunting query miss what it hunts for. It reports a query's
 * syntax errors (and then nothing else), the binder's errors against the built-in table schemas, and
 * warnings with {@code KQL5xxx} codes: a join of a make-series time axis with raw event times (KQL5001), an
 * unused let (KQL5002), a tenant-wide make-series where entities are meant (KQL5003), and a default
 * innerunique join that silently drops left rows (KQL5004). Spans are offsets into the query text given.
 */
public final class RuleLinter {
    private RuleLinter() {
    }

    /** The findings for a query that is not part of a rule with entity mappings. */
    public static List<Diagnostic> lint(SourceText query) {
        return lint(query, List.of());
    }

    /**
     * The findings for {@code query}, ordered by position; {@code entityColumns} are the columns its rule
     * maps to entities (see {@link dev.trawl.hunt.Rule#entityColumns}), empty when there is no rule or no mapping.
     */
    public static List<Diagnostic> lint(SourceText query, List<String> entityColumns) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(entityColumns, "entityColumns");
        ParseResult parsed = Parser.parse(query);
        if (!parsed.ok()) {
            // The checks read the tree; one with error nodes in it would make them guess.
            return parsed.diagnostics();
        }
        TableCatalog tables = BuiltinTables.instance();
        Script script = parsed.script();
        List<Diagnostic> findings = new ArrayList<>(parsed.diagnostics());
        findings.addAll(binding(script, tables));
        new UnbinnedTimeJoinCheck(query, tables).run(script, findings);
        new UnusedLetCheck().run(script, findings);
        new TenantWideSeriesCheck(query, entityColumns).run(script, findings);
        new LeftDeduplicationCheck().run(script, findings);
        findings.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()).thenComparing(Diagnostic::code));
        return List.copyOf(findings);
    }

    /**
     * The binder's diagnostics, when they can be trusted to be the rule's fault. A query that reads a table
     * Trawl has no schema for gets none: every column of that table would be "unknown". So does one that
     * names tables by a wildcard ({@code union *}, {@code search in (Device*)}): the linter knows only the
     * built-in tables, not the ones a tenant has. A table name close to a known one (the binder suggests it)
     * is a typo and is kept. Constructs the engine does not run yet (KQL2099) are Trawl's limit, not the
     * rule's weakness, and are left to {@code trawl check}.
     */
    private static List<Diagnostic> binding(Script script, TableCatalog tables) {
        boolean[] wildcard = {false};
        SyntaxWalk.each(script, node -> wildcard[0] |= node instanceof Expression.Wildcard);
        if (wildcard[0]) {
            return List.of();
        }
        Binder.Result bound = new Binder(FunctionRegistry.standard(), tables).bind(script);
        List<Diagnostic> kept = new ArrayList<>();
        for (Diagnostic diagnostic : bound.diagnostics()) {
            if (diagnostic.code().equals(DiagnosticCode.UNKNOWN_NAME.code()) && diagnostic.help() == null
                    && diagnostic.severity() == Severity.ERROR && diagnostic.message().endsWith("is not a table in scope")) {
                return List.of();
            }
            // A function's body is bound at every call; its finding is one finding.
            if (!diagnostic.code().equals(DiagnosticCode.NOT_SUPPORTED.code()) && !kept.contains(diagnostic)) {
                kept.add(diagnostic);
            }
        }
        return kept;
    }
}
