package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranking window functions over serialized rows, on the documented example and its dense counterpart. */
class WindowFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    private static final String ITEMS = """
            datatable(Category:string, Item:string, Value:int)
            ["A", "item1", 10, "A", "item2", 10, "A", "item3", 5, "A", "item4", 20, "B", "item2", 5, "B", "item1", 7]
            | sort by Category asc, Value asc, Item asc
            """;

    /** One line per row, cells joined with {@code |}. */
    private List<String> rows(String query) {
        QueryResult result = engine.run(query);
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < result.columns().size(); c++) {
                row.append(c == 0 ? "" : "|").append(result.text(r, c));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void rowRankMinIsTheRowNumberOfTheFirstEqualTerm() {
        // row-rank-min-function.md's example.
        assertEquals(List.of("A|item3|5|1", "A|item1|10|2", "A|item2|10|2", "A|item4|20|4", "B|item2|5|1", "B|item1|7|2"),
                rows(ITEMS + "| extend rank = row_rank_min(Value, Category != prev(Category))"));
    }

    @Test
    void rowRankDenseCountsDistinctTerms() {
        assertEquals(List.of("A|item3|5|1", "A|item1|10|2", "A|item2|10|2", "A|item4|20|3", "B|item2|5|1", "B|item1|7|2"),
                rows(ITEMS + "| extend rank = row_rank_dense(Value, Category != prev(Category))"));
        assertEquals(List.of("1", "1", "2"), rows("datatable(v:long) [3, 3, 4] | serialize | project row_rank_dense(v)"));
    }
}
