package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TableComparator} on hand-written documented tables and engine results. */
class ConformanceComparatorTest {
    private static ConformanceCase testCase(String query, String expected, String notes) {
        return new ConformanceCase(1, "src", "title", query, expected, notes, "strings", List.of());
    }

    private static TableComparator.Verdict compare(String query, String expected, String notes, ActualTable actual)
            throws ExpectedTableException {
        ConformanceCase c = testCase(query, expected, notes);
        return TableComparator.compare(MarkdownTable.parse(expected), actual, CasePlan.of(c, List.of(c)));
    }

    private static ActualTable table(List<String> columns, List<List<String>> rows) {
        return ActualTable.of(columns, rows);
    }

    private static final String TWO_ROWS = "|k|v|\n|---|---|\n|a|1|\n|b|2|";

    @Test
    void unsortedQueryComparesRowsAsAMultiset() throws Exception {
        ActualTable reversed = table(List.of("k:string", "v:long"), List.of(List.of("b", "2"), List.of("a", "1")));
        assertTrue(compare("T | summarize v=count() by k", TWO_ROWS, "", reversed).pass());
    }

    @Test
    void sortedQueryComparesRowsInOrder() throws Exception {
        ActualTable reversed = table(List.of("k:string", "v:long"), List.of(List.of("b", "2"), List.of("a", "1")));
        TableComparator.Verdict v = compare("T | sort by k asc | project k, v", TWO_ROWS, "", reversed);
        assertFalse(v.pass());
        assertTrue(v.diff().contains("row 1"), v.diff());
    }

    @Test
    void multisetCountsDuplicates() throws Exception {
        String expected = "|k|\n|---|\n|a|\n|a|\n|b|";
        assertFalse(compare("T", expected, "", table(List.of("k:string"), List.of(List.of("a"), List.of("b"), List.of("b"))))
                .pass());
        assertTrue(compare("T", expected, "", table(List.of("k:string"), List.of(List.of("b"), List.of("a"), List.of("a"))))
                .pass());
    }

    @Test
    void columnNamesMustMatchExactlyAndInOrder() throws Exception {
        ActualTable swapped = table(List.of("v:long", "k:string"), List.of(List.of("1", "a"), List.of("2", "b")));
        TableComparator.Verdict v = compare("T", TWO_ROWS, "", swapped);
        assertFalse(v.pass());
        assertTrue(v.diff().startsWith("columns differ"), v.diff());
        ActualTable renamed = table(List.of("K:string", "v:long"), List.of(List.of("a", "1"), List.of("b", "2")));
        assertFalse(compare("T", TWO_ROWS, "", renamed).pass());
    }

    @Test
    void rowCountMustMatch() throws Exception {
        ActualTable one = table(List.of("k:string", "v:long"), List.of(List.of("a", "1")));
        TableComparator.Verdict v = compare("T", TWO_ROWS, "", one);
        assertFalse(v.pass());
        assertTrue(v.diff().contains("expected 2 row(s), got 1"), v.diff());
    }

    @Test
    void emptyDocumentedTableMatchesAnEmptyResult() throws Exception {
        assertTrue(compare("T | where false", "|k|\n|---|", "", table(List.of("k:string"), List.of())).pass());
        assertFalse(compare("T | where false", "|k|\n|---|", "", table(List.of("k:string"), List.of(List.of("x")))).pass());
    }

    @Test
    void cellsUseTheColumnType() throws Exception {
        String expected = "|d|t|b|r|\n|---|---|---|---|\n|2017-01-01|14:00:00:00|True|0.98|";
        ActualTable actual = table(List.of("d:datetime", "t:timespan", "b:bool", "r:real"),
                List.of(List.of("2017-01-01T00:00:00.0000000Z", "14.00:00:00", "true", "0.9812")));
        assertTrue(compare("print 1", expected, "", actual).pass());
        ActualTable wrong = table(List.of("d:datetime", "t:timespan", "b:bool", "r:real"),
                List.of(List.of("2017-01-02T00:00:00.0000000Z", "14.00:00:00", "true", "0.9812")));
        TableComparator.Verdict v = compare("print 1", expected, "", wrong);
        assertFalse(v.pass());
        assertTrue(v.diff().contains("2017-01-02"), v.diff());
    }

