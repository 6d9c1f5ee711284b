package dev.trawl.engine.exec;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.engine.vector.Batch;
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
import java.time.Instant;
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

    /** Makes a table visible to queries under {@code name}. */
    public Engine register(String name, Schema schema, List<Batch> batches) {
        List<Batch> rows = List.copyOf(batches);
        return register(name, schema, (request, executor) -> rows);
    }

    /** Makes a table whose rows are read at each scan (the store) visible to queries under {@code name}. */
    public Engine register(String name, Schema schema, TableSource source) {
        schemas.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(schema, "schema"));
        data.put(name, Objects.requireNonNull(source, "source"));
        return this;
    }

    public QueryResult run(String query) {
        return run(SourceText.of(query));
    }

    public QueryResult run(SourceText source) {
        ParseResult parsed = Parser.parse(source);
        if (!parsed.ok()) {
            throw new QueryException(parsed.diagnostics());
        }
        TableCatalog catalog = new TableCatalog() {
            @Override
            public Schema schema(String name) {
                return schemas.get(name);
            }

            @Override
            public Set<String> names() {
                return schemas.keySet();
            }
        };
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
                return Pivots.columnNames(executor.execute(input), column, input.schema().field(column).type());
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
