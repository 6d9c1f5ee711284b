package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** One test per normalisation rule of {@link Cells}. */
class ConformanceCellsTest {
    @Test
    void unescapePipes() {
        assertEquals("a|b", Cells.unescapePipes("a\\|b"));
        assertEquals("a\\nb", Cells.unescapePipes("a\\nb"));
    }

    @Test
    void htmlSpaces() {
        assertEquals("", Cells.markdownCell("&nbsp;"));
        assertEquals("a b", Cells.htmlSpaces("a&nbsp;b"));
    }

    @Test
    void lineBreaks() {
        assertEquals("a\nb\nc\nd", Cells.lineBreaks("a<br>b<BR/>c<br />d"));
    }

    @Test
    void stripBackticks() {
        assertEquals("x", Cells.stripBackticks("`x`"));
        assertEquals("`x", Cells.stripBackticks("`x"));
        assertEquals("`a` and `b`", Cells.stripBackticks("`a` and `b`"));
        assertEquals("", Cells.stripBackticks("``"));
    }

    @Test
    void markdownCellAppliesAllInOrder() {
        assertEquals("[\"a\"|\"b\"]", Cells.markdownCell("  `[\"a\"\\|\"b\"]`  "));
        assertEquals("{\n  \"k\": 1\n}", Cells.markdownCell(" {<br>  \"k\": 1<br>} "));
    }

    @Test
    void ellipsis() {
        assertTrue(Cells.isEllipsis("..."));
        assertTrue(Cells.isEllipsis(" ..... "));
        assertTrue(Cells.isEllipsis("…"));
        assertFalse(Cells.isEllipsis(".."));
        assertFalse(Cells.isEllipsis("a..."));
    }

    @Test
    void emptyMatchesNull() {
        assertTrue(Cells.emptyMatchesNull("", null));
        assertTrue(Cells.emptyMatchesNull("", ""));
        assertFalse(Cells.emptyMatchesNull("", "x"));
        assertFalse(Cells.emptyMatchesNull("x", null));
    }

    @Test
    void datetimeSpellingsAreTheSameInstant() {
        long expected = Cells.datetimeTicks("2017-01-01T00:00:00.0000000Z");
        assertEquals(expected, Cells.datetimeTicks("2017-01-01T00:00:00Z"));
        assertEquals(expected, Cells.datetimeTicks("2017-01-01 00:00:00.0000000"));
        assertEquals(expected, Cells.datetimeTicks("2017-01-01T00:00:00.000Z"));
        assertEquals(expected, Cells.datetimeTicks("2017-01-01"));
        assertEquals(expected, Cells.datetimeTicks("2017-01-01 00:00"));
        assertEquals(expected, Cells.datetimeTicks("1/1/2017 12:00:00 AM"));
        assertEquals(Cells.datetimeTicks("2016-02-17T08:40:00Z"), Cells.datetimeTicks("02/17/2016 08:40:00"));
        assertEquals(Cells.datetimeTicks("2016-02-17T20:40:00Z"), Cells.datetimeTicks("02/17/2016 8:40:00 PM"));
    }

    @Test
    void datetimeFractionsCount() {
        long whole = Cells.datetimeTicks("2015-12-05 09:10:04");
        assertEquals(whole + 6_270_000, Cells.datetimeTicks("2015-12-05 09:10:04.627"));
        assertEquals(whole + 6_271_234, Cells.datetimeTicks("2015-12-05T09:10:04.6271234Z"));
        assertEquals(whole + 1, Cells.datetimeTicks("2015-12-05T09:10:04.00000019Z"), "beyond 7 digits truncates");
        assertEquals(0L, Cells.datetimeTicks("1970-01-01"));
        assertTrue(Cells.datetimeTicks("0001-01-01") < 0);
    }

    @Test
    void notADatetime() {
        assertNull(Cells.datetimeTicks("2017-13-01"));
        assertNull(Cells.datetimeTicks("2017-02-30"));
        assertNull(Cells.datetimeTicks("14:00:00"));
        assertNull(Cells.datetimeTicks("17-01-29 [09:00:05]"));
        assertNull(Cells.datetimeTicks("hello"));
    }

    @Test
    void timespanSpellings() {
        long day = 864_000_000_000L;
        assertEquals(14 * day, Cells.timespanTicks("14.00:00:00"));
        assertEquals(14 * day, Cells.timespanTicks("14:00:00:00"));
        assertEquals(day, Cells.timespanTicks("1.00:00:00"));
        assertEquals(36_000_000_000L, Cells.timespanTicks("01:00:00"));
        assertEquals(-12 * 36_000_000_000L, Cells.timespanTicks("-12:00:00"));
        assertEquals(day + 12 * 36_000_000_000L + 30 * 600_000_000L + 55 * 10_000_000L + 1_230_000,
                Cells.timespanTicks("1.12:30:55.1230000"));
        assertEquals(1_230_000L, Cells.timespanTicks("00:00:00.123"));
        assertNull(Cells.timespanTicks("1d"));
        assertNull(Cells.timespanTicks("2017-01-01"));
        assertNull(Cells.timespanTicks("12:00"));
    }