    @Test
    void abbreviatedRowsAreAPrefixAndSuffixWhenOrdered() throws Exception {
        String expected = "|x|\n|---|\n|1|\n|2|\n|...|\n|9|";
        ActualTable all = table(List.of("x:long"), List.of(List.of("1"), List.of("2"), List.of("3"), List.of("9")));
        assertTrue(compare("T | order by x asc", expected, "", all).pass());
        ActualTable wrongEnd = table(List.of("x:long"), List.of(List.of("1"), List.of("2"), List.of("9"), List.of("3")));
        assertFalse(compare("T | order by x asc", expected, "", wrongEnd).pass());
        ActualTable tooFew = table(List.of("x:long"), List.of(List.of("1"), List.of("9")));
        assertFalse(compare("T | order by x asc", expected, "", tooFew).pass());
    }

    @Test
    void abbreviatedRowsAreASubsetWhenUnordered() throws Exception {
        String expected = "|x|\n|---|\n|1|\n|...|";
        assertTrue(compare("T", expected, "", table(List.of("x:long"), List.of(List.of("5"), List.of("1")))).pass());
        assertFalse(compare("T", expected, "", table(List.of("x:long"), List.of(List.of("5"), List.of("6")))).pass());
    }

    @Test
    void abbreviatedColumnsFixOnlyTheLeadingColumns() throws Exception {
        String expected = "|a|b|...|\n|---|---|---|\n|1|2|...|";
        assertTrue(compare("T", expected, "", table(List.of("a:long", "b:long", "c:long"), List.of(List.of("1", "2", "3"))))
                .pass());
        assertFalse(compare("T", expected, "", table(List.of("b:long", "a:long", "c:long"), List.of(List.of("2", "1", "3"))))
                .pass());
    }

    @Test
    void nondeterministicCasesCompareShapeOnly() throws Exception {
        String expected = "|guid|\n|--|\n|2157828f-e871-479a-9d1c-17ffde915095|";
        String notes = "NONDETERMINISTIC: depends on now()/ago()/rand()/new_guid(); compare shape only";
        assertTrue(compare("print guid=new_guid()", expected, notes,
                table(List.of("guid:guid"), List.of(List.of("00000000-0000-0000-0000-000000000001")))).pass());
        assertFalse(compare("print guid=new_guid()", expected, notes,
                table(List.of("g:guid"), List.of(List.of("00000000-0000-0000-0000-000000000001")))).pass(), "names count");
        assertFalse(compare("print guid=new_guid()", expected, notes, table(List.of("guid:guid"), List.of())).pass(),
                "row count counts");
    }

    @Test
    void samplingDependentCasesCompareAsSetsAndApproximately() throws Exception {
        String notes = "order- or sampling-dependent functions (take/any/make_set/dcount/percentile...): compare as a set / approximate";
        String expected = "|s|n|\n|--|--|\n|[1,5,7]|50|";
        ActualTable actual = table(List.of("s:dynamic", "n:long"), List.of(List.of("[7,1,5]", "49")));
        assertTrue(compare("T | summarize s=make_set(x), n=dcount(x) | order by n", expected, notes, actual).pass());
        assertFalse(compare("T | summarize s=make_set(x), n=dcount(x)", expected, "", actual).pass());
    }

    @Test
    void samplingQueriesAreShapeOnly() throws Exception {
        String notes = "order- or sampling-dependent functions (take/any/make_set/dcount/percentile...): compare as a set / approximate";
        String expected = "| x |\n| --- |\n| 74 |\n| 63 |";
        ActualTable actual = table(List.of("x:long"), List.of(List.of("3"), List.of("3")));
        assertTrue(compare("let s = range x from 1 to 100 step 1 | sample 1; union (s), (s)", expected, notes, actual)
                .pass());
    }

