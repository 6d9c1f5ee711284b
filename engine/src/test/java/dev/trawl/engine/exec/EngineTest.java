package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End-to-end: query text in, result table out. */
class EngineTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    private List<String> rows(String query) {
        QueryResult result = engine.run(query);
        List<String> rows = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (QueryResult.Column column : result.columns()) {
            header.append(header.isEmpty() ? "" : "|").append(column.name()).append(':').append(column.type());
        }
        rows.add(header.toString());
        for (int r = 0; r < result.rowCount(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < result.columns().size(); c++) {
                String text = result.text(r, c);
                row.append(c == 0 ? "" : "|").append(text == null ? "" : text);
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void printNamesColumnsAndComputes() {
        assertEquals(List.of("print_0:long|x:real|print_2:string", "3|0.5|ab"),
                rows("print 1 + 2, x = 1.0 / 2, strcat('a', 'b')"));
    }

    @Test
    void datatableWhereExtendProject() {
        assertEquals(List.of("Name:string|Double:long", "b|4", "c|6"), rows("""
                datatable(Name:string, Value:long) ['a', 1, 'b', 2, 'c', 3]
                | where Value > 1
                | extend Double = Value * 2
                | project Name, Double"""));
    }

    @Test
    void summarizeCountsAndSumsByGroup() {
        assertEquals(List.of("k:string|count_:long|sum_v:long", "a|2|4", "b|1|5"), rows("""
                datatable(k:string, v:long) ['a', 1, 'b', 5, 'a', 3]
                | summarize count(), sum(v) by k
                | sort by k asc"""));
    }

    @Test
    void summarizeWithoutGroupsOverNoRowsGivesDefaults() {
        assertEquals(List.of("count_:long|sum_v:long|avg_v:real", "0|0|"), rows("""
                datatable(v:long) [1] | where v > 5 | summarize count(), sum(v), avg(v)"""));
    }

    @Test
    void hasUsesTermsNotSubstrings() {
        assertEquals(List.of("a:bool|b:bool|c:bool|d:bool", "true|false|true|true"), rows("""
                print a = 'North America' has 'america', b = 'KustoExplorerQueryRun' has 'Explorer',
                      c = 'KustoExplorerQueryRun' contains 'Explorer', d = 'North America' hasprefix 'ame'"""));
    }

    @Test
    void joinKindsDiffer() {
        String left = "datatable(k:long, l:string) [1, 'a', 1, 'b', 2, 'c']";
        String right = "datatable(k:long, r:string) [1, 'x', 3, 'y']";
        assertEquals(2, rows(left + " | join kind=innerunique (" + right + ") on k").size(), "header + 1 row");
        assertEquals(3, rows(left + " | join kind=inner (" + right + ") on k").size());
        assertEquals(4, rows(left + " | join kind=leftouter (" + right + ") on k").size());
        assertEquals(2, rows(left + " | join kind=leftanti (" + right + ") on k").size());
        assertEquals(List.of("k:long|r:string", "3|y"), rows(left + " | join kind=rightanti (" + right + ") on k"));
        assertEquals(List.of("k:long|l:string|k1:long|r:string", "1|a|1|x", "1|b|1|x"),
                rows(left + " | join kind=inner (" + right + ") on k"));
    }

    @Test
    void mvExpandZipsArraysAndCastsToType() {
        assertEquals(List.of("a:long|b:dynamic", "1|\"x\"", "2|\"y\"", "3|"), rows("""
                print a = dynamic([1, 2, 3.7]), b = dynamic(['x', 'y']) | mv-expand a to typeof(long), b"""));
    }

    @Test
    void mvExpandPastABatchKeepsEachRowsOtherColumns() {
        // 3 rows of 5,000 elements: more rows than one batch holds, from each input row.
        String expanded = "range x from 1 to 3 step 1 | extend s = strcat('r', x), a = range(1, 5000)"
                + " | mv-expand with_itemindex = i a to typeof(long)";
        assertEquals(List.of("count_:long|sum_a:long|dcount_s:long|max_i:long", "15000|37507500|3|4999"),
                rows(expanded + " | summarize count(), sum(a), dcount(s), max(i)"));
        assertEquals(List.of("x:long|s:string|a:long|i:long", "1|r1|4999|4998", "2|r2|4999|4998", "3|r3|4999|4998"),
                rows(expanded + " | where a == 4999"));
    }

    @Test
    void aRangeOfTimesIsAnArrayOfTheirTextAndExpandsToTheSameTimes() {
        assertEquals(List.of("a:dynamic|b:dynamic|n:long|e:dynamic|s:bool",
                "[\"2024-01-01T03:00:00.0000000Z\",\"2024-01-01T02:00:00.0000000Z\",\"2024-01-01T01:00:00.0000000Z\"]"
                        + "|[\"01:00:00\",\"03:00:00\",\"05:00:00\"]|25|\"2024-01-01T02:00:00.0000000Z\"|true"),
                rows("""
                        print a = range(datetime(2024-01-01 03:00), datetime(2024-01-01 01:00), -1h), b = range(1h, 5h, 2h),
                              n = array_length(range(datetime(2024-01-01), datetime(2024-01-02), 1h)),
                              e = range(datetime(2024-01-01), datetime(2024-01-01 03:00), 1h)[2],
                              s = tostring(range(1h, 2h, 1h)) == tostring(dynamic(['01:00:00', '02:00:00']))"""));
        // Read from the ticks or from the text, the expanded times are the same, up to the last datetime there is.
        for (String range : List.of("range(datetime(2024-02-28 22:00), datetime(2024-03-01 02:00), 1h)",
                "range(datetime(9999-12-31 21:00), datetime(9999-12-31 23:59:59.9999999), 59m)",
                "range(datetime(0001-01-01), datetime(0001-01-01 02:00), 30m)")) {
            List<String> typed = rows("print a = " + range + " | mv-expand a to typeof(datetime)");
            assertEquals(rows("print a = " + range + " | mv-expand a to typeof(string) | project a = todatetime(a)"), typed);
            assertTrue(typed.size() >= 4, range);
        }
    }

    @Test
    void timeArithmeticAndAgo() {
        assertEquals(List.of("a:datetime|b:timespan|c:datetime", "2024-01-30T12:00:00.0000000Z|1.00:00:00|2024-01-31T00:00:00.0000000Z"),
                rows("print a = ago(1d), b = now() - ago(1d), c = startofday(now())"));
    }

    @Test
    void unknownColumnIsABindingErrorWithASuggestion() {
        QueryException error = assertThrows(QueryException.class,
                () -> engine.run("datatable(Account:string) ['a'] | where Acount == 'x'"));
        assertEquals("KQL2001", error.diagnostics().get(0).code());
        assertEquals("did you mean 'Account'?", error.diagnostics().get(0).help());
    }

    @Test
    void anUnknownFunctionIsReportedBeforeItsArgumentsEvenInSummarize() {
        // Over the aggregated row the argument x is no column: the misspelt function is what to report.
        QueryException summarized = assertThrows(QueryException.class,
                () -> engine.run("datatable(x:long) [1] | summarize n = dcoutn(x) * 2"));
        assertEquals("KQL2002", summarized.diagnostics().get(0).code());
        assertEquals("unknown function 'dcoutn'", summarized.diagnostics().get(0).message());
        assertEquals("did you mean 'dcount'?", summarized.diagnostics().get(0).help());
        QueryException extended = assertThrows(QueryException.class,
                () -> engine.run("datatable(x:long) [1] | extend y = tostrin(NoSuchColumn)"));
        assertEquals("unknown function 'tostrin'", extended.diagnostics().get(0).message());
        assertEquals("did you mean 'tostring'?", extended.diagnostics().get(0).help());
    }

    @Test
    void anUnnamedDcountHllIsNamedAfterItsArgument() {
        // The docs' hll_merge example projects dcount_hll(merged) as dcount_hll_merged.
        assertEquals(List.of("dcount_hll_merged:long", "20"), rows("""
                range x from 1 to 10 step 1
                | extend y = x + 10
                | summarize hll_x = hll(x), hll_y = hll(y)
                | project merged = hll_merge(hll_x, hll_y)
                | project dcount_hll(merged)"""));
        assertEquals(List.of("h:dynamic|dcount_hll_h:long|Column1:long"), rows(
                "datatable(h:dynamic) [] | extend dcount_hll(h), dcount_hll(hll_merge(h, h))"));
    }

    @Test
    void rangeIsInclusive() {
        QueryResult result = engine.run("range x from 1 to 20000 step 1 | summarize count(), max(x)");
        assertEquals("20000", result.text(0, 0));
        assertEquals("20000", result.text(0, 1));
        assertTrue(result.columns().get(1).name().equals("max_x"));
    }

    @Test
    void summarizeComputesOverAggregations() {
        assertEquals(List.of("k:string|ratio:real|count_:long", "a|2|2"), rows("""
                datatable(k:string, v:long) ['a', 1, 'a', 3]
                | summarize ratio = todouble(sum(v)) / count(), count() by k"""));
    }

    @Test
    void argMaxWithStarReturnsTheRowsColumnsAfterTheGroups() {
        // The documented example: Apple (1, null) -> Red/1; Banana (null, null) -> Yellow with a null Version.
        assertEquals(List.of("Fruit:string|Version:long|Color:string", "Apple|1|Red", "Banana||Yellow"), rows("""
                datatable(Fruit:string, Color:string, Version:long) [
                    'Apple', 'Red', 1, 'Apple', 'Green', long(null), 'Banana', 'Yellow', long(null), 'Banana', 'Yellow', long(null)]
                | summarize arg_max(Version, *) by Fruit
                | sort by Fruit asc"""));
    }

    @Test
    void percentilesAreNearestRankAndNamedPerPercentile() {
        assertEquals(List.of("percentile_x_50:long|percentile_x_95:long|stdev_x:real", "5|10|3.0276503540974917"),
                rows("range x from 1 to 10 step 1 | summarize percentiles(x, 50, 95), stdev(x)"));
    }

    @Test
    void conditionalAggregates() {
        assertEquals(List.of("sumif_x:long|countif_:long|dcountif_x:long", "30|4|4"),
                rows("range x from 1 to 10 step 1 | summarize sumif(x, x % 2 == 0), countif(x > 6), dcountif(x, x < 5)"));
    }

    @Test
    void parseExtractsTypedColumnsAndParseWhereDropsMisses() {
        assertEquals(List.of("text:string|user:string|n:long", "login bob 42|bob|42", "noise||"), rows("""
                datatable(text:string) ['login bob 42', 'noise']
                | parse text with 'login ' user ' ' n:long"""));
        assertEquals(List.of("user:string", "bob"), rows("""
                datatable(text:string) ['login bob 42', 'noise']
                | parse-where text with 'login ' user ' ' n:long
                | project user"""));
    }

    @Test
    void lookupDoesNotRepeatTheKey() {
        assertEquals(List.of("k:long|l:string|r:string", "1|a|x", "2|b|"), rows("""
                datatable(k:long, l:string) [1, 'a', 2, 'b']
                | lookup (datatable(k:long, r:string) [1, 'x']) on k"""));
    }

    @Test
    void mvApplyRunsTheSubqueryPerRow() {
        assertEquals(List.of("id:long|x:long", "1|3", "2|9"), rows("""
                datatable(id:long, xs:dynamic) [1, dynamic([1, 3, 2]), 2, dynamic([9, 4])]
                | mv-apply x = xs to typeof(long) on (top 1 by x)
                | project id, x"""));
    }

    @Test
    void bagUnpackColumnsComeFromTheDataSortedByName() {
        assertEquals(List.of("Age:long|Name:string", "20|John", "40|Dave"), rows("""
                datatable(d:dynamic) [dynamic({"Name": "John", "Age": 20}), dynamic({"Name": "Dave", "Age": 40})]
                | evaluate bag_unpack(d)"""));
    }

    @Test
    void windowFunctionsNeedSerializedRows() {
        assertEquals(List.of("x:long|n:long|p:long|s:long", "3|1||3", "2|2|3|5", "1|3|2|6"), rows("""
                range x from 1 to 3 step 1 | sort by x desc | extend n = row_number(), p = prev(x), s = row_cumsum(x)"""));
        QueryException error = assertThrows(QueryException.class,
                () -> engine.run("datatable(x:long) [1] | summarize by x | extend n = row_number()"));
        assertEquals("add '| serialize' (or sort) before it", error.diagnostics().get(0).help());
    }

    @Test
    void fastKernelsAgreeWithTheGeneralOnesIncludingNulls() {
        // Against a constant the specialised kernels run; against a column of the same values the general ones.
        String data = "datatable(x:long, s:string) [1, 'a', long(null), 'b', 3, 'a', 5, '']"
                + " | extend c = 3, t = 'a'";
        for (String operator : List.of("==", "!=", "<", "<=", ">", ">=")) {
            List<String> fast = rows(data + " | project r = x " + operator + " 3");
            List<String> general = rows(data + " | project r = x " + operator + " c");
            assertEquals(general, fast, operator);
        }
        assertEquals(rows(data + " | project r = s == t, q = s != t"), rows(data + " | project r = s == 'a', q = s != 'a'"));
        assertEquals(rows(data + " | project b = bin(x, c)"), rows(data + " | project b = bin(x, 3)"));
    }

    @Test
    void groupingByALongAgreesWithTheGeneralGrouping() {
        String data = "range i from 1 to 30000 step 1 | extend k = iff(i % 7 == 0, long(null), i % 5), v = i";
        List<String> fast = rows(data + " | summarize count(), sum(v), max(i) by k | sort by k asc nulls last");
        List<String> general = rows(data + " | summarize count(), sum(v), max(i) by k, tag = 'x'"
                + " | project-away tag | sort by k asc nulls last");
        assertEquals(general, fast);
        assertEquals(7, fast.size(), "header, five keys and the null key");
        // Counts alone by a key without nulls, with more groups than the counts start with room for.
        String many = "range i from 1 to 30000 step 1 | summarize count() by k = i % 3000";
        List<String> counts = rows(many + " | sort by k asc");
        assertEquals(rows(many + ", tag = 'x' | project-away tag | sort by k asc"), counts);
        assertEquals(List.of("k:long|count_:long", "0|10", "1|10"), counts.subList(0, 3));
        assertEquals(3001, counts.size());
    }

    private static final String METRICS = """
            datatable(timestamp:datetime, metric: real) [
              datetime(2016-12-31T06:00), 50, datetime(2017-01-01), 4, datetime(2017-01-02), 3,
              datetime(2017-01-03), 4, datetime(2017-01-03T03:00), 6, datetime(2017-01-05), 8,
              datetime(2017-01-05T13:40), 13, datetime(2017-01-06), 4, datetime(2017-01-07), 3,
              datetime(2017-01-08), 8, datetime(2017-01-08T21:00), 8, datetime(2017-01-09), 2,
              datetime(2017-01-09T12:00), 11, datetime(2017-01-10T05:00), 5]""";

    @Test
    void makeSeriesBinsFromFromWithAnExclusiveTo() {
        // The documented example: 9 bins, the 2016-12-31 and 2017-01-10 rows dropped, 2017-01-04 empty.
        List<String> result = rows(METRICS + " | make-series avg(metric) on timestamp from datetime(2017-01-01)"
                + " to datetime(2017-01-10) step 1d");
        assertEquals("avg_metric:dynamic|timestamp:dynamic", result.get(0));
        assertEquals("[4,3,5,0,10.5,4,3,8,6.5]|[\"2017-01-01T00:00:00.0000000Z\",\"2017-01-02T00:00:00.0000000Z\","
                + "\"2017-01-03T00:00:00.0000000Z\",\"2017-01-04T00:00:00.0000000Z\",\"2017-01-05T00:00:00.0000000Z\","
                + "\"2017-01-06T00:00:00.0000000Z\",\"2017-01-07T00:00:00.0000000Z\",\"2017-01-08T00:00:00.0000000Z\","
                + "\"2017-01-09T00:00:00.0000000Z\"]", result.get(1));
    }

    @Test
    void makeSeriesOverNoRowsIsEmptyUnlessNonEmpty() {
        assertEquals(List.of("Count:long", "0"), rows(METRICS + " | take 0 | make-series avg(metric) default=1.0"
                + " on timestamp from datetime(2017-01-01) to datetime(2017-01-04) step 1d | count"));
        assertEquals(List.of("avg_metric:dynamic|timestamp:dynamic", "[1,1,1]|[\"2017-01-01T00:00:00.0000000Z\","
                + "\"2017-01-02T00:00:00.0000000Z\",\"2017-01-03T00:00:00.0000000Z\"]"),
                rows(METRICS + " | take 0 | make-series kind=nonempty avg(metric) default=1.0 on timestamp"
                        + " from datetime(2017-01-01) to datetime(2017-01-04) step 1d"));
    }

    @Test
    void makeSeriesByGroupWithoutFromAndToSpansEachSeriesOwnData() {
        // Without from/to each series runs from its first to its last bin with data, bins aligned to bin().
        assertEquals(List.of("k:string|count_:dynamic|t:dynamic", "a|[2,0,1]|[0,10,20]", "b|[1]|[10]"), rows("""
                datatable(k:string, t:long) ['a', 1, 'a', 5, 'a', 25, 'b', 12]
                | make-series count() on t step 10 by k
                | sort by k asc"""));
    }

    @Test
    void makeSeriesInRangeIncludesTheStop() {
        assertEquals(List.of("sum_v:dynamic|t:dynamic", "[1,0,3]|[0,2,4]"), rows("""
                datatable(t:long, v:long) [1, 1, 4, 3, 7, 9]
                | make-series sum(v) on t in range(1, 4, 2)"""));
    }

    @Test
    void theSeedsExpansionOfASeriesCastsToTheDeclaredTypes() {
        assertEquals(List.of("Total:real|Timestamp:datetime", "2|2024-01-01T00:00:00.0000000Z",
                "0|2024-01-01T01:00:00.0000000Z", "1|2024-01-01T02:00:00.0000000Z"), rows("""
                datatable(Timestamp:datetime) [datetime(2024-01-01 00:10), datetime(2024-01-01 00:50), datetime(2024-01-01 02:00)]
                | make-series Total=count() on Timestamp from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h
                | mv-expand Total to typeof(double), Timestamp to typeof(datetime)"""));
    }

    @Test
    void unionNamesItsLegsByAsAndSplitsAColumnWithTwoTypes() {
        assertEquals(List.of("TableName:string|x:long", "T1|1", "T2|1"),
                rows("union withsource=TableName (print x=1 | as T1), (print x=1 | as T2)"));
        assertEquals(List.of("TableName:string|x_long:long|x_int:int", "union_arg0|1|", "union_arg1||2"),
                rows("union withsource=TableName (print x=1), (print x=toint(2))"));
    }

    @Test
    void mvApplyKeepsTheInputRowsColumns() {
        assertEquals(List.of("id:long|xs:dynamic|Top2:dynamic", "1|[1,3,2]|[3,2]"), rows("""
                datatable(id:long, xs:dynamic) [1, dynamic([1, 3, 2])]
                | mv-apply x = xs to typeof(long) on (top 2 by x | summarize Top2 = make_list(x))"""));
    }

    @Test
    void innerUniqueKeepsTheFirstLeftRowOfAKey() {
        assertEquals(List.of("key:long|value:string|key1:long|value1:string", "1|val1.1|1|val1.3"), rows("""
                datatable(key:long, value:string) [1, 'val1.1', 1, 'val1.2']
                | join kind=innerunique (datatable(key:long, value:string) [1, 'val1.3']) on key"""));
    }

    @Test
    void projectReorderSortsMatchedColumnsAndToscalarOfAScalarIsItself() {
        assertEquals(List.of("a1:string|a10:string|a2:string|b:string", "1|10|2|b"),
                rows("print b = 'b', a2 = '2', a10 = '10', a1 = '1' | project-reorder a* asc"));
        assertEquals(List.of("a1:string|a2:string|a10:string|b:string", "1|2|10|b"),
                rows("print b = 'b', a2 = '2', a10 = '10', a1 = '1' | project-reorder a* granny-asc"));
        assertEquals(List.of("print_0:long", "2"), rows("print toscalar(2)"));
    }

    @Test
    void seriesFunctionsTakeNamedArguments() {
        String y = "print y = dynamic([10, 12, 11, 13, 12, 40, 11, 12, 13, 12, 11, 12]) ";
        assertEquals(rows(y + "| extend (f, s, b) = series_decompose_anomalies(y, 2.5)"),
                rows(y + "| extend (f, s, b) = series_decompose_anomalies(y, Threshold = 2.5)"));
        assertEquals(rows(y + "| extend (f, s, b) = series_decompose_anomalies(y, 1.5, -1, 'linefit')"),
                rows(y + "| extend (f, s, b) = series_decompose_anomalies(y, Trend = 'linefit')"));
        QueryException error = assertThrows(QueryException.class,
                () -> engine.run(y + "| extend x = series_decompose_anomalies(y, Treshold = 2)"));
        assertEquals("did you mean 'Threshold'?", error.diagnostics().get(0).help());
    }
}
