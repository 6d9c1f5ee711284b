package dev.trawl.engine.conformance;

import java.util.List;

/**
 * One documented Kusto example from {@code shared/kql/conformance/cases.jsonl}: the query and the output table the
 * docs show for it, verbatim, plus the corpus' notes on how to compare it.
 *
 * @param line the 1-based line of the case in {@code cases.jsonl}; with source and title it names the case
 */
record ConformanceCase(int line, String source, String title, String query, String expected, String notes,
        String category, List<String> features) {
    private static final String DOCS_PREFIX = "MicrosoftDocs/dataexplorer-docs@";
    private static final String KUSTO_DIR = "data-explorer/kusto/";

    ConformanceCase {
        source = source == null ? "" : source;
        title = title == null ? "" : title;
        query = query == null ? "" : query;
        expected = expected == null ? "" : expected;
        notes = notes == null ? "" : notes;
        category = category == null || category.isBlank() ? "other" : category;
        features = features == null ? List.of() : List.copyOf(features);
    }

    /**
     * The stable name of the case, {@code LINE<TAB>SOURCE<TAB>TITLE}, as the list of passing cases stores it. The
     * line keeps two examples under one heading apart; source and title let a reader find it in the docs.
     */
    String id() {
        return line + "\t" + oneLine(source) + "\t" + oneLine(title);
    }

    /** The docs page below {@code data-explorer/kusto/} (or the whole source when it is not a docs page). */
    String shortSource() {
        String s = source;
        if (s.startsWith(DOCS_PREFIX)) {
            int colon = s.indexOf(':');
            if (colon > 0) {
                s = s.substring(colon + 1);
            }
        }
        return s.startsWith(KUSTO_DIR) ? s.substring(KUSTO_DIR.length()) : s;
    }

    /** {@code #LINE page.md: title}, for reports. */
    String label() {
        return "#" + line + " " + shortSource() + ": " + oneLine(title);
    }

    private static String oneLine(String text) {
        return text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
