package dev.trawl.engine.function;

import static dev.trawl.engine.function.StringFunctionsTestSupport.eval;
import static dev.trawl.engine.function.StringFunctionsTestSupport.isNull;
import static dev.trawl.engine.function.StringFunctionsTestSupport.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.QueryException;
import org.junit.jupiter.api.Test;

/** The parse_* functions, format_bytes, extract_json and punycode, against the documented examples. */
class StringParsingFunctionsTest {
    @Test
    void parseUrlGivesTheDocumentedParts() {
        assertEquals("{\"Scheme\":\"scheme\",\"Host\":\"host\",\"Port\":\"1234\",\"Path\":\"/this/is/a/path\","
                + "\"Username\":\"username\",\"Password\":\"password\",\"Query Parameters\":{\"k1\":\"v1\",\"k2\":\"v2\"},"
                + "\"Fragment\":\"fragment\"}",
                eval("parse_url('scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment')"));
        assertEquals("{\"Scheme\":\"https\",\"Host\":\"[::1]\",\"Port\":\"\",\"Path\":\"\",\"Username\":\"\","
                + "\"Password\":\"\",\"Query Parameters\":{\"q\":\"a b\"},\"Fragment\":\"\"}", eval("parse_url('https://[::1]?q=a%20b')"));
        assertEquals("", eval("tostring(parse_url('not a url').Host)"));
        assertEquals("dynamic", type("parse_url('https://a')"));
    }

    @Test
    void parseUrlquery() {
        assertEquals("{\"Query Parameters\":{\"k1\":\"v1\",\"k2\":\"v2\",\"k3\":\"v3\"}}", eval("parse_urlquery('k1=v1&k2=v2&k3=v3')"));
        assertEquals("true", eval("tostring(parse_urlquery('view=vs-2019&preserve-view=true')['Query Parameters']"
                + "['preserve-view'])"));
    }

    @Test
    void parsePathSplitsWindowsUncUriAndUnixPaths() {
        assertEquals("{\"Scheme\":\"\",\"RootPath\":\"C:\",\"DirectoryPath\":\"C:\\\\temp\",\"DirectoryName\":\"temp\","
                + "\"Filename\":\"file.txt\",\"Extension\":\"txt\",\"AlternateDataStreamName\":\"\"}",
                eval("parse_path(@'C:\\temp\\file.txt')"));
        assertEquals("{\"Scheme\":\"\",\"RootPath\":\"\",\"DirectoryPath\":\"temp\",\"DirectoryName\":\"temp\","
                + "\"Filename\":\"file.txt\",\"Extension\":\"txt\",\"AlternateDataStreamName\":\"\"}",
                eval("parse_path(@'temp\\file.txt')"));
        assertEquals("{\"Scheme\":\"file\",\"RootPath\":\"C:\",\"DirectoryPath\":\"C:/temp\",\"DirectoryName\":\"temp\","
                + "\"Filename\":\"file.txt\",\"Extension\":\"txt\",\"AlternateDataStreamName\":\"some.exe\"}",
                eval("parse_path('file://C:/temp/file.txt:some.exe')"));
        assertEquals("{\"Scheme\":\"\",\"RootPath\":\"\",\"DirectoryPath\":\"\\\\\\\\shared\\\\users\\\\temp\","
                + "\"DirectoryName\":\"temp\",\"Filename\":\"file.txt.gz\",\"Extension\":\"gz\",\"AlternateDataStreamName\":\"\"}",
                eval("parse_path(@'\\\\shared\\users\\temp\\file.txt.gz')"));
        assertEquals("{\"Scheme\":\"\",\"RootPath\":\"\",\"DirectoryPath\":\"/usr/lib/temp\",\"DirectoryName\":\"temp\","
                + "\"Filename\":\"file.txt\",\"Extension\":\"txt\",\"AlternateDataStreamName\":\"\"}",
                eval("parse_path('/usr/lib/temp/file.txt')"));
    }

