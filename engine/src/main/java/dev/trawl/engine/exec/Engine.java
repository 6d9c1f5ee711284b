package dev.trawl.engine.exec;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.DictionaryColumn;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.DataDependentSchemas;
import dev.trawl.kql.bind.TableCatalog;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.types.ScalarType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Runs KQL query texts: parse, bind, execute. The answer is the last query statement's table. */
public final class Engine {
    private final Map<String, Schema> schemas = new HashMap<>();
    private final Map<String, TableSource> data = new HashMap<>();
    /** Per table, the predicates whose rows no query of this engine sees (see {@link #hideRows}). */
    private final Map<String, List<BoundExpression>> hidden = new HashMap<>();
    private final Instant now;

    /** An engine whose now() is the wall clock at each run. */
    public Engine() {
        this(null);
    }

    /** An engine whose now() is fixed, for reproducible runs ({@code --now}). */
    public Engine(Instant now) {
        this.now = now;
    }

    /**
     * Where a registered table's rows come from: given what the scan needs (null: everything), its batches.
     * A source may leave unread columns as nulls and skip rows the request's filters reject. The batches may be
     * read as they are iterated (a store reads one file at a time), so a scan needs no more memory than what the
     * operators above it keep; each iteration reads the rows afresh.
     */
    public interface TableSource {
        Iterable<Batch> scan(ScanRequests.Request request, Executor executor);
    }

    /**
     * Makes a table visible to queries under {@code name}. String columns with few distinct values are
     * dictionary-encoded here, once, as a store encodes them when it writes a table, so that string predicates
     * run once per distinct value instead of once per row.
     */
    public Engine register(String name, Schema schema, List<Batch> batches) {
        return register(name, schema, batches, true);
    }

    /** {@link #register}, with the choice whether to dictionary-encode, so tests can compare both ways. */
    Engine register(String name, Schema schema, List<Batch> batches, boolean encode) {
        List<Batch> copy = List.copyOf(batches);
        List<Batch> rows = encode ? encodeStrings(schema, copy) : copy;
        return register(name, schema, (request, executor) -> rows);
    }

