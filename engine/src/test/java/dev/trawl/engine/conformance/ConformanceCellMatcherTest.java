package dev.trawl.engine.conformance;

import static dev.trawl.kql.types.ScalarType.BOOL;
import static dev.trawl.kql.types.ScalarType.DATETIME;
import static dev.trawl.kql.types.ScalarType.DECIMAL;
import static dev.trawl.kql.types.ScalarType.DYNAMIC;
import static dev.trawl.kql.types.ScalarType.GUID;
import static dev.trawl.kql.types.ScalarType.INT;
import static dev.trawl.kql.types.ScalarType.LONG;
import static dev.trawl.kql.types.ScalarType.REAL;
import static dev.trawl.kql.types.ScalarType.STRING;
import static dev.trawl.kql.types.ScalarType.TIMESPAN;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The type-driven choice of rules; actual values are written as the engine's {@code ValueFormat} writes them. */
class ConformanceCellMatcherTest {
    private static final CellMatcher EXACT = CellMatcher.EXACT;
    private static final CellMatcher APPROXIMATE = new CellMatcher(true, false);
    private static final CellMatcher ABBREVIATED = new CellMatcher(false, true);

    @Test
    void emptyCellIsNullOrEmpty() {
        assertTrue(EXACT.matches(LONG, "", null));
        assertTrue(EXACT.matches(STRING, "", ""));
        assertTrue(EXACT.matches(DYNAMIC, "", null));
        assertFalse(EXACT.matches(LONG, "", "0"));
        assertFalse(EXACT.matches(LONG, "0", null));
        assertTrue(EXACT.matches(DYNAMIC, "null", null), "a spelled-out null");
        assertFalse(EXACT.matches(STRING, "null", null), "strings are never null; 'null' is text");
    }

    @Test
    void stringsExactAfterTrimming() {
        assertTrue(EXACT.matches(STRING, "abc", " abc "));
        assertFalse(EXACT.matches(STRING, "abc", "ABC"));
        assertFalse(EXACT.matches(STRING, "2017-01-01", "2017-01-01T00:00:00.0000000Z"), "no datetime rule for strings");
        assertFalse(EXACT.matches(STRING, "1", "1.0"), "no number rule for strings");
        assertTrue(EXACT.matches(STRING, "K\nu", "K\nu"));
    }

    @Test
    void stringsHoldingJsonCompareStructurally() {
        assertTrue(EXACT.matches(STRING, "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}", "{\"b\":[1,2],\"a\":1}"));
        assertFalse(EXACT.matches(STRING, "{\"a\": 1}", "{\"a\":2}"));
    }

    @Test
    void boolsInAnySpelling() {
        assertTrue(EXACT.matches(BOOL, "True", "true"));
        assertTrue(EXACT.matches(BOOL, "TRUE", "true"));
        assertTrue(EXACT.matches(BOOL, "1", "true"));
        assertTrue(EXACT.matches(BOOL, "0", "false"));
        assertFalse(EXACT.matches(BOOL, "1", "false"));
        assertFalse(EXACT.matches(LONG, "true", "1"));
    }

    @Test
    void integersExactRealsWithinTolerance() {
        assertTrue(EXACT.matches(LONG, "42", "42"));
        assertTrue(EXACT.matches(INT, "42.0", "42"));
        assertFalse(EXACT.matches(LONG, "9007199254740993", "9007199254740992"), "longs beyond double precision");
        assertTrue(EXACT.matches(REAL, "0.982", "0.9821245"));
        assertTrue(EXACT.matches(REAL, "1.0", "1"));
        assertTrue(EXACT.matches(REAL, "NaN", "NaN"));
        assertTrue(EXACT.matches(DECIMAL, "1.50", "1.5"));
        assertFalse(EXACT.matches(REAL, "0.5", "0.6"));
        assertFalse(EXACT.matches(REAL, "x", "1"));
        // The docs write some large numbers with thousands separators.
        assertTrue(EXACT.matches(LONG, "1,048,576", "1048576"));
        assertTrue(EXACT.matches(DECIMAL, "1,000,000,020,000,000,300,000,004", "1000000020000000300000004"));
        assertFalse(EXACT.matches(LONG, "1,048,577", "1048576"));
        assertFalse(EXACT.matches(LONG, "1,04,8576", "1048576"), "only groups of three are separators");
        assertFalse(EXACT.matches(STRING, "1,048,576", "1048576"), "a text keeps its commas");
    }

    @Test
    void approximateNumbers() {
        assertTrue(APPROXIMATE.matches(LONG, "50", "49"));
        assertFalse(EXACT.matches(LONG, "50", "49"));
        assertFalse(APPROXIMATE.matches(LONG, "50", "45"));
        assertTrue(APPROXIMATE.matches(REAL, "2578351", "2600000"));
    }

