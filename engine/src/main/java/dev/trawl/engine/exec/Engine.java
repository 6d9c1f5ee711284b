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
    private final Map<String, List<Batch>> data = new HashMap<>();
    private final Instant now;

    /** An engine whose now() is the wall clock at each run. */
    public Engine() {
        this(null);
    }

    /** An engine whose now() is fixed, for reproducible runs ({@code --now}). */
    public Engine(Instant now) {
        this.now = now;
    }

    /** Makes a table visible to queries under {@code name}. */
    public Engine register(String name, Schema schema, List<Batch> batches) {
        schemas.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(schema, "schema"));
        data.put(name, List.copyOf(batches));
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
        Executor executor = new Executor(table -> data.getOrDefault(table, List.of()), new EvaluationContext(ticks));
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