    @Test
    void boolSpellings() {
        for (String t : new String[] {"true", "True", "TRUE"}) {
            assertEquals(Boolean.TRUE, Cells.bool(t, false), t);
        }
        assertEquals(Boolean.FALSE, Cells.bool("False", false));
        assertEquals(Boolean.TRUE, Cells.bool("1", true));
        assertEquals(Boolean.FALSE, Cells.bool("0", true));
        assertNull(Cells.bool("1", false), "1 is a bool only in a bool column");
        assertNull(Cells.bool("yes", true));
    }

    @Test
    void integersCompareExactly() {
        assertTrue(Cells.integersEqual("9223372036854775807", "9223372036854775807"));
        assertFalse(Cells.integersEqual("9223372036854775807", "9223372036854775806"));
        assertTrue(Cells.integersEqual("+5", "5"));
        assertFalse(Cells.integersEqual("5.0", "5"));
    }

    @Test
    void numbersWithinRelativeTolerance() {
        assertTrue(Cells.numbersEqual("118", "118.0", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("1000000", "1000000.5", Cells.RELATIVE_TOLERANCE));
        assertFalse(Cells.numbersEqual("1000000", "1000002", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("1.5E3", "1500", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("0.601976790745087", "0.6019767907450869", Cells.RELATIVE_TOLERANCE));
        assertFalse(Cells.numbersEqual("0", "1e-300", Cells.RELATIVE_TOLERANCE), "no absolute slack for an integral 0");
        assertFalse(Cells.numbersEqual("abc", "abc", Cells.RELATIVE_TOLERANCE));
    }

    @Test
    void numbersRoundedByTheDocs() {
        assertTrue(Cells.numbersEqual("0.982", "0.98212", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("0.982", "0.9825", Cells.RELATIVE_TOLERANCE), "half a unit, inclusive");
        assertFalse(Cells.numbersEqual("0.982", "0.9826", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("2.730", "2.7304", Cells.RELATIVE_TOLERANCE), "a trailing zero is a printed digit");
        assertFalse(Cells.numbersEqual("2.730", "2.7306", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("-1.666", "-1.66557", Cells.RELATIVE_TOLERANCE));
        assertFalse(Cells.numbersEqual("0.98212", "0.982", Cells.RELATIVE_TOLERANCE),
                "the rounding allowance comes from the documented value, not the engine's");
        assertTrue(Cells.numbersEqual(new BigDecimal("32.667"), new BigDecimal("32.666666666666664"), 0));
    }

    @Test
    void nonFiniteNumbers() {
        assertTrue(Cells.numbersEqual("NaN", "NaN", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("Infinity", "Infinity", Cells.RELATIVE_TOLERANCE));
        assertTrue(Cells.numbersEqual("-inf", "-Infinity", Cells.RELATIVE_TOLERANCE));
        assertFalse(Cells.numbersEqual("Infinity", "-Infinity", Cells.RELATIVE_TOLERANCE));
        assertFalse(Cells.numbersEqual("NaN", "0", Cells.RELATIVE_TOLERANCE));
    }

    @Test
    void jsonIsReadLeniently() {
        assertEquals(2, Cells.parseJson("{'a': 1, 'b': [1, 2,],}").size());
        assertEquals("2.730", Cells.parseJson("[2.730]").get(0).decimalValue().toString(), "the printed scale is kept");
        assertNull(Cells.parseJson("[1] junk"));
        assertNull(Cells.parseJson("not json"));
        assertNull(Cells.parseJson(""));
    }

    @Test
    void renderedWhitespace() {
        assertTrue(Cells.renderedWhitespaceEqual("Hello World", "Hello\u00a0World"));
        assertTrue(Cells.renderedWhitespaceEqual("class P { void M() { } }", "\n  class P {\n    void M() { }\n  }"));
        assertFalse(Cells.renderedWhitespaceEqual("a b", "a  b"), "single-line values keep their spaces");
        assertFalse(Cells.renderedWhitespaceEqual("a\nb", "a\n\nb"), "a cell with <br> line breaks is exact");
        assertFalse(Cells.renderedWhitespaceEqual("ab", "a\nb"), "a line break is at least a space");
    }

    @Test
    void abbreviatedCells() {
        assertTrue(Cells.abbreviatedMatches("{\"type\": \"Polygon\",\"coordinates\": [ ... ]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4]]]}"));
        assertFalse(Cells.abbreviatedMatches("{\"type\": \"Polygon\",\"coordinates\": [ ... ]}",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[1,2]]]}"));
        assertTrue(Cells.abbreviatedMatches("[\"a\",\"b\",.....,\"z\"]", "[\"a\",\"b\",\"c\",\"z\"]"));
        assertFalse(Cells.abbreviatedMatches("[\"a\",\"b\",.....,\"z\"]", "[\"a\",\"b\",\"c\",\"y\"]"));
        assertFalse(Cells.abbreviatedMatches("ab...ba", "aba"), "prefix and suffix may not overlap");
        assertFalse(Cells.abbreviatedMatches("no ellipsis", "no ellipsis"));
    }
}