    /** Makes a table whose rows are read at each scan (the store) visible to queries under {@code name}. */
    public Engine register(String name, Schema schema, TableSource source) {
        schemas.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(schema, "schema"));
        data.put(name, Objects.requireNonNull(source, "source"));
        return this;
    }

    /**
     * Hides the rows of a registered table for which {@code predicate}, a KQL boolean expression over the
     * table's columns, is true, from every query this engine runs: the query reads the table as if those rows had
     * never been stored. This is how exclusions of known-benign activity apply before a rule's own logic (its
     * time series, its baselines) sees the data, without editing the rule's text. A row for which the predicate
     * is null or false stays: an exclusion that cannot be evaluated for a row must not hide it. Several
     * predicates for one table hide the rows any of them matches.
     *
     * @throws QueryException when the predicate does not parse or bind against the table; the diagnostics' spans
     *     are offsets into {@code predicate}
     */
    public Engine hideRows(String table, SourceText predicate) {
        Schema schema = schemas.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("no table " + table + " is registered");
        }
        // Bound as the predicate of `T | where ...`, then the spans are moved back into the predicate's own text.
        String prefix = "T | where ";
        SourceText query = new SourceText(predicate.name(), prefix + predicate.text());
        ParseResult parsed = Parser.parse(query);
        List<Diagnostic> problems = new ArrayList<>(parsed.diagnostics());
        BoundExpression bound = null;
        if (parsed.ok()) {
            Binder.Result result = new Binder(FunctionRegistry.standard(), TableCatalog.of(Map.of("T", schema)))
                    .bind(parsed.script());
            problems = new ArrayList<>(result.diagnostics());
            if (result.ok() && result.plans().size() == 1
                    && result.plans().get(0) instanceof LogicalPlan.Filter filter
                    && filter.input() instanceof LogicalPlan.TableScan) {
                bound = filter.predicate();
            } else if (result.ok()) {
                problems.add(Diagnostic.error(DiagnosticCode.UNEXPECTED_TOKEN, new Span(prefix.length(), query.length()),
                        "expected one boolean expression over the columns of " + table));
            }
        }
        if (bound == null || problems.stream().anyMatch(d -> d.severity() == dev.trawl.kql.diag.Severity.ERROR)) {
            List<Diagnostic> shifted = new ArrayList<>();
            for (Diagnostic d : problems) {
                int start = Math.max(0, d.span().start() - prefix.length());
                int end = Math.max(start, d.span().end() - prefix.length());
                shifted.add(new Diagnostic(d.code(), d.severity(), new Span(start, end), d.message(), d.notes(), d.help()));
            }
            throw new QueryException(shifted);
        }
        hidden.computeIfAbsent(table, t -> new ArrayList<>()).add(bound);
        return this;
    }

    /** A registered table's schema, or null when no table of that name is registered. */
    public Schema schema(String table) {
        return schemas.get(table);
    }

    /** A registered table's batches, as queries see them (everything read). */
    List<Batch> batches(String name) {
        TableSource source = data.get(name);
        return source == null ? null : LazyBatches.list(source.scan(null, null));
    }

    private static List<Batch> encodeStrings(Schema schema, List<Batch> batches) {
        if (batches.isEmpty()) {
            return batches;
        }
        Column[][] columns = new Column[batches.size()][];
        for (int b = 0; b < columns.length; b++) {
            columns[b] = batches.get(b).columns().clone();
        }
        for (int c = 0; c < schema.size(); c++) {
            if (schema.field(c).type() != ScalarType.STRING) {
                continue;
            }
            List<Column> column = new ArrayList<>(columns.length);
            for (Column[] batch : columns) {
                column.add(batch[c]);
            }
            List<Column> encoded = DictionaryColumn.encode(column);
            if (encoded != null) {
                for (int b = 0; b < columns.length; b++) {
                    columns[b][c] = encoded.get(b);
                }
            }
        }
        List<Batch> out = new ArrayList<>(columns.length);
        for (int b = 0; b < columns.length; b++) {
            Batch batch = batches.get(b);
            out.add(new Batch(columns[b], batch.size(), batch.selection()));
        }
        return List.copyOf(out);
    }

    /** The scan request plus the columns the hiding predicates read (they run before the query sees a row). */
    private static ScanRequests.Request widened(ScanRequests.Request request, List<BoundExpression> hiding) {
        if (request == null) {
            return null;
        }
        boolean[] columns = request.columns().clone();
        for (BoundExpression predicate : hiding) {
            ScanRequests.markColumns(predicate, columns);
        }
        return new ScanRequests.Request(columns, request.predicates());
    }

    public QueryResult run(String query) {
        return run(SourceText.of(query));
    }

    public QueryResult run(SourceText source) {
        ParseResult parsed = Parser.parse(source);
        if (!parsed.ok()) {
            throw new QueryException(parsed.diagnostics());
        }
        TableCatalog catalog = TableCatalog.of(schemas);
        Instant at = now == null ? Instant.now() : now;
        long ticks = (at.getEpochSecond() + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND
                + at.getNano() / 100;
        Executor executor = new Executor(new Executor.TableData() {
            @Override
            public Iterable<Batch> batches(String table) {
                TableSource source = data.get(table);
                return source == null ? List.of() : source.scan(null, null);
            }

            @Override
            public Iterable<Batch> batches(LogicalPlan.TableScan scan, ScanRequests.Request request, Executor running) {
                TableSource source = data.get(scan.table());
                if (source == null) {
                    return List.of();
                }
                List<BoundExpression> hiding = hidden.get(scan.table());
                if (hiding == null) {
                    return source.scan(request, running);
                }
                return running.withoutRowsMatching(source.scan(widened(request, hiding), running), hiding);
            }
        }, new EvaluationContext(ticks));
        DataDependentSchemas dataSchemas = new DataDependentSchemas() {
            @Override
            public Schema bagUnpackColumns(LogicalPlan input, int column, String prefix) {
                return MoreOperators.bagColumns(executor.execute(input), column);
            }

            @Override
            public List<String> pivotColumns(LogicalPlan input, int column) {
                return Pivots.columnNames(LazyBatches.list(executor.execute(input)), column, input.schema().field(column).type());
            }

            @Override
            public Object evaluateConstant(dev.trawl.kql.plan.BoundExpression expression) {
                return executor.evaluateConstant(expression);
            }
        };
        Binder.Result bound = new Binder(FunctionRegistry.standard(), catalog, dataSchemas).bind(parsed.script());
        if (!bound.ok()) {
            throw new QueryException(bound.diagnostics());
        }
        if (bound.plans().isEmpty()) {
            throw new QueryException(List.of(Diagnostic.error(DiagnosticCode.EMPTY_QUERY, new Span(0, 0),
                    "the query has no query statement, only let statements")));
        }
        LogicalPlan last = bound.plans().get(bound.plans().size() - 1);
        try {
            return executor.run(last);
        } catch (ArithmeticException | IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            throw new QueryException(List.of(Diagnostic.error(DiagnosticCode.RUNTIME_ERROR, new Span(0, 0),
                    "the query failed while running: " + e)));
        }
    }
}
