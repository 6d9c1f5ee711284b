package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.engine.exec.Engine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The aggregation functions end to end, on the documented examples (shared/kql/conformance/cases.jsonl) and the
 * edges the docs state: count with nulls, the bitwise folds, buildschema, make_set over arrays, the _if forms'
 * extra arguments, result-column names, percentile arrays, and the hll/tdigest intermediate results, which are
 * exact here and must round-trip through dcount_hll, hll_merge, percentile_tdigest and friends.
 */
class AggregatesTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    // ---------------------------------------------------------------------------------------------
    // count, the bitwise folds, buildschema, make_set

    @Test
    void countOfAnExpressionCountsNullsToo() {
        // summarize-operator.md: "The standard count function includes null values in its count".
        assertEquals(List.of("count_y:long", "2"), rows("""
                range x from 1 to 2 step 1
                | extend y = iff(x == 1, real(null), real(5))
                | summarize count(y)"""));
    }

    @Test
    void bitwiseFoldsOfTheDocumentedExamples() {
        assertEquals(List.of("result:string", "CAFEF00D"), rows("""
                datatable(num:long) [0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF]
                | summarize result = toupper(tohex(binary_all_and(num)))"""));
        assertEquals(List.of("result:string", "CAFEF00D"), rows("""
                datatable(num:long) [0x88888008, 0x42000000, 0x00767000, 0x00000005]
                | summarize result = toupper(tohex(binary_all_or(num)))"""));
        assertEquals(List.of("result:string", "CAFEF00D"), rows("""
                datatable(num:long) [0x44404440, 0x1E1E1E1E, 0x90ABBA09, 0x000B105A]
                | summarize result = toupper(tohex(binary_all_xor(num)))"""));
    }

    @Test
    void bitwiseFoldsSkipNullsAndAreNamedAfterTheColumn() {
        assertEquals(List.of("num:long", "6"), rows("""
                datatable(num:long) [6, long(null), 7] | summarize binary_all_and(num)"""));
        assertEquals(List.of("num:long", "<null>"), rows("""
                datatable(num:long) [long(null)] | summarize binary_all_or(num)"""));
    }

    @Test
    void buildschemaOfTheDocumentedExample() {
        assertEquals(List.of("schema_value:dynamic", "{\"x\":[\"long\",\"string\"],\"y\":[\"double\",{\"w\":\"string\"}],"
                + "\"z\":{\"`indexer`\":[\"long\",\"string\"]},\"t\":{\"`indexer`\":\"string\"}}"), rows("""
                datatable(value: dynamic) [
                    dynamic({"x":1, "y":3.5}),
                    dynamic({"x":"somevalue", "z":[1, 2, 3]}),
                    dynamic({"y":{"w":"zzz"}, "t":["aa", "bb"], "z":["foo"]})
                ]
                | summarize buildschema(value)"""));
    }

    @Test
    void makeSetOfArraysIsTheSetOfTheirElements() {
        assertEquals(List.of("Val_set:dynamic|Arr1_set:dynamic", "[1,5,7]|[\"A1\",\"A2\",\"A3\",\"C1\",\"C2\"]"), rows("""
                datatable (Val: int, Arr1: dynamic)
                [1, dynamic(['A1', 'A2', 'A3']), 5, dynamic(['A2', 'C1']), 7, dynamic(['C2', 'A3']), 5, dynamic(['C2', 'A1'])]
                | summarize Val_set=make_set(Val), Arr1_set=make_set(Arr1)"""));
    }

    @Test
    void makeBagKeepsAtMostMaxSizeKeys() {
        assertEquals(List.of("bag:dynamic", "{\"a\":1}"), rows("""
                datatable(d:dynamic) [dynamic({"a":1}), dynamic({"b":2})] | summarize bag = make_bag(d, 1)"""));
    }

    // ---------------------------------------------------------------------------------------------
    // The _if forms, names

    @Test
    void conditionalFormsTakeThePredicateSecondAndPassTheRestOn() {
        assertEquals(List.of("list_x:dynamic", "[2,4]"), rows("""
                range x from 1 to 10 step 1 | summarize make_list_if(x, x % 2 == 0, 2)"""));
        assertEquals(List.of("dcountif_x:long", "5"), rows("""
                range x from 1 to 10 step 1 | summarize dcountif(x, x % 2 == 0, 2)"""));
    }

    @Test
    void unnamedAggregatesAreNamedAsKustoNamesThem() {
        assertEquals(List.of("x:long|x1:long|any_x:long|anyif_x:long|count_distinct_x:long|count_distinctif_x:long",
                "1|2|1|2|3|1"), rows("""
                datatable(x:long) [1, 2, 3]
                | summarize take_any(x), take_anyif(x, x == 2), any(x), anyif(x, x == 2), count_distinct(x),
                            count_distinctif(x, x > 2)"""));
    }

    @Test
    void averagesOfTimesAreTimes() {
        assertEquals(List.of("avg_t:timespan|avg_d:datetime|avg_m:decimal",
                "01:30:00|2024-01-01T12:00:00.0000000Z|1.5"), rows("""
                datatable(t:timespan, d:datetime, m:decimal) [1h, datetime(2024-01-01), decimal(1), 2h,
                    datetime(2024-01-02), decimal(2)]
                | summarize avg(t), avg(d), avg(m)"""));
    }

    // ---------------------------------------------------------------------------------------------
    // percentiles_array, percentilesw_array

    @Test
    void percentileArraysListTheirPercentilesOrTakeAnArray() {
        String table = """
                datatable (ReqCount:long, LatencyBucket:long) [8, 10, 6, 20, 3, 30, 1, 40]
                """;
        assertEquals(List.of("percentiles_LatencyBucket:dynamic", "[20,20,40]"),
                rows(table + "| summarize percentilesw_array(LatencyBucket, ReqCount, 50, 75, 99.9)"));
        assertEquals(List.of("percentiles_LatencyBucket:dynamic", "[20,20,40]"),
                rows(table + "| summarize percentilesw_array(LatencyBucket, ReqCount, dynamic([50, 75, 99.9]))"));
        assertEquals(List.of("percentiles_x:dynamic", "[1,5,10]"),
                rows("range x from 1 to 10 step 1 | summarize percentiles_array(x, 0, 50, 100)"));
    }

    // ---------------------------------------------------------------------------------------------
    // hll, tdigest and their scalar companions

    @Test
    void hllRoundTripsThroughMergeAndDcount() {
        assertEquals(List.of("d:long", "20"), rows("""
                range x from 1 to 10 step 1
                | extend y = x + 10
                | summarize hll_x = hll(x), hll_y = hll(y)
                | project merged = hll_merge(hll_x, hll_y)
                | project d = dcount_hll(merged)"""));
        assertEquals(List.of("d:long|e:long", "3|2"), rows("""
                datatable(s:string) ['a', 'b', 'a', 'c']
                | summarize h = hll(s), e = dcount_hll(hll_if(s, s != 'c'))
                | project d = dcount_hll(h), e"""));
    }

    @Test
    void anEmptyGroupHasNoHllOrTdigest() {
        assertEquals(List.of("hll_x:dynamic|tdigest_x:dynamic", "<null>|<null>"),
                rows("datatable(x:long) [] | summarize hll(x), tdigest(x)"));
    }

    @Test
    void tdigestPercentilesAreNearestRankWithWeights() {
        assertEquals(List.of("P50:dynamic", "2"), rows("""
                datatable(V:real, W:long) [1.0, 1, 2.0, 2]
                | summarize TD=tdigest(V, W)
                | project P50=percentile_tdigest(TD, 50)"""));
        assertEquals(List.of("p:long", "20"), rows("""
                range x from 1 to 10 step 1
                | extend y = x + 10
                | summarize tdigestX = tdigest(x), tdigestY = tdigest(y)
                | project merged = merge_tdigest(tdigestX, tdigestY)
                | project p = percentile_tdigest(merged, 100, typeof(long))"""));
        assertEquals(List.of("a:dynamic", "[1,10,20]"), rows("""
                range x from 1 to 20 step 1
                | summarize t = tdigest(x)
                | project a = percentiles_array_tdigest(t, 0, 50, 100)"""));
    }

    @Test
    void tdigestMergeAggregatesDigestsAndRanksCount() {
        assertEquals(List.of("rank_of_685:real", "685"), rows("""
                range x from 1 to 1000 step 1
                | summarize t_x=tdigest(x)
                | project rank_of_685=rank_tdigest(t_x, 685)"""));
        assertEquals(List.of("m:long|r:real", "50|25"), rows("""
                range x from 1 to 100 step 1
                | summarize t = tdigest(x) by odd = x % 2
                | summarize merged = tdigest_merge(t)
                | project m = percentile_tdigest(merged, 50, typeof(long)), r = percentrank_tdigest(merged, 25)"""));
    }

    @Test
    void tdigestOfDatetimesKeepsTheType() {
        assertEquals(List.of("p:datetime|d:dynamic", "2024-01-03T00:00:00.0000000Z|\"2024-01-01T00:00:00.0000000Z\""),
                rows("""
                datatable(t:datetime) [datetime(2024-01-01), datetime(2024-01-03), datetime(2024-01-02)]
                | summarize td = tdigest(t)
                | project p = percentile_tdigest(td, 100, typeof(datetime)), d = percentile_tdigest(td, 0)"""));
    }
}
