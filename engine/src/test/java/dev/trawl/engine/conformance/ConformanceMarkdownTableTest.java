package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceMarkdownTableTest {
    @Test
    void readsHeaderAndRowsTrimmed() throws Exception {
        ExpectedTable t = MarkdownTable.parse("| a | b |\n|---|:--:|\n| 1 |  x y  |\n|2|z|");
        assertEquals(ExpectedTable.Form.TABLE, t.form());
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(List.of(List.of("1", "x y"), List.of("2", "z")), t.head());
        assertFalse(t.rowsAbbreviated());
        assertTrue(t.warnings().isEmpty());
    }

    @Test
    void rowsWithoutOuterPipes() throws Exception {
        ExpectedTable t = MarkdownTable.parse("a | b\n--|--\n1 | 2");
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(List.of(List.of("1", "2")), t.head());
    }

    @Test
    void escapedPipeIsPartOfTheCell() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|pattern|\n|--|\n|\\n.*(>\\|'\\|=)|");
        assertEquals(List.of(List.of("\\n.*(>|'|=)")), t.head());
    }

    @Test
    void backticksAroundHeadersAndValuesAreDropped() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|`Age`|Name|\n|---|---|\n|`20`|`a`b`|");
        assertEquals(List.of("Age", "Name"), t.columns());
        assertEquals(List.of("20", "`a`b`"), t.head().get(0), "only a cell that is one code span loses its backticks");
    }

    @Test
    void lineBreakTagsAndNbsp() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|s|e|\n|---|---|\n|K<br>u<br/>s|&nbsp;|\n|true<br>|x|");
        assertEquals(List.of("K\nu\ns", ""), t.head().get(0));
        assertEquals("true", t.head().get(1).get(0));
    }

    @Test
    void emptyTableHasNoRows() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|x|y|\n|---|---|\n");
        assertEquals(List.of("x", "y"), t.columns());
        assertTrue(t.rows().isEmpty());
    }

    @Test
    void emptyCellsStayEmptyAndShortRowsArePadded() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|a|b|c|\n|---|---|---|\n||NaN|\n|1|");
        assertEquals(List.of("", "NaN", ""), t.head().get(0));
        assertEquals(List.of("1", "", ""), t.head().get(1));
    }

    @Test
    void extraNonEmptyCellsAreDroppedWithAWarning() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|a|\n|---|\n|1|2|\n|3||");
        assertEquals(List.of(List.of("1"), List.of("3")), t.head());
        assertEquals(1, t.warnings().size(), t.warnings().toString());
    }

    @Test
    void separatorWidthMismatchIsAWarningNotAnError() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|covariance_x_y|\n|---|---|\n|20.5|");
        assertEquals(List.of(List.of("20.5")), t.head());
        assertEquals(1, t.warnings().size());
    }

    @Test
    void ellipsisRowSplitsHeadAndTail() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|x|\n|---|\n|1|\n|2|\n|...|\n|9|");
        assertTrue(t.rowsAbbreviated());
        assertEquals(List.of(List.of("1"), List.of("2")), t.head());
        assertEquals(List.of(List.of("9")), t.tail());
    }

    @Test
    void trailingEllipsisRowOfSeveralCells() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|a|b|\n|--|--|\n|1|2|\n| ... | … |");
        assertTrue(t.rowsAbbreviated());
        assertEquals(List.of(List.of("1", "2")), t.head());
        assertTrue(t.tail().isEmpty());
    }

    @Test
    void ellipsisColumnAbbreviatesColumns() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|e|Andy|...|\n|---|---|---|\n|Andy||...|\n|Betsy|0.354|...|");
        assertTrue(t.columnsAbbreviated());
        assertEquals(List.of("e", "Andy"), t.columns());
        assertEquals(List.of(List.of("Andy", ""), List.of("Betsy", "0.354")), t.head());
        assertTrue(t.warnings().isEmpty());
    }

    @Test
    void fencedBlockIsASingleValue() throws Exception {
        ExpectedTable t = MarkdownTable.parse("```json\n{\n  \"a\": 1\n}\n```");
        assertEquals(ExpectedTable.Form.SINGLE_VALUE, t.form());
        assertEquals(List.of(List.of("{\n  \"a\": 1\n}")), t.head());
        assertEquals("2", MarkdownTable.parse("```\n2\n```").head().get(0).get(0));
    }

    @Test
    void textWithoutATableIsUnparseable() {
        assertThrows(ExpectedTableException.class, () -> MarkdownTable.parse("the result is 5"));
        assertThrows(ExpectedTableException.class, () -> MarkdownTable.parse("|a|\n|1|"));
        assertThrows(ExpectedTableException.class, () -> MarkdownTable.parse("   "));
        assertThrows(ExpectedTableException.class, () -> MarkdownTable.parse("```\n2"));
    }

    @Test
    void tableEndsAtABlankLine() throws Exception {
        ExpectedTable t = MarkdownTable.parse("|x|\n|---|\n|1|\n\nmore text | here");
        assertEquals(List.of(List.of("1")), t.head());
        assertEquals(1, t.warnings().size());
    }

    @Test
    void splitsCellsAtUnescapedPipesOnly() {
        assertEquals(List.of(" a ", " b\\|c "), MarkdownTable.cells("| a | b\\|c |"));
        assertTrue(MarkdownTable.isSeparator("|--|:---:|---:|"));
        assertFalse(MarkdownTable.isSeparator("|--|x|"));
    }

    @Test
    void headerNamesLoseTheirMarkdownEscapesButCellsKeepBackslashes() throws ExpectedTableException {
        ExpectedTable t = MarkdownTable.parse("|series\\_fit\\_line\\_y|re|\n|--|--|\n|1|a\\_b|");
        assertEquals(List.of("series_fit_line_y", "re"), t.columns());
        assertEquals("a\\_b", t.rows().get(0).get(1));
    }
}
