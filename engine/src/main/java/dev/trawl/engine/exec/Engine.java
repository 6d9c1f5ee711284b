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
     * A source may leave unread columns as nulls and skip rows the request's filters reject.
     */
    public interface TableSource {
        List<Batch> scan(ScanRequests.Request request, Executor executor);
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

    /** A registered table's batches, as queries see them (everything read). */
    List<Batch> batches(String name) {
        TableSource source = data.get(name);
        return source == null ? null : source.scan(null, null);
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
            public List<Batch> batches(String table) {
                TableSource source = data.get(table);
                return source == null ? List.of() : source.scan(null, null);
            }

            @Override
            public List<Batch> batches(LogicalPlan.TableScan scan, ScanRequests.Request request, Executor running) {
                TableSource source = data.get(scan.table());
                return source == null ? List.of() : source.scan(request, running);
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
