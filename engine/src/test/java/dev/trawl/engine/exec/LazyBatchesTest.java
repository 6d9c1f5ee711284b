package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.TableCatalog;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.types.ScalarType;
import java.util.AbstractList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pipelines read their input a batch at a time, only as far as their consumer reads. */
class LazyBatchesTest {
    private static final Schema SCHEMA = Schema.of(new Schema.Field("x", ScalarType.LONG));

    /** A table of a million batches of 100 rows that counts the batches read from it. */
    private static final class CountingTable extends AbstractList<Batch> {
        int read;

        @Override
        public Batch get(int index) {
            read++;
            long[] values = new long[100];
            for (int i = 0; i < values.length; i++) {
                values[i] = index * 100L + i;
            }
            return Batch.dense(new Column[] {new LongColumn(ScalarType.LONG, values, null, 100)}, 100);
        }

        @Override
        public int size() {
            return 1_000_000;
        }
    }

    private static LogicalPlan plan(String query) {
        TableCatalog catalog = new TableCatalog() {
            @Override
            public Schema schema(String name) {
                return name.equals("T") ? SCHEMA : null;
            }

            @Override
            public Set<String> names() {
                return Set.of("T");
            }
        };
        Binder.Result bound = new Binder(FunctionRegistry.standard(), catalog)
                .bind(Parser.parse(SourceText.of(query)).script());
        return bound.plans().get(bound.plans().size() - 1);
    }

    @Test
    void takeReadsOnlyTheBatchesItNeedsThroughWhereExtendAndMvExpand() {
        CountingTable table = new CountingTable();
        Executor executor = new Executor(name -> table, new EvaluationContext(0));
        QueryResult result = executor.run(plan("T | where x % 2 == 1 | extend y = x * 2, a = pack_array(x, x)"
                + " | mv-expand a | project y, a | take 150"));
        assertEquals(150, result.rowCount());
        assertEquals(2, table.read, "150 rows of the expansion of 75 odd x from batches of 100");
        assertEquals(298L, result.value(149, 0));
    }

    @Test
    void lazyBatchesCanBeReadOnce() {
        Iterable<Batch> batches = LazyBatches.map(List.of(new CountingTable().get(0)), batch -> batch);
        assertEquals(1, LazyBatches.list(batches).size());
        assertThrows(IllegalStateException.class, batches::iterator);
    }
}
