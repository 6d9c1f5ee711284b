package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trawl.kql.SharedData;
import dev.trawl.kql.diag.DiagnosticRenderer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Printing a parsed tree and parsing the text again gives the same tree, for every query we have. */
class PrinterRoundTripTest {

    @Test
    void theSeedQueryRoundTrips() throws Exception {
        String seed = Files.readString(SharedData.root().resolve("mission/seed-rule.md"));
        int start = seed.indexOf("KQL Query\n") + "KQL Query\n".length();
        int end = seed.indexOf("\nid: 148de00b");
        String query = seed.substring(start, end);
        assertTrue(query.startsWith("let starttime = 14d;") && query.endsWith(") on Timestamp"), query);
        ParseResult parsed = Parser.parse(query);
        assertTrue(parsed.ok(), () -> parsed.diagnostics().toString());
        assertEquals(8, parsed.script().statements().size(), "seven lets and the query");
        String printed = KqlPrinter.print(parsed.script());
        ParseResult reparsed = Parser.parse(printed);
        assertTrue(reparsed.ok(), () -> printed + "\n" + reparsed.diagnostics());
        assertEquals(SyntaxTrees.dump(parsed.script()), SyntaxTrees.dump(reparsed.script()));
        // The printer is not the identity: it must have rewritten the text (comments dropped, layout changed).
        assertTrue(!printed.equals(query) && !printed.contains("//"));
    }

    @Test
    void everyParsedQueryRoundTrips() {
        List<String> texts = new ArrayList<>();
        for (SharedData.Entry entry : SharedData.conformanceCases()) {
            texts.add(entry.text("query"));
        }
        for (SharedData.Entry entry : SharedData.corpusQueries()) {
            for (QueryDocuments.Piece piece : QueryDocuments.split(new SourceText("q", entry.text("query")))) {
                texts.add(piece.source().text());
            }
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String text : texts) {
            ParseResult parsed = Parser.parse(text);
            if (!parsed.ok()) {
                continue;
            }
            checked++;
            String printed = KqlPrinter.print(parsed.script());
            ParseResult reparsed = Parser.parse(printed);
            if (!reparsed.ok()) {
                StringBuilder why = new StringBuilder("printed text does not parse:\n" + printed + "\n");
                reparsed.diagnostics().forEach(d -> why.append(DiagnosticRenderer.render(reparsed.source(), d)));
                failures.add(why.toString());
            } else if (!SyntaxTrees.dump(parsed.script()).equals(SyntaxTrees.dump(reparsed.script()))) {
                failures.add("tree changed:\n" + text + "\n--- printed ---\n" + printed + "\n--- was ---\n"
                        + SyntaxTrees.dump(parsed.script()) + "\n--- now ---\n" + SyntaxTrees.dump(reparsed.script()));
            }
        }
        assertTrue(checked > 1300, "round-tripped " + checked);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checked + " do not round-trip:\n\n"
                    + String.join("\n\n", failures.subList(0, Math.min(8, failures.size()))));
        }
    }
}
