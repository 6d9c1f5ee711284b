package dev.trawl.engine.golden;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.golden.BlockKind;
import dev.trawl.kql.golden.ErrorBlockKind;
import dev.trawl.kql.golden.GoldenRunner;
import dev.trawl.kql.golden.KqlTestBlock;
import dev.trawl.kql.golden.KqlTestFile;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * {@code query rowsort|nosort}: the query must run, and the expected section is its result table as
 * {@link ResultTable} renders it. {@code rowsort} compares the rows as a sorted list (Kusto promises no row order
 * unless the query asks for one); {@code nosort} compares them in the order the engine returned them. The mode is
 * always written: a query whose output is ordered (it ends in sort, order or top, maybe followed by operators
 * that keep the order) must say {@code nosort}, so the order it asks for is checked. An expected cell
 * {@code <ignore>} matches anything; update mode keeps such cells when the table keeps its shape.
 */
final class QueryBlockKind implements BlockKind {
    static final String ROWSORT = "rowsort";
    static final String NOSORT = "nosort";
    private static final Set<String> ARGUMENTS = Set.of(ROWSORT, NOSORT, "escapes");

    @Override
    public String expected(KqlTestBlock block) {
        throw new AssertionFailedError("a query block runs only as part of its file");
    }

    @Override
    public String expected(KqlTestBlock block, KqlTestFile file) {
        boolean rowsort = sortMode(block);
        SourceText source = new SourceText(GoldenRunner.SOURCE_NAME, block.query());
        if (rowsort && ordersItsOutput(block.query())) {
            throw new AssertionFailedError("the query orders its output (sort, order or top), so the block must say "
                    + NOSORT + " for that order to be checked");
        }
        QueryResult result;
        try {
            result = SetupBlockKind.engineFor(block, file).run(source);
        } catch (QueryException e) {
            throw new AssertionFailedError("a query block, but the query failed:\n"
                    + ErrorBlockKind.render(source, e.diagnostics()));
        }
        return render(result, rowsort, block.expectedLines());
    }

    /** The block's expected section for {@code result}, keeping the {@code <ignore>} cells of {@code recorded}. */
    static String render(QueryResult result, boolean rowsort, List<String> recorded) {
        List<String> lines = new ArrayList<>();
        for (List<String> row : ResultTable.rows(result)) {
            lines.add(String.join(ResultTable.SEPARATOR, row));
        }
        if (rowsort) {
            lines.sort(null);
        }
        // Ignored cells are matched after sorting, position by position: a volatile cell must not be what decides
        // the order of rows, or the block is not reproducible (README).
        if (recorded.size() == lines.size() + 1) {
            for (int r = 0; r < lines.size(); r++) {
                List<String> expectedCells = ResultTable.split(recorded.get(r + 1));
                List<String> actualCells = ResultTable.split(lines.get(r));
                if (expectedCells.size() != actualCells.size() || !expectedCells.contains(ResultTable.IGNORE)) {
                    continue;
                }
                for (int c = 0; c < actualCells.size(); c++) {
                    if (expectedCells.get(c).equals(ResultTable.IGNORE)) {
                        actualCells.set(c, ResultTable.IGNORE);
                    }
                }
                lines.set(r, String.join(ResultTable.SEPARATOR, actualCells));
            }
        }
        StringBuilder out = new StringBuilder(ResultTable.header(result)).append('\n');
        if (lines.isEmpty()) {
            out.append(ResultTable.NO_ROWS).append('\n');
        }
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** True for {@code rowsort}; the header must name exactly one mode and nothing unknown. */
    private static boolean sortMode(KqlTestBlock block) {
        for (String argument : block.arguments()) {
            if (!ARGUMENTS.contains(argument)) {
                throw new AssertionFailedError("unknown query argument '" + argument + "' (known: "
                        + ARGUMENTS.stream().sorted().toList() + ")");
            }
        }
        boolean rowsort = block.hasArgument(ROWSORT);
        if (rowsort == block.hasArgument(NOSORT)) {
            throw new AssertionFailedError("a query block says how its rows compare: 'query " + ROWSORT + "' or 'query "
                    + NOSORT + "'");
        }
        return rowsort;
    }

    /**
     * Whether the last statement ends in sort/order/top, possibly followed by operators that keep row order (where,
     * extend, the project family, take). Unparseable text is left for the engine to report.
     */
    static boolean ordersItsOutput(String query) {
        ParseResult parsed = Parser.parse(new SourceText(GoldenRunner.SOURCE_NAME, query));
        List<Statement> statements = parsed.script().statements();
        Expression expression = null;
        for (Statement statement : statements) {
            if (statement instanceof Statement.Query q) {
                expression = q.expression();
            }
        }
        while (expression instanceof Expression.Pipe pipe) {
            TabularOperator operator = pipe.operator();
            if (operator instanceof TabularOperator.Sort || operator instanceof TabularOperator.Top) {
                return true;
            }
            boolean keepsOrder = operator instanceof TabularOperator.Where || operator instanceof TabularOperator.Extend
                    || operator instanceof TabularOperator.Project || operator instanceof TabularOperator.ProjectAway
                    || operator instanceof TabularOperator.ProjectKeep || operator instanceof TabularOperator.ProjectRename
                    || operator instanceof TabularOperator.ProjectReorder || operator instanceof TabularOperator.Take;
            if (!keepsOrder) {
                return false;
            }
            expression = pipe.source();
        }
        return false;
    }
}