    @Test
    void datetimesByInstant() {
        assertTrue(EXACT.matches(DATETIME, "2017-01-01", "2017-01-01T00:00:00.0000000Z"));
        assertTrue(EXACT.matches(DATETIME, "2017-01-01 00:00:00.0000000", "2017-01-01T00:00:00.0000000Z"));
        assertTrue(EXACT.matches(DATETIME, "2017-01-01T00:00:00Z", "2017-01-01T00:00:00.0000000Z"));
        assertFalse(EXACT.matches(DATETIME, "2017-01-01T00:00:01Z", "2017-01-01T00:00:00.0000000Z"));
        assertFalse(EXACT.matches(DATETIME, "soon", "2017-01-01T00:00:00.0000000Z"));
    }

    @Test
    void timespansByLength() {
        assertTrue(EXACT.matches(TIMESPAN, "14:00:00:00", "14.00:00:00"));
        assertTrue(EXACT.matches(TIMESPAN, "1.00:00:00", "1.00:00:00"));
        assertTrue(EXACT.matches(TIMESPAN, "00:00:01.5000000", "00:00:01.5000000"));
        assertTrue(EXACT.matches(TIMESPAN, "00:00:01.5", "00:00:01.5000000"));
        assertFalse(EXACT.matches(TIMESPAN, "14:00:00", "14.00:00:00"));
    }

    @Test
    void guidsIgnoreCase() {
        assertTrue(EXACT.matches(GUID, "2157828F-E871-479A-9D1C-17FFDE915095", "2157828f-e871-479a-9d1c-17ffde915095"));
    }

    @Test
    void dynamicContainersStructurally() {
        assertTrue(EXACT.matches(DYNAMIC, "[<br>  \"a\",<br>  \"c\"<br>]".replace("<br>", "\n"), "[\"a\",\"c\"]"));
        assertTrue(EXACT.matches(DYNAMIC, "{\"c\": 123, \"a\": \"b\"}", "{\"a\":\"b\",\"c\":123}"), "keys in any order");
        assertTrue(EXACT.matches(DYNAMIC, "[5.0]", "[5]"), "118 vs 118.0");
        assertTrue(EXACT.matches(DYNAMIC, "[111.0,73.5,32.667]", "[111,73.5,32.666666666666664]"));
        assertFalse(EXACT.matches(DYNAMIC, "[1,2]", "[2,1]"), "arrays keep their order");
        assertFalse(EXACT.matches(DYNAMIC, "[1,2]", "[1,2,3]"));
        assertFalse(EXACT.matches(DYNAMIC, "{\"a\":1}", "{\"a\":1,\"b\":2}"));
        assertFalse(EXACT.matches(DYNAMIC, "[\"1\"]", "[1]"), "a string is not a number");
        assertTrue(EXACT.matches(DYNAMIC, "[\"2017-01-01T00:00:00Z\"]", "[\"2017-01-01T00:00:00.0000000Z\"]"));
        assertTrue(EXACT.matches(DYNAMIC, "[null, true]", "[null,true]"));
        assertFalse(EXACT.matches(DYNAMIC, "[\"A2',\"A1\"]", "[\"A2\",\"A1\"]"), "malformed docs JSON cannot match");
    }

    @Test
    void dynamicArraysAsSetsWhenApproximate() {
        assertTrue(APPROXIMATE.matches(DYNAMIC, "[\"A1\",\"A2\",\"C1\"]", "[\"C1\",\"A1\",\"A2\"]"));
        assertFalse(APPROXIMATE.matches(DYNAMIC, "[\"A1\",\"A1\"]", "[\"A1\",\"A2\"]"), "a multiset, not a set");
    }

    @Test
    void dynamicScalars() {
        assertTrue(EXACT.matches(DYNAMIC, "a", "\"a\""), "docs show a dynamic string without quotes");
        assertTrue(EXACT.matches(DYNAMIC, "\"a\"", "\"a\""));
        assertTrue(EXACT.matches(DYNAMIC, "", "\"\""));
        assertTrue(EXACT.matches(DYNAMIC, "5.0", "5"));
        assertTrue(EXACT.matches(DYNAMIC, "True", "true"));
        assertFalse(EXACT.matches(DYNAMIC, "1", "true"), "1 is a bool only in a bool column");
        assertFalse(EXACT.matches(DYNAMIC, "b", "\"a\""));
    }

    @Test
    void bareListReadAsArray() {
        assertTrue(EXACT.matches(DYNAMIC, "1.064, 3.7945, 6.526", "[1.0641025641025643,3.7945221445221447,6.525641025641026]"));
        assertFalse(EXACT.matches(DYNAMIC, "1.064, 3.7945", "[1.0641,3.8]"));
    }

    @Test
    void abbreviatedCellsOnlyWhenTheNotesSaySo() {
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[1,2]]]}";
        assertTrue(ABBREVIATED.matches(DYNAMIC, "{\"type\": \"Polygon\",\"coordinates\": [ ... ]}", polygon));
        assertFalse(EXACT.matches(DYNAMIC, "{\"type\": \"Polygon\",\"coordinates\": [ ... ]}", polygon));
        assertTrue(ABBREVIATED.matches(STRING, "...", "anything"));
        assertTrue(ABBREVIATED.matches(STRING, "https://x/?se=2013-04-13T0...", "https://x/?se=2013-04-13T0..."));
    }
}
