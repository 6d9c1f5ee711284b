package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decisions made from a case's query and notes: ordering, plan, scope. */
class ConformanceCasePlanTest {
    private static boolean ordered(String query) {
        return QueryShape.of(query).ordered();
    }

    private static ConformanceCase testCase(String category, String query, String notes) {
        return new ConformanceCase(7, "src", "title", query, "|x|\n|-|\n|1|", notes, category, List.of());
    }

    private static CasePlan plan(String query, String notes) {
        ConformanceCase c = testCase("strings", query, notes);
        return CasePlan.of(c, List.of(c));
    }

    @Test
    void topLevelSortOrdersTheResult() {
        assertTrue(ordered("T | sort by x"));
        assertTrue(ordered("T | order by x desc | project x | take 3"));
        assertTrue(ordered("T | top 3 by x"));
        assertTrue(ordered("T | serialize | extend r = row_number()"));
        assertTrue(ordered("let T = range x from 1 to 3 step 1;\nT | sort by x;"), "a trailing ';' is no statement");
    }

    @Test
    void orderIsLostByLaterOperatorsOrNeverSet() {
        assertFalse(ordered("T | summarize count() by x"));
        assertFalse(ordered("range x from 1 to 3 step 1"));
        assertFalse(ordered("T | sort by x | summarize count() by x"));
        assertFalse(ordered("T | sort by x | join (U) on x"));
        assertFalse(ordered("T | top-nested 2 of x by count()"));
    }

    @Test
    void sortsInsideSubqueriesLetsAndStringsDoNotCount() {
        assertFalse(ordered("T | mv-apply a on (top 2 by a)"));
        assertFalse(ordered("let S = T | sort by x;\nS | summarize count()"));
        assertFalse(ordered("print s = '| sort by x'"));
        assertFalse(ordered("T // | sort by x\n| where x > 1"));
        assertFalse(ordered("randomSet | top 3 by value;\nrandomSet | summarize Sum=sum(value)"), "only the last statement");
    }

    @Test
    void shapeFindsFunctionCallsAndOperators() {
        QueryShape shape = QueryShape.of("print s = 'series_fir(' | extend g = geo_distance_2points(1,2,3,4)");
        assertTrue(shape.callsFunctionStartingWith("geo_"));
        assertFalse(shape.callsFunctionStartingWith("series_"), "text inside a string literal is no call");
        assertTrue(QueryShape.of("T | make-series c=count() on t step 1d").usesWord("make-series"));
        assertTrue(QueryShape.of("T | sample 3").usesOperator("sample"));
        assertFalse(QueryShape.of("T | extend sample = 1").usesOperator("sample"));
    }

    @Test
    void plainCaseIsAFullUnorderedComparison() {
        CasePlan p = plan("T | where x > 1", "text between query and output: ---");
        assertEquals(CasePlan.Check.FULL, p.check());
        assertFalse(p.ordered());
        assertEquals(CellMatcher.EXACT, p.cells());
        assertTrue(p.reasons().isEmpty(), p.reasons().toString());
    }

    @Test
    void notesChooseThePlan() {
        assertEquals(CasePlan.Check.SHAPE, plan("print now()", "NONDETERMINISTIC: depends on now()").check());
        CasePlan sampling = plan("T | summarize make_set(x) | sort by x",
                "order- or sampling-dependent functions (take/any/make_set/dcount/percentile...): compare as a set / approximate");
        assertEquals(CasePlan.Check.FULL, sampling.check());
        assertTrue(sampling.cells().approximate());
        assertFalse(sampling.ordered(), "sampling-dependent rows compare as a multiset even when sorted");
        assertEquals(CasePlan.Check.SHAPE, plan("T | sample 1", "order- or sampling-dependent functions").check());
        assertTrue(plan("print 1", "expected output is abbreviated in the docs").cells().abbreviated());
        assertTrue(plan("print 1", "the documented output columns (RSquare..LineFit) depend only on y").documentedColumnsOnly());
        assertEquals(Map.of("Value1", "Value2"),
                plan("X | join kind=rightanti Y on Key",
                        "docs output header says Value1 but the right table's column is Value2 (docs typo)").headerRenames());
    }

    @Test
    void scopeExcludesTheTimeSeriesGeoAndLibraryGroups() {
        assertFalse(Scope.inScope(testCase("series_*", "print 1", "")));
        assertFalse(Scope.inScope(testCase("make-series", "print 1", "")));
        assertFalse(Scope.inScope(testCase("functions-library (UDF)", "print 1", "")));
        assertFalse(Scope.inScope(testCase("ip/geo", "print d = geo_distance_2points(1, 2, 3, 4)", "")));
        assertTrue(Scope.inScope(testCase("ip/geo", "print r = ipv4_is_private('10.0.0.1')", "")));
        assertFalse(Scope.inScope(testCase("dynamic/json", "print s = series_add(dynamic([1]), dynamic([2]))", "")));
        assertFalse(Scope.inScope(testCase("other", "T | make-series c = count() on t step 1d", "")));
        assertTrue(Scope.inScope(testCase("strings", "print s = 'geo_distance(1)'", "")));
        assertEquals("calls geo_*", Scope.outOfScopeReason(testCase("ip/geo", "print geo_point_to_s2cell(1, 2)", ""))
                .orElseThrow());
    }
}