    @Test
    void parseCsvTakesTheFirstRecord() {
        assertEquals("[\"aa\",\"b,b,b\",\"cc\",\"Escaping quotes: \\\"Title\\\"\",\"line1\\nline2\"]",
                eval("parse_csv('aa,\"b,b,b\",cc,\"Escaping quotes: \"\"Title\"\"\",\"line1\\nline2\"')"));
        assertEquals("[\"record1\",\"a\",\"b\",\"c\"]", eval("parse_csv('record1,a,b,c\\nrecord2,x,y,z')"));
        assertEquals("[\"\"]", eval("parse_csv('')"));
    }

    @Test
    void parseCommandLineFollowsWindowsRules() {
        assertEquals("[\"echo\",\"hello world!\"]", eval("parse_command_line('echo \"hello world!\"', 'windows')"));
        assertEquals("[\"a\\\\\\\\b\",\"c\\\"d\",\"e f\"]", eval("parse_command_line(@'a\\\\b c\\\"d \"e f\"', 'windows')"));
        assertEquals("[\"x\"]", eval("parse_command_line('  x  ', 'windows')"));
        assertThrows(QueryException.class, () -> eval("parse_command_line('x', 'unix')"));
    }

    @Test
    void parseVersionPacksFourEightDigitParts() {
        assertEquals("5", eval("parse_version('0.0.0.5')"));
        assertEquals("700000000", eval("parse_version('0.0.7.0')"));
        assertEquals("20000000000000000", eval("parse_version('0.2')"));
        assertEquals("1000000020000000300000004", eval("parse_version('1.2.3.4')"));
        assertEquals("1000000000000000000000000", eval("parse_version('1')"));
        assertEquals("decimal", type("parse_version('1')"));
        assertTrue(isNull("parse_version('1.2.3.4.5')"));
        assertTrue(isNull("parse_version('a.b')"));
        assertTrue(isNull("parse_version('123456789')"));
        assertEquals("true", eval("parse_version('0.2') < parse_version('1.0.0.0')"));
    }

    @Test
    void formatBytes() {
        assertEquals("564 Bytes", eval("format_bytes(564)"));
        assertEquals("10.1 KB", eval("format_bytes(10332, 1)"));
        assertEquals("19 MB", eval("format_bytes(20010332)"));
        assertEquals("19.08 MB", eval("format_bytes(20010332, 2)"));
        assertEquals("19541 KB", eval("format_bytes(20010332, 0, 'KB')"));
        assertEquals("1 GB", eval("format_bytes(1073741824)"));
    }

    @Test
    void extractJsonWalksAPathSubset() {
        String json = "'{\"name\": \"John\", \"age\": 30, \"kids\": [{\"n\": \"a\"}, {\"n\": \"b\"}]}'";
        assertEquals("John", eval("extract_json('$.name', " + json + ")"));
        assertEquals("30", eval("extract_json('$.age', " + json + ")"));
        assertEquals("b", eval("extract_json(\"$.kids[1]['n']\", " + json + ")"));
        assertEquals("{\"n\":\"a\"}", eval("extractjson('$.kids[0]', " + json + ")"));
        assertEquals("", eval("extract_json('$.missing', " + json + ")"));
        assertEquals("", eval("extract_json('$.a', 'not json')"));
    }

    @Test
    void punycode() {
        assertEquals("acadmie-franaise-npb1a", eval("punycode_from_string('académie-française')"));
        assertEquals("académie-française", eval("punycode_to_string('acadmie-franaise-npb1a')"));
        assertEquals("cqv902d", eval("punycode_from_string('艺术')"));
        assertEquals("Gáe.Bulg.edu", eval("punycode_domain_from_string('xn--Ge-mia.Bulg.edu')"));
        assertEquals("Lúin.Celtchair.org", eval("punycode_domain_from_string('xn--Lin-8na.Celtchair.org')"));
        assertEquals("Rúyì.Jīngū.Bàng.com", eval("punycode_domain_from_string('xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com')"));
        assertEquals("xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com", eval("punycode_domain_to_string('Lê Lợi。Thuận Thiên。com')"));
        assertEquals("xn--Riill-jta.xn--Skldskaparml-dbbj.org", eval("punycode_domain_to_string('Riðill｡Skáldskaparmál｡org')"));
        assertEquals("Kaledvoulc'h.xn--Artorjos-ejb.edu", eval("punycode_domain_to_string(\"Kaledvoulc'h.Artorījos.edu\")"));
        assertEquals("", eval("punycode_to_string('a-!')"));
    }
}