    @Test
    void headerTypoNoteRenamesTheDocumentedColumn() throws Exception {
        String expected = "|Key|Value1|\n|---|---|\n|d|40|";
        String notes = "docs output header says Value1 but the right table's column is Value2 (docs typo)";
        ActualTable actual = table(List.of("Key:string", "Value2:long"), List.of(List.of("d", "40")));
        assertTrue(compare("X | join kind=rightanti Y on Key", expected, notes, actual).pass());
        assertFalse(compare("X | join kind=rightanti Y on Key", expected, "", actual).pass());
    }

    @Test
    void documentedColumnsOnlyFindsColumnsByName() throws Exception {
        String notes = "x uses now(); the documented output columns (RSquare..LineFit) depend only on y";
        String expected = "| RSquare | LineFit |\n|---|---|\n| 0.982 | 1.064, 3.7945 |";
        ActualTable actual = table(List.of("x:dynamic", "RSquare:real", "LineFit:dynamic"),
                List.of(List.of("[1]", "0.98207", "[1.0641,3.79452]")));
        assertTrue(compare("print x=now()", expected, notes, actual).pass());
        ActualTable missing = table(List.of("x:dynamic", "RSquare:real"), List.of(List.of("[1]", "0.98207")));
        TableComparator.Verdict v = compare("print x=now()", expected, notes, missing);
        assertFalse(v.pass());
        assertTrue(v.diff().contains("no column LineFit"), v.diff());
    }

    @Test
    void fencedValueIsTheLastColumnOfTheOnlyRow() throws Exception {
        String expected = "```json\n{\n  \"Browser\": {\"Family\": \"AdobeAIR\"}\n}\n```";
        ActualTable actual = table(List.of("useragent:string", "x:dynamic"),
                List.of(List.of("Mozilla", "{\"Browser\":{\"Family\":\"AdobeAIR\"}}")));
        assertTrue(compare("print useragent='Mozilla' | extend x = parse_user_agent(useragent, 'browser')", expected, "",
                actual).pass());
        ActualTable other = table(List.of("useragent:string", "x:dynamic"),
                List.of(List.of("Mozilla", "{\"Browser\":{\"Family\":\"Chrome\"}}")));
        assertFalse(compare("print 1", expected, "", other).pass());
    }

    @Test
    void abbreviatedNoteLetsCellsMatchByPrefix() throws Exception {
        String expected = "|buffer|\n|---|\n|{\"type\": \"Polygon\",\"coordinates\": [ ... ]}|";
        ActualTable actual = table(List.of("buffer:dynamic"), List.of(List.of("{\"type\":\"Polygon\",\"coordinates\":[[[1,2]]]}")));
        assertTrue(compare("print buffer = geo_point_buffer(1, 2, 3)", expected, "expected output is abbreviated in the docs",
                actual).pass());
        assertFalse(compare("print buffer = geo_point_buffer(1, 2, 3)", expected, "", actual).pass());
    }

    @Test
    void innerUniqueAcceptsTheOtherDocumentedOutput() throws Exception {
        String note = "innerunique keeps ONE arbitrary left row per key: the docs state several outputs are valid";
        String query = "t1 | join kind = innerunique t2 on key";
        ConformanceCase first = new ConformanceCase(1, "s", "t", query,
                "|key|value|\n|---|---|\n|1|val1.1|", note, "join/lookup", List.of());
        ConformanceCase second = new ConformanceCase(2, "s", "t", query + "  ",
                "|key|value|\n|---|---|\n|1|val1.2|", note, "join/lookup", List.of());
        List<ConformanceCase> corpus = List.of(first, second);
        ActualTable actual = table(List.of("key:long", "value:string"), List.of(List.of("1", "val1.2")));
        assertTrue(PreparedCase.prepare(first, corpus).judge(actual).pass());
        assertTrue(PreparedCase.prepare(second, corpus).judge(actual).pass());
        ActualTable neither = table(List.of("key:long", "value:string"), List.of(List.of("1", "val1.3")));
        assertFalse(PreparedCase.prepare(first, corpus).judge(neither).pass());
    }
}
