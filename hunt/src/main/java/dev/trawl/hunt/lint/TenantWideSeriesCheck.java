package dev.trawl.hunt.lint;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * KQL5003: a make-series without {@code by} where the query means per-entity analysis: it carries entity
 * columns (users, mailboxes, addresses, devices) into the series, which then drops them, or the rule maps
 * entities. One tenant-wide series hides a single account's spike inside everyone's total, and an alert
 * on it names no one.
 */
final class TenantWideSeriesCheck {
    private static final int MAX_DEPTH = 64;
    private static final String KEYWORD = "make-series";

    private final SourceText source;
    private final List<String> entityColumns;

    TenantWideSeriesCheck(SourceText source, List<String> entityColumns) {
        this.source = source;
        this.entityColumns = List.copyOf(entityColumns);
    }

    void run(Script script, List<Diagnostic> out) {
        SyntaxWalk.eachWithLets(script, (node, lets) -> {
            if (node instanceof Expression.Pipe pipe && pipe.operator() instanceof TabularOperator.MakeSeries series
                    && series.by().isEmpty()) {
                check(pipe.source(), series, lets, out);
            }
        });
    }

    private void check(Expression input, TabularOperator.MakeSeries series, Lets lets, List<Diagnostic> out) {
        // Column name to how the query wrote it, in the order written.
        Map<String, String> carried = new LinkedHashMap<>();
        carried(input, lets, carried, new ArrayList<>(), 0);
        Set<String> used = namesIn(series);
        carried.keySet().removeIf(used::contains);
        String message;
        String byColumn;
        if (!carried.isEmpty()) {
            List<String> shown = new ArrayList<>();
            carried.forEach((column, written) -> shown.add(column.equals(written) ? column : column + " (" + written + ")"));
            message = "make-series has no 'by', so it builds one tenant-wide series and drops the entity "
                    + (carried.size() == 1 ? "column " : "columns ") + String.join(", ", shown)
                    + " the query carries into it";
            byColumn = carried.keySet().iterator().next();
        } else if (!entityColumns.isEmpty()) {
            message = "make-series has no 'by', so it builds one tenant-wide series, though the rule maps entities "
                    + "from " + String.join(", ", entityColumns);
            byColumn = entityColumns.get(0);
        } else {
            return;
        }
        String help = "add 'by " + byColumn + "' to build one series per entity, so one entity's spike is not "
                + "lost in the tenant's total";
        out.add(new Diagnostic(DiagnosticCode.TENANT_WIDE_SERIES.code(), Severity.WARNING, keyword(series), message,
                List.of(), help));
    }

    /** The {@code make-series} keyword, which the operator's span starts with. */
    private Span keyword(TabularOperator.MakeSeries series) {
        int start = series.span().start();
        int end = start + KEYWORD.length();
        return end <= source.length() && source.text().startsWith(KEYWORD, start) ? new Span(start, end) : series.span();
    }

    /**
     * The entity-like columns that reach the end of {@code tabular} because the query made or chose them:
     * walking back, extend and project-rename add, and the nearest project, project-keep, summarize or distinct
     * (which fix the columns) adds and ends the walk. A table's own columns are not counted: a query that
     * never picks columns says nothing about entities.
     */
    private void carried(Expression tabular, Lets lets, Map<String, String> out, List<Parts.NamePattern> removed,
            int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        Pipeline pipeline = Pipeline.of(tabular);
        List<TabularOperator> operators = pipeline.operators();
        for (int i = operators.size() - 1; i >= 0; i--) {
            TabularOperator operator = operators.get(i);
            if (operator instanceof TabularOperator.ProjectAway away) {
                // Seen before (walking back) the columns it removes are made: those never reach the series.
                removed.addAll(away.columns());
                continue;
            }
            if (Operators.keepsRowsAndValues(operator) && !(operator instanceof TabularOperator.ProjectKeep)) {
                continue;
            }
            switch (operator) {
                case TabularOperator.Extend extend -> items(extend.columns(), out, removed);
                case TabularOperator.ProjectRename rename -> {
                    for (Parts.Rename item : rename.renames()) {
                        add(item.newName().name(), source.slice(item.span()), out, removed);
                    }
                }
                case TabularOperator.MvExpand expand -> {
                    // Expands columns already there; the columns it keeps come from further back.
                }
                case TabularOperator.Project project -> {
                    items(project.columns(), out, removed);
                    return;
                }
                case TabularOperator.ProjectKeep keep -> {
                    for (Parts.NamePattern pattern : keep.columns()) {
                        if (!pattern.isWildcard()) {
                            add(pattern.text(), pattern.text(), out, removed);
                        }
                    }
                    return;
                }
                case TabularOperator.Summarize summarize -> {
                    items(summarize.by(), out, removed);
                    return;
                }
                case TabularOperator.Distinct distinct -> {
                    items(distinct.columns(), out, removed);
                    return;
                }
                default -> {
                    return;
                }
            }
        }
        if (Pipeline.resolve(pipeline.source(), lets) instanceof Pipeline.LetValue let) {
            carried(let.value(), let.scope(), out, removed, depth + 1);
        }
    }

    private void items(List<Parts.NamedExpression> items, Map<String, String> out, List<Parts.NamePattern> removed) {
        for (Parts.NamedExpression item : items) {
            String written = source.slice(item.value().span());
            for (String name : Pipeline.outputNames(item)) {
                add(name, written, out, removed);
            }
        }
    }

    private static void add(String column, String written, Map<String, String> out, List<Parts.NamePattern> removed) {
        if (isEntityLike(column) && removed.stream().noneMatch(pattern -> matches(pattern.text(), column))) {
            out.putIfAbsent(column, written);
        }
    }

    /** A project-away pattern: a name, or one with {@code *} standing for any run of characters. */
    private static boolean matches(String pattern, String column) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(java.util.regex.Pattern.quote(parts[i]));
        }
        return column.matches(regex.toString());
    }

    /** Every column name the series reads: an entity counted by an aggregate ({@code dcount(User)}) is used. */
    private static Set<String> namesIn(TabularOperator.MakeSeries series) {
        Set<String> names = new HashSet<>();
        SyntaxWalk.each(series, node -> {
            if (node instanceof Expression.Name name) {
                names.add(name.identifier().name());
            } else if (node instanceof Expression.Member || node instanceof Expression.Index) {
                String implicit = Pipeline.implicitName((Expression) node);
                if (implicit != null) {
                    names.add(implicit);
                }
            }
        });
        return names;
    }

    /**
     * Whether a column name names an entity Sentinel maps (account, mailbox, host, address). Judged on the
     * whole name and on its last {@code _} part, so {@code RawEventData_MailboxOwnerUPN} counts.
     */
    static boolean isEntityLike(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        int underscore = lower.lastIndexOf('_');
        return isEntityWord(lower) || (underscore >= 0 && isEntityWord(lower.substring(underscore + 1)));
    }

    private static boolean isEntityWord(String lower) {
        if (lower.isEmpty()) {
            return false;
        }
        return lower.contains("upn") || lower.startsWith("account") || lower.startsWith("mailboxowner")
                || lower.startsWith("userprincipal") || lower.startsWith("sender") || lower.startsWith("recipient")
                || lower.endsWith("ipaddress") || lower.startsWith("clientip")
                || Set.of("user", "userid", "username", "userkey", "userdisplayname", "useremail", "mailbox",
                        "ip", "sourceip", "callerip", "caller", "identity", "deviceid", "devicename", "computer",
                        "hostname", "host").contains(lower);
    }
}
