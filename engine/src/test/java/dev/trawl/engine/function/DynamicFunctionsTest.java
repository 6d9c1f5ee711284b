package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.engine.exec.Engine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dynamic, array, bag and set functions end to end, mostly on the documented examples
 * (shared/kql/conformance/cases.jsonl) plus the null and edge cases the docs state.
 */
class DynamicFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    /** The text and type of {@code print r = expression}, as {@code type text}. */
    /** The type and text of {@code print r = expression}, as {@code type text}. */
    private String value(String expression) {
        return new QueryRows(engine).value(expression);
    }

    // ---------------------------------------------------------------------------------------------
    // parse_json, dynamic_to_json

    @Test
    void parseJsonParsesJsonAndKeepsOtherTextAsAString() {
        assertEquals("dynamic {\"a\":1,\"b\":[true,null,\"x\"]}", value("parse_json('{\"a\":1, \"b\":[true,null,\"x\"]}')"));
        assertEquals("dynamic \"{not json\"", value("parse_json('{not json')"));
        assertEquals("string string", value("gettype(parse_json('{not json'))"));
        assertEquals("dynamic <null>", value("parse_json('')"));
        assertEquals("dynamic 123", value("todynamic(123)"));
        assertEquals("dynamic [1]", value("toobject(dynamic([1]))"));
        assertEquals("dynamic \"12\"", value("parsejson('\"12\"')"));
    }

    @Test
    void parseJsonWritesWholeRealsWithoutTheirPointAndNestedJsonNeedsTostring() {
        assertEquals(List.of("d:dynamic|v:dynamic", "{\"duration\":{\"value\":118,\"min\":100}}|118"), rows("""
                datatable(s:string) ['{"duration":{"value":118.0,"min":100.0}}']
                | project d = parse_json(s) | extend v = d.duration.value"""));
        assertEquals("dynamic 456", value("parse_json(tostring(parse_json('{\"a\":123, \"b\":\"{\\\\\"c\\\\\":456}\"}').b)).c"));
    }

    @Test
    void dynamicToJsonSortsKeysAtEveryDepth() {
        assertEquals(List.of("AreEqual:bool|Result:string",
                "true|{\"A1\":12,\"A14\":[15,13,18],\"X8\":{\"a4\":6,\"c3\":1},\"Y10\":{}}"), rows("""
                let bag1 = dynamic_to_json(dynamic({'Y10':dynamic({}), 'X8': dynamic({'c3':1, 'a4':6}), 'A1':12, 'A14':[15, 13, 18]}));
                let bag2 = dynamic_to_json(dynamic({'X8': dynamic({'a4':6, 'c3':1}), 'A14':[15, 13, 18], 'Y10': dynamic({}), 'A1':12}));
                print AreEqual=bag1 == bag2, Result=bag1"""));
        assertEquals("string 12", value("dynamic_to_json(12)"));
        assertEquals("string \"a\"", value("dynamic_to_json(dynamic('a'))"));
    }

    // ---------------------------------------------------------------------------------------------
    // Arrays

    @Test
    void arrayConcatJoinsArraysAndNeedsArrays() {
        assertEquals(List.of("Column1:dynamic", "[1,2,4,1,2]", "[2,4,8,2,4]", "[3,6,12,3,6]"), rows("""
                range x from 1 to 3 step 1
                | extend y = x * 2
                | extend z = y * 2
                | extend a1 = pack_array(x,y,z), a2 = pack_array(x, y)
                | project array_concat(a1, a2)"""));
        assertEquals("dynamic <null>", value("array_concat(dynamic([1]), dynamic({'a':1}))"));
    }

    @Test
    void arrayIffFollowsTheDocumentedExamples() {
        assertEquals("dynamic [1,5,3]", value("array_iff(dynamic([true,false,true]), dynamic([1,2,3]), dynamic([4,5,6]))"));
        assertEquals("dynamic [\"yes\",\"no\",\"yes\"]", value("array_iif(dynamic([1,0,50]), 'yes', 'no')"));
        assertEquals("dynamic [null,null,null]",
                value("array_iff(dynamic(['some string value', datetime('01-01-2022'), null]), 1, 0)"));
        assertEquals("dynamic [1,2,null]", value("array_iff(dynamic([true,true,true]), dynamic([1,2]), dynamic([3,4]))"));
        assertEquals("dynamic <null>", value("array_iff(dynamic(5), 1, 0)"));
    }

    @Test
    void arrayIndexOfFollowsTheDocumentedExample() {
        assertEquals(List.of("idx1:long|idx2:long|idx3:long|idx4:long|idx5:long|idx6:long|idx7:long|idx8:long|idx9:long",
                "2|3|-1|-1|3|4|-1|4|-1"), rows("""
                let arr=dynamic(["this", "is", "an", "example", "an", "example"]);
                print idx1 = array_index_of(arr,"an"), idx2 = array_index_of(arr,"example",1,3),
                 idx3 = array_index_of(arr,"example",1,2), idx4 = array_index_of(arr,"is",2,4),
                 idx5 = array_index_of(arr,"example",2,-1), idx6 = array_index_of(arr, "an", 1, -1, 2),
                 idx7 = array_index_of(arr, "an", 1, -1, 3), idx8 = array_index_of(arr, "an", -3),
                 idx9 = array_index_of(arr, "is", -4)"""));
        assertEquals("long <null>", value("array_index_of(dynamic([1]), 1, 0, -2)"));
        assertEquals("long <null>", value("array_index_of(dynamic([1]), 1, 0, -1, -1)"));
        assertEquals("long 1", value("array_index_of(dynamic([1.5, 2.0]), 2)"));
        assertEquals("long -1", value("array_index_of(dynamic([1, 2]), '2')"));
        assertEquals("long 1", value("array_index_of(dynamic([1, 2]), 2, 0, 9223372036854775807)"));
    }

    @Test
    void arrayLengthCountsArraysOnly() {
        assertEquals("long 4", value("array_length(dynamic([1, 2, 3, 'four']))"));
        assertEquals("long <null>", value("array_length(dynamic({'a':1}))"));
    }

    @Test
    void arrayReverseRotateAndShift() {
        assertEquals("dynamic [\"example\",\"an\",\"is\",\"this\"]", value("array_reverse(dynamic(['this', 'is', 'an', 'example']))"));
        assertEquals("dynamic [3,4,5,1,2]", value("array_rotate_left(dynamic([1,2,3,4,5]), 2)"));
        assertEquals("dynamic [4,5,1,2,3]", value("array_rotate_left(dynamic([1,2,3,4,5]), -2)"));
        assertEquals("dynamic [4,5,1,2,3]", value("array_rotate_right(dynamic([1,2,3,4,5]), 2)"));
        assertEquals("dynamic [3,4,5,1,2]", value("array_rotate_right(dynamic([1,2,3,4,5]), -2)"));
        assertEquals("dynamic [2,3,1]", value("array_rotate_left(dynamic([1,2,3]), 7)"));
        assertEquals("dynamic []", value("array_rotate_left(dynamic([]), 1)"));
        assertEquals("dynamic [3,4,5,null,null]", value("array_shift_left(dynamic([1,2,3,4,5]), 2)"));
        assertEquals("dynamic [3,4,5,-1,-1]", value("array_shift_left(dynamic([1,2,3,4,5]), 2, -1)"));
        assertEquals("dynamic [-1,-1,1,2,3]", value("array_shift_left(dynamic([1,2,3,4,5]), -2, -1)"));
        assertEquals("dynamic [null,null,1,2,3]", value("array_shift_right(dynamic([1,2,3,4,5]), 2)"));
        assertEquals("dynamic [-1,-1,1,2,3]", value("array_shift_right(dynamic([1,2,3,4,5]), 2, -1)"));
        assertEquals("dynamic [3,4,5,-1,-1]", value("array_shift_right(dynamic([1,2,3,4,5]), -2, -1)"));
        assertEquals("dynamic [\"b\",\"\"]", value("array_shift_left(dynamic(['a','b']), 1)"));
        assertEquals("dynamic [0,0]", value("array_shift_left(dynamic([1,2]), 10, 0)"));
    }

    @Test
    void arraySliceIsInclusiveAndCountsNegativeIndexesFromTheEnd() {
        assertEquals("dynamic [2,3]", value("array_slice(dynamic([1,2,3]), 1, 2)"));
        assertEquals("dynamic [3,4,5]", value("array_slice(dynamic([1,2,3,4,5]), 2, -1)"));
        assertEquals("dynamic [3,4]", value("array_slice(dynamic([1,2,3,4,5]), -3, -2)"));
        assertEquals("dynamic [1,2]", value("array_slice(dynamic([1,2]), -10, 10)"));
        assertEquals("dynamic []", value("array_slice(dynamic([1,2,3]), 2, 1)"));
    }

    @Test
    void arraySplitCutsAtEachIndex() {
        assertEquals("dynamic [[1,2],[3,4,5]]", value("array_split(dynamic([1,2,3,4,5]), 2)"));
        assertEquals("dynamic [[1],[2,3],[4,5]]", value("array_split(dynamic([1,2,3,4,5]), dynamic([1,3]))"));
        assertEquals("dynamic [[1,2,3,4],[5]]", value("array_split(dynamic([1,2,3,4,5]), -1)"));
        assertEquals("dynamic [[1,2],[]]", value("array_split(dynamic([1,2]), 9)"));
    }

    @Test
    void arraySumIsRealAndNullForNonNumbers() {
        assertEquals("real 10", value("array_sum(dynamic([1,2,3,4]))"));
        assertEquals("real 2.5", value("array_sum(dynamic([1,1.5]))"));
        assertEquals("real <null>", value("array_sum(dynamic([1,'2']))"));
        assertEquals("real 0", value("array_sum(dynamic([]))"));
    }

    @Test
    void repeatBuildsArraysOfOneValue() {
        assertEquals("dynamic [1,1,1]", value("repeat(1, 3)"));
        assertEquals("dynamic [\"00:00:02\",\"00:00:02\"]", value("repeat(2s, 2)"));
        assertEquals("dynamic []", value("repeat('a', 0)"));
        assertEquals("dynamic <null>", value("repeat('a', -1)"));
    }

    @Test
    void zipPairsElementsAndPadsWithNull() {
        assertEquals("dynamic [[1,2],[3,4],[5,6]]", value("zip(dynamic([1,3,5]), dynamic([2,4,6]))"));
        assertEquals("dynamic [[\"A\",{}],[1,\"B\"],[1.5,null]]", value("zip(dynamic(['A', 1, 1.5]), dynamic([{}, 'B']))"));
        assertEquals(List.of("Column1:dynamic", "[[1,\"one\"],[2,\"two\"],[3,\"three\"]]"), rows("""
                datatable(a:int, b:string) [1,"one",2,"two",3,"three"]
                | summarize a = make_list(a), b = make_list(b)
                | project zip(a, b)"""));
    }

    @Test
    void treepathListsEveryPathOnceWithArraysAsZero() {
        assertEquals("dynamic [\"['a']\",\"['c']\"]", value("treepath(parse_json('{\"a\":\"b\", \"c\":123}'))"));
        assertEquals("dynamic [\"['prop1']\",\"['prop1'][0]\",\"['prop2']\"]",
                value("treepath(parse_json('{\"prop1\":[1,2,3,4], \"prop2\":\"value2\"}'))"));
        assertEquals("dynamic [\"['listProperty']\",\"['listProperty'][0]\",\"['listProperty'][0]['x']\"]",
                value("treepath(parse_json('{\"listProperty\":[100,200,300,\"abcde\",{\"x\":\"y\"}]}'))"));
        assertEquals("dynamic []", value("treepath(dynamic(1))"));
    }

    @Test
    void packArrayStoresTimesAsTheirText() {
        assertEquals(List.of("Column1:dynamic", "[1,\"2\",\"00:00:02\"]", "[2,\"4\",\"00:00:04\"]"), rows("""
                range x from 1 to 2 step 1
                | extend y = tostring(x * 2)
                | extend z = (x * 2) * 1s
                | project pack_array(x, y, z)"""));
    }

    // ---------------------------------------------------------------------------------------------
    // Sorting

    @Test
    void arraySortPutsNullsLastUnlessToldOtherwise() {
        assertEquals("dynamic [\"blue\",\"green\",\"yellow\",null,null]",
                value("array_sort_asc(dynamic([null,'blue','yellow','green',null]))"));
        assertEquals("dynamic [null,null,\"blue\",\"green\",\"yellow\"]",
                value("array_sort_asc(dynamic([null,'blue','yellow','green',null]), false)"));
        assertEquals("dynamic [\"yellow\",\"green\",\"blue\",null,null]",
                value("array_sort_desc(dynamic([null,'blue','yellow','green',null]))"));
        assertEquals("dynamic [null,null,\"yellow\",\"green\",\"blue\"]",
                value("array_sort_desc(dynamic([null,'blue','yellow','green',null]), false)"));
    }

    @Test
    void arraySortOrdersNumbersThenStringsThenTheRest() {
        assertEquals("dynamic [1,2.5,10,\"10\",\"a\",true,[1]]", value("array_sort_asc(dynamic(['a', true, 10, '10', [1], 2.5, 1]))"));
        assertEquals("dynamic [10,2.5,1,\"a\",\"10\",true,[1]]", value("array_sort_desc(dynamic(['a', true, 10, '10', [1], 2.5, 1]))"));
    }

    @Test
    void arraySortOrdersFurtherArraysLikeTheFirst() {
        assertEquals("dynamic [[1,2,3,4,5],[\"a\",\"e\",\"b\",\"c\",\"d\"]]",
                value("array_sort_asc(dynamic([1,3,4,5,2]), dynamic(['a','b','c','d','e']))"));
        assertEquals("dynamic [[5,4,3,2,1],[\"d\",\"c\",\"b\",\"e\",\"a\"]]",
                value("array_sort_desc(dynamic([1,3,4,5,2]), dynamic(['a','b','c','d','e']))"));
        assertEquals("dynamic [[1,2],null]", value("array_sort_asc(dynamic([2,1]), dynamic([1]))"));
        assertEquals(List.of("user_id:string|commands:dynamic", "user1|[\"ls\",\"mkdir\",\"chmod\",\"dir\",\"pwd\",\"rm\"]",
                "user2|[\"rm\",\"pwd\"]"), rows("""
                datatable(command:string, command_time:datetime, user_id:string)
                [
                    'chmod',   datetime(2019-07-15),   "user1",
                    'ls',      datetime(2019-07-02),   "user1",
                    'dir',     datetime(2019-07-22),   "user1",
                    'mkdir',   datetime(2019-07-14),   "user1",
                    'rm',      datetime(2019-07-27),   "user1",
                    'pwd',     datetime(2019-07-25),   "user1",
                    'rm',      datetime(2019-07-23),   "user2",
                    'pwd',     datetime(2019-07-25),   "user2",
                ]
                | summarize timestamps = make_list(command_time), commands = make_list(command) by user_id
                | project user_id, commands = array_sort_asc(timestamps, commands)[1]
                | sort by user_id asc"""));
    }

    // ---------------------------------------------------------------------------------------------
    // Bags

    @Test
    void bagPackAndItsAliases() {
        assertEquals("dynamic {\"Level\":\"Information\",\"ProcessID\":1234,\"Data\":{\"url\":\"www.bing.com\"}}",
                value("bag_pack('Level', 'Information', 'ProcessID', 1234, 'Data', bag_pack('url', 'www.bing.com'))"));
        assertEquals("dynamic {\"a\":1}", value("pack('a', 1)"));
        assertEquals("dynamic {\"a\":\"2024-01-31T00:00:00.0000000Z\"}", value("pack_dictionary('a', datetime(2024-01-31))"));
    }

    @Test
    void bagHasKeyReadsRootKeysAndJsonPaths() {
        assertEquals("bool true", value("bag_has_key(dynamic({'key1' : 123, 'key2': 'abc'}), 'key2')"));
        assertEquals("bool false", value("bag_has_key(dynamic({'key1' : 123, 'key3': 'abc'}), 'key2')"));
        assertEquals("bool true", value("bag_has_key(dynamic({'key2': {'prop1' : 'abc'}}), '$.key2.prop1')"));
        assertEquals("bool true", value("bag_has_key(dynamic({'key2': {'a b' : null}}), \"$['key2']['a b']\")"));
        assertEquals("bool false", value("bag_has_key(dynamic({'key3': [100, 200]}), '$.key3[0]')"));
        assertEquals("bool false", value("bag_has_key(dynamic([1]), 'a')"));
    }

    @Test
    void bagKeysFollowsTheDocumentedTable() {
        assertEquals(List.of("index:long|keys:dynamic", "1|[\"a\",\"c\"]", "2|[\"a\",\"c\"]", "3|<null>", "4|[]", "5|<null>",
                "6|<null>"), rows("""
                datatable(index:long, d:dynamic) [
                    1, dynamic({'a':'b', 'c':123}),
                    2, dynamic({'a':'b', 'c':[{'d':123}]}),
                    3, dynamic(null),
                    4, dynamic({}),
                    5, dynamic('a'),
                    6, dynamic([])
                ]
                | project index, keys = bag_keys(d)"""));
    }

    @Test
    void bagMergeKeepsTheFirstValueOfAKey() {
        assertEquals("dynamic {\"A1\":12,\"B1\":2,\"C1\":3,\"A2\":81,\"B2\":82}",
                value("bag_merge(dynamic({'A1':12, 'B1':2, 'C1':3}), dynamic({'A2':81, 'B2':82, 'A1':1}))"));
        assertEquals("dynamic {\"a\":null,\"b\":2}", value("bag_merge(dynamic({'a':null}), dynamic(null), dynamic({'a':1,'b':2}))"));
        assertEquals("dynamic <null>", value("bag_merge(dynamic(1), dynamic([1]))"));
    }

    @Test
    void bagRemoveKeysRemovesRootAndNestedKeys() {
        assertEquals(List.of("result:dynamic", "{\"key1\":123}", "{\"key1\":\"value\",\"key3\":42}"), rows("""
                datatable(input:dynamic)
                [
                    dynamic({'key1' : 123,     'key2': 'abc'}),
                    dynamic({'key1' : 'value', 'key3': 42.0}),
                ]
                | project result=bag_remove_keys(input, dynamic(['key2', 'key4']))"""));
        assertEquals(List.of("input:dynamic|result:dynamic",
                "{\"key1\":123,\"key2\":{\"prop1\":\"abc\",\"prop2\":\"xyz\"},\"key3\":[100,200]}|{\"key1\":123,\"key2\":{\"prop2\":\"xyz\"}}"),
                rows("""
                datatable(input:dynamic)
                [
                    dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}),
                ]
                | extend result=bag_remove_keys(input, dynamic(['$.key2.prop1', 'key3']))"""));
        assertEquals("dynamic <null>", value("bag_remove_keys(dynamic([1]), dynamic(['a']))"));
    }

    @Test
    void bagSetKeySetsRootAndNestedKeysWithoutChangingTheInput() {
        assertEquals(List.of("input:dynamic|result:dynamic", "{\"key1\":1,\"key2\":2}|{\"key1\":1,\"key2\":2,\"key3\":3}",
                "{\"key1\":1,\"key3\":\"abc\"}|{\"key1\":1,\"key3\":3}"), rows("""
                datatable(input: dynamic) [
                    dynamic({'key1': 1, 'key2': 2}),
                    dynamic({'key1': 1, 'key3': 'abc'}),
                ]
                | extend result = bag_set_key(input, 'key3', 3)"""));
        assertEquals(List.of("input:dynamic|result:dynamic",
                "{\"key1\":123,\"key2\":{\"prop1\":123,\"prop2\":\"xyz\"}}|{\"key1\":123,\"key2\":{\"prop1\":\"abc\",\"prop2\":\"xyz\"}}",
                "{\"key1\":123}|{\"key1\":123,\"key2\":{\"prop1\":\"abc\"}}"), rows("""
                datatable(input: dynamic)[
                    dynamic({'key1': 123, 'key2': {'prop1': 123, 'prop2': 'xyz'}}),
                    dynamic({'key1': 123})
                ]
                | extend result = bag_set_key(input, '$.key2.prop1', 'abc')"""));
        assertEquals("dynamic <null>", value("bag_set_key(dynamic([1]), 'a', 1)"));
        assertEquals("dynamic <null>", value("bag_set_key(dynamic({}), '$', 1)"));
    }

    @Test
    void bagZipFollowsTheDocumentedCases() {
        assertEquals("dynamic {\"a\":1,\"b\":\"2\",\"c\":3.4}", value("bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2', 3.4]))"));
        assertEquals("dynamic {\"a\":1,\"b\":\"2\",\"c\":null}", value("bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2']))"));
        assertEquals("dynamic {\"a\":1,\"b\":\"2\"}", value("bag_zip(dynamic(['a', 'b']), dynamic([1, '2', 2.5]))"));
        assertEquals("dynamic {\"a\":1,\"b\":2.5}", value("bag_zip(dynamic(['a', 8, 'b']), dynamic([1, '2', 2.5]))"));
        assertEquals("dynamic {\"a\":null,\"b\":null}", value("bag_zip(dynamic(['a', 8, 'b']), dynamic(1))"));
        assertEquals("bool true", value("isnull(bag_zip(dynamic('a'), dynamic([1, '2', 2.5])))"));
    }

    // ---------------------------------------------------------------------------------------------
    // Sets

    @Test
    void setFunctionsFollowTheDocumentedExamples() {
        assertEquals(List.of("Column1:dynamic", "[4]", "[8]", "[12]"), rows("""
                range x from 1 to 3 step 1
                | extend y = x * 2
                | extend z = y * 2
                | extend w = z * 2
                | extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(x,y,w)
                | project set_difference(a1, a2, a3)"""));
        assertEquals("dynamic []", value("set_difference(dynamic([1,2,3]), dynamic([1,2,3]))"));
        assertEquals(List.of("Column1:dynamic", "[1]", "[2]", "[3]"), rows("""
                range x from 1 to 3 step 1
                | extend y = x * 2
                | extend z = y * 2
                | extend w = z * 2
                | extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(w,x)
                | project set_intersect(a1, a2, a3)"""));
        assertEquals("dynamic []", value("set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))"));
        assertEquals("dynamic [1,2,4,8]", value("set_union(dynamic([1,2,1,4]), dynamic([1,2]), dynamic([8]))"));
        assertEquals("dynamic [\"A4\",\"A2\",\"A7\"]", value("set_union(dynamic(['A4', 'A2', 'A7', 'A2']), dynamic(['A4', 'A2', 'A7', 'A2']))"));
        assertEquals("dynamic <null>", value("set_union(dynamic([1]), dynamic(1))"));
    }

    @Test
    void setHasElementAndJaccardIndex() {
        assertEquals("bool true", value("set_has_element(dynamic(['this', 'is', 'an', 'example']), 'example')"));
        assertEquals("bool false", value("set_has_element(dynamic(['this']), 'This')"));
        assertEquals("bool true", value("set_has_element(dynamic([1.0, 2]), 1)"));
        assertEquals("bool true", value("set_equals(dynamic([1,2,1]), dynamic([2,1]))"));
        assertEquals("bool false", value("set_equals(dynamic([1,2]), dynamic([1]))"));
        assertEquals("real 0.75", value("jaccard_index(dynamic([1,2,3]), dynamic([1,2,3,4]))"));
        assertEquals("real 0.5", value("jaccard_index(dynamic([1,1,2]), dynamic([2,2]))"));
        assertEquals("real NaN", value("jaccard_index(dynamic([]), dynamic([]))"));
    }
}
