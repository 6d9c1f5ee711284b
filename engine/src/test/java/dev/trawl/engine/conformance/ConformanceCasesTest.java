package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The corpus loads, every case is named uniquely, and every documented output can be read. */
class ConformanceCasesTest {
    @Test
    void parsesJsonLinesKeepingLineNumbers() {
        List<ConformanceCase> cases = ConformanceCases.parse(List.of(
                "{\"source\":\"MicrosoftDocs/dataexplorer-docs@abc:data-explorer/kusto/query/x.md\",\"title\":\"T\","
                        + "\"query\":\"print 1\",\"expected\":\"|a|\\n|-|\\n|1|\",\"notes\":\"\",\"category\":\"other\","
                        + "\"features\":[\"print\"]}",
                "",
                "{\"query\":\"print 2\",\"expected\":\"\"}"));
        assertEquals(2, cases.size());
        assertEquals(1, cases.get(0).line());
        assertEquals(3, cases.get(1).line());
        assertEquals("query/x.md", cases.get(0).shortSource());
        assertEquals(List.of("print"), cases.get(0).features());
        assertEquals("other", cases.get(1).category(), "a missing category is 'other'");
        assertEquals("1\tMicrosoftDocs/dataexplorer-docs@abc:data-explorer/kusto/query/x.md\tT", cases.get(0).id());
        assertThrows(IllegalArgumentException.class, () -> ConformanceCases.parse(List.of("{not json")));
    }

    @Test
    void sharedCorpusLoadsWithUniqueIds() {
        List<ConformanceCase> cases = ConformanceCases.load();
        assertTrue(cases.size() >= 800, "cases: " + cases.size());
        Set<String> ids = new HashSet<>();
        for (ConformanceCase c : cases) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
            assertFalse(c.query().isBlank(), c.label());
        }
    }

    @Test
    void everyDocumentedOutputIsReadable() {
        List<String> unreadable = new ArrayList<>();
        for (ConformanceCase c : ConformanceCases.load()) {
            try {
                MarkdownTable.parse(c.expected());
            } catch (ExpectedTableException e) {
                unreadable.add(c.label() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), unreadable);
    }
}
