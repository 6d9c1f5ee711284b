package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows hidden from every query of an engine: how exclusions of benign activity reach a verbatim rule. */
class HideRowsTest {
    private static final String EVENTS = """
            datatable(Account:string, App:string, N:long, Extra:dynamic) [
              "alice", "outlook", 1, dynamic({"k": 1}),
              "bob", "archiver", 2, dynamic({}),
              "carol", "archiver", 3, dynamic({"k": 2}),
              "dave", "owa", 4, dynamic(null)
            ]""";

    private static Engine engine() {
        return TestTables.register(new Engine(), "Events", EVENTS);
    }

    @Test
    void hiddenRowsAreGoneForEveryReadOfTheTable() {
        Engine engine = engine().hideRows("Events", new SourceText("x", "App == 'archiver'"));
        assertEquals(List.of("Account:string", "alice", "dave"),
                TestTables.rows(engine.run("Events | project Account")));
        // Also through a let and in both sides of a join: the table itself no longer has them.
        assertEquals(List.of("n:long", "2"), TestTables.rows(engine.run(
                "let E = Events; E | join kind=inner (Events) on Account | summarize n = count()")));
    }

    @Test
    void severalPredicatesHideWhatAnyOfThemMatches() {
        Engine engine = engine().hideRows("Events", new SourceText("a", "Account == 'alice'"))
                .hideRows("Events", new SourceText("b", "N >= 3"));
        assertEquals(List.of("Account:string", "bob"), TestTables.rows(engine.run("Events | project Account")));
    }

    @Test
    void aNullPredicateHidesNothing() {
        // Extra.k is null for bob and dave: neither true nor false, so their rows stay.
        Engine engine = engine().hideRows("Events", new SourceText("x", "toint(Extra.k) > 1"));
        assertEquals(List.of("Account:string", "alice", "bob", "dave"),
                TestTables.rows(engine.run("Events | project Account")));
    }

    @Test
    void theQueryStillReadsOnlyWhatItNeedsAndThePredicateSeesItsColumns() {
        // The query reads Account only; the predicate needs App, which the scan must still provide.
        Engine engine = engine().hideRows("Events", new SourceText("x", "App startswith 'arch'"));
        assertEquals(List.of("c:long", "2"), TestTables.rows(engine.run("Events | summarize c = count()")));
    }

    @Test
    void aBadPredicateIsADiagnosticAtItsOwnOffsets() {
        QueryException unknown = assertThrows(QueryException.class,
                () -> engine().hideRows("Events", new SourceText("x", "Ap == 'archiver'")));
        assertEquals(new Span(0, 2), unknown.diagnostics().get(0).span());
        QueryException syntax = assertThrows(QueryException.class,
                () -> engine().hideRows("Events", new SourceText("x", "App == ")));
        assertEquals(1, syntax.diagnostics().size());
        QueryException notOne = assertThrows(QueryException.class,
                () -> engine().hideRows("Events", new SourceText("x", "App == 'a' | take 1")));
        assertEquals("expected one boolean expression over the columns of Events", notOne.diagnostics().get(0).message());
        assertThrows(IllegalArgumentException.class, () -> engine().hideRows("Nope", new SourceText("x", "true")));
    }
}
