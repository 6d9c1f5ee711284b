package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conversion functions (to*), gettype and the null/empty tests and conditionals end to end, on the
 * documented examples (shared/kql/conformance/cases.jsonl) and the "null when it cannot convert" rule.
 */
class ConversionFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    /** The type and text of {@code print r = expression}, as {@code type text}. */
    private String value(String expression) {
        return new QueryRows(engine).value(expression);
    }

    @Test
    void tostringWritesEveryTypesTextForm() {
        assertEquals("string 123", value("tostring(123)"));
        assertEquals("string 1.5", value("tostring(1.5)"));
        assertEquals("string 2015-01-01T00:00:00.0000000Z", value("tostring(datetime(2015-01-01))"));
        assertEquals("string 01:00:00", value("tostring(1h)"));
        assertEquals("string true", value("tostring(true)"));
        assertEquals("string 74be27de-1e4e-49d9-b579-fe0b331d3642", value("tostring(guid(74be27de-1e4e-49d9-b579-fe0b331d3642))"));
        assertEquals("string {\"a\":[1,\"x\"]}", value("tostring(dynamic({\"a\":[1,\"x\"]}))"));
        assertEquals("string s", value("tostring(dynamic(\"s\"))"), "a dynamic string without its quotes");
        assertEquals("string ", value("tostring(long(null))"));
    }

    @Test
    void tolongAndTointParseAndTruncate() {
        assertEquals(List.of("Integer:bool", "true"), rows("print toint(\"123\") == 123 | project Integer = print_0"));
        assertEquals(List.of("Integer:int", "2"), rows("print toint(2.3) | project Integer = print_0"));
        assertEquals("long 12", value("tolong(' 12 ')"));
        assertEquals("long 12", value("tolong('12.7')"));
        assertEquals("long 1000", value("tolong('1e3')"));
        assertEquals("long -2", value("tolong(-2.7)"));
        assertEquals("long 1", value("tolong(true)"));
        assertEquals("long 7", value("tolong(dynamic('7'))"));
        assertEquals("long 621355968000000000", value("tolong(datetime(1970-01-01))"), "a datetime's ticks");
        assertEquals("long 36000000000", value("tolong(1h)"));
        assertEquals("long <null>", value("tolong('abc')"));
        assertEquals("long <null>", value("tolong('1.5d')"), "Java's number suffixes are not KQL's");
        assertEquals(List.of("result:long", "42"), rows("print result=coalesce(tolong(\"not a number\"), tolong(\"42\"), 33)"));
    }

    @Test
    void todoubleTodecimalAndTobool() {
        assertEquals("real 0.001", value("todouble('1e-3')"));
        assertEquals("real NaN", value("todouble('NaN')"));
        assertEquals("real <null>", value("todouble('0x10')"));
        assertEquals("real <null>", value("todouble(dynamic([1]))"));
        assertEquals("real 2.5", value("toreal(decimal(2.5))"));
        assertEquals(List.of("print_0:bool", "true"), rows("print todecimal(\"123.45678\") == decimal(123.45678)"));
        assertEquals("decimal <null>", value("todecimal('abc')"));
        assertEquals("bool true", value("tobool('true')"));
        assertEquals("bool false", value("tobool('FALSE')"));
        assertEquals("bool true", value("tobool(123)"));
        assertEquals("bool false", value("tobool(0)"));
        assertEquals("bool <null>", value("tobool('yes')"));
    }

    @Test
    void toguidAcceptsHexDigitsWithDashesAnywhere() {
        assertEquals(List.of("str:string|guid:guid",
                "0123456789abcdef0123456789abcdef|01234567-89ab-cdef-0123-456789abcdef",
                "0123456789ab-cdef-0123-456789abcdef|01234567-89ab-cdef-0123-456789abcdef",
                "a string that is not a guid|<null>"), rows("""
                datatable(str: string) ["0123456789abcdef0123456789abcdef", "0123456789ab-cdef-0123-456789abcdef",
                    "a string that is not a guid"]
                | extend guid = toguid(str)"""));
        assertEquals("guid 01234567-89ab-cdef-0123-456789abcdef", value("toguid('{0123456789abcdef0123456789ABCDEF}')"));
        assertEquals("guid <null>", value("toguid('0123456789abcdef0123456789abcde')"));
    }

    @Test
    void todatetimeReadsEveryLiteralSpelling() {
        assertEquals(List.of("print_0:bool", "true"), rows("print todatetime('12-02-2022') == datetime('12-02-2022')"));
        assertEquals("datetime 2015-12-31T23:59:59.9000000Z", value("todatetime('2015-12-31 23:59:59.9')"));
        assertEquals("datetime 2014-11-08T15:05:02.0000000Z", value("todatetime('Sat, 8 Nov 14 15:05:02 GMT')"));
        assertEquals("datetime 2014-11-08T14:05:02.0000000Z", value("todatetime('2014-11-08T15:05:02+01:00')"));
        assertEquals("datetime 2024-01-31T10:30:00.0000000Z", value("todatetime('10:30')"), "a time alone is today's");
        assertEquals("datetime 2020-01-01T00:00:00.0000000Z", value("todatetime(dynamic('2020-01-01'))"));
        assertEquals("datetime <null>", value("todatetime('not a date')"));
    }

    @Test
    void totimespanReadsClockAndLiteralSpellings() {
        assertEquals(List.of("minsStr:timespan|days:timespan|hour:timespan|mins:timespan|seconds:timespan|timespanMin:timespan",
                "00:03:00|4.00:00:00|05:00:00|00:10:00|00:00:20|00:25:00"), rows("""
                let value=5;
                print minsStr=totimespan("0.00:03:00"), days=totimespan(4d), hour=totimespan(value * 1h),
                      mins=totimespan(value * 2m), seconds=totimespan(5 * 4s), timespanMin=timespan(25min)"""));
        assertEquals("timespan 01:30:00", value("totimespan('1.5h')"));
        assertEquals("timespan -01:00:00", value("totimespan('-01:00:00')"));
        assertEquals("timespan 00:10:00", value("totimespan(dynamic('00:10:00'))"));
        assertEquals("timespan <null>", value("totimespan('xyz')"));
    }

    @Test
    void gettypeNamesRuntimeTypes() {
        assertEquals("string string", value("gettype('a')"));
        assertEquals("string long", value("gettype(111)"));
        assertEquals("string bool", value("gettype(1==1)"));
        assertEquals("string datetime", value("gettype(now())"));
        assertEquals("string timespan", value("gettype(1s)"));
        assertEquals("string int", value("gettype(parse_json('1'))"), "a JSON integer that fits 32 bits");
        assertEquals("string long", value("gettype(parse_json('10000000000'))"));
        assertEquals("string string", value("gettype(parse_json(' \"abc\" '))"));
        assertEquals("string dictionary", value("gettype(parse_json(' {\"abc\":1} '))"));
        assertEquals("string array", value("gettype(parse_json(' [1, 2, 3] '))"));
        assertEquals("string real", value("gettype(123.45)"));
        assertEquals("string guid", value("gettype(guid(12e8b78d-55b4-46ae-b068-26d7a0080254))"));
        assertEquals("string null", value("gettype(parse_json(''))"));
        assertEquals("string int", value("gettype(toint(1))"));
        assertEquals("string decimal", value("gettype(decimal(1))"));
    }

    @Test
    void nullAndEmptyTestsAndConditionals() {
        assertEquals("bool true", value("isempty('')"));
        assertEquals("bool true", value("isempty(parse_json(''))"));
        assertEquals("bool false", value("isempty(parse_json('[]'))"));
        assertEquals("bool false", value("isnull('')"));
        assertEquals("bool true", value("isnull(long(null))"));
        assertEquals("long 2", value("iff(bool(null), 1, 2)"), "a null condition takes else");
        assertEquals("real 1", value("iff(true, 1, 2.5)"));
        assertEquals("string b", value("case(false, 'a', true, 'b', 'c')"));
        assertEquals("string x", value("coalesce('', 'x')"));
        assertEquals("long <null>", value("coalesce(long(null), long(null))"));
        assertEquals(List.of("print:bool", "false"), rows("print print=iff(bool(null) and true, true, false)"));
    }

    @Test
    void assertPassesTrueAndFailsTheQueryOtherwise() {
        assertEquals(List.of("input:string", "4567"), rows("""
                let checkLength = (len:long, s:string)
                {
                    assert(len > 0, "Length must be greater than zero") and strlen(s) > len
                };
                datatable(input:string) ['123', '4567']
                | where checkLength(len=3, input)"""));
        QueryException failure = assertThrows(QueryException.class,
                () -> rows("print assert(1 > 2, 'one is not greater than two')"));
        assertTrue(failure.getMessage().contains("one is not greater than two"), failure.getMessage());
    }

    @Test
    void newGuidIsFreshPerRow() {
        assertEquals(List.of("dcount_g:long", "20"),
                rows("range x from 1 to 20 step 1 | extend g = new_guid() | summarize dcount(g)"));
        assertEquals("string guid", value("gettype(new_guid())"));
    }
}
