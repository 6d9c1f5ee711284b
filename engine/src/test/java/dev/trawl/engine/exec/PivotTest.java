package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * evaluate pivot against the docs' examples (pivot-plugin.md), over a small StormEvents whose rows give the
 * documented shapes: value columns in order of first appearance, 0 where a group has no row of a value,
 * the by columns defaulting to all but the pivot and aggregated columns.
 */
class PivotTest {
    private final Engine engine = TestTables.register(new Engine(Instant.parse("2024-01-31T12:00:00Z")),
            "StormEvents", """
                    datatable(State:string, EventType:string, DeathsDirect:long, Source:string)
                    ['ALABAMA', 'Thunderstorm Wind', 0, 'Public',
                     'ALASKA', 'High Wind', 0, 'Public',
                     'ALABAMA', 'Thunderstorm Wind', 1, 'Public',
                     'ALASKA', 'Thunderstorm Wind', 0, 'Public',
                     'ALABAMA', 'Strong Wind', 0, 'Public',
                     'ARKANSAS', 'Heavy Rain', 1, 'Emergency Manager',
                     'ARIZONA', 'Lightning', 1, 'Newspaper',
                     'ARIZONA', 'Flash Flood', 2, 'Trained Spotter',
                     'ARIZONA', 'Flash Flood', 3, 'Broadcast Media',
                     'ARKANSAS', 'Heat', 3, 'Newspaper',
                     'ARIZONA', 'Flash Flood', 0, 'Newspaper',
                     'ARKANSAS', 'Marine Thunderstorm Wind', 0, 'Public']""");

    private List<String> rows(String query) {
        return TestTables.rows(engine.run(query));
    }

    @Test
    void pivotByAColumnCountsEachValue() {
        assertEquals(List.of("EventType:string|ALABAMA:long|ALASKA:long", "Thunderstorm Wind|2|1", "High Wind|0|1",
                "Strong Wind|1|0"), rows("""
                StormEvents
                | project State, EventType
                | where State startswith "AL"
                | where EventType has "Wind"
                | evaluate pivot(State)"""));
    }

    @Test
    void anAggregationFunctionFillsTheCellsAndItsColumnIsNoByColumn() {
        List<String> expected = List.of("EventType:string|ARKANSAS:long|ARIZONA:long", "Heavy Rain|1|0",
                "Lightning|0|1", "Flash Flood|0|5", "Heat|3|0");
        String input = """
                StormEvents
                | where State startswith "AR"
                | project State, EventType, DeathsDirect
                | where DeathsDirect > 0
                """;
        assertEquals(expected, rows(input + "| evaluate pivot(State, sum(DeathsDirect))"));
        assertEquals(expected, rows(input + "| evaluate pivot(State, sum(DeathsDirect), EventType)"),
                "the docs: identical to the previous example");
    }

    @Test
    void severalByColumnsComeFirstInTheirOrder() {
        assertEquals(List.of("EventType:string|Source:string|ARKANSAS:long|ARIZONA:long",
                "Heavy Rain|Emergency Manager|1|0", "Lightning|Newspaper|0|1", "Flash Flood|Trained Spotter|0|2",
                "Flash Flood|Broadcast Media|0|3", "Heat|Newspaper|3|0"), rows("""
                StormEvents
                | where State startswith "AR"
                | where DeathsDirect > 0
                | evaluate pivot(State, sum(DeathsDirect), EventType, Source)"""));
    }

    @Test
    void anOutputSchemaNamesTheValueColumnsAndOtherValuesAreLeftOut() {
        // As in the docs' example, event types of other states keep their row, with 0 in both columns.
        assertEquals(List.of("EventType:string|ALABAMA:long|ALASKA:long", "Thunderstorm Wind|2|1", "High Wind|0|1",
                "Strong Wind|1|0", "Marine Thunderstorm Wind|0|0"), rows("""
                StormEvents
                | project State, EventType
                | where EventType has "Wind"
                | evaluate pivot(State): (EventType:string, ALABAMA:long, ALASKA:long)"""));
        QueryException wrong = assertThrows(QueryException.class, () -> engine.run("""
                StormEvents | project State, EventType | evaluate pivot(State): (Kind:string, ALABAMA:long)"""));
        assertEquals("KQL2003", wrong.diagnostics().get(0).code());
    }

    @Test
    void aGroupWithoutAValueGetsTheAggregateOfNoRows() {
        // min() of no rows is null, dcount() of none 0, make_set() of none an empty array.
        assertEquals(List.of("Source:string|ARKANSAS:long|ARIZONA:long", "Emergency Manager|1|", "Newspaper||0",
                "Trained Spotter||2", "Broadcast Media||3"), rows("""
                StormEvents | where State startswith "AR" and EventType != 'Marine Thunderstorm Wind'
                | where State == 'ARIZONA' or Source != 'Newspaper'
                | evaluate pivot(State, min(DeathsDirect), Source)"""));
        assertEquals(List.of("Source:string|ALABAMA:dynamic|ALASKA:dynamic", "Public|[0,1]|[0]"), rows("""
                StormEvents | where State startswith "AL" | evaluate pivot(State, make_set(DeathsDirect), Source)"""));
    }

    @Test
    void laterOperatorsUseTheValueColumns() {
        assertEquals(List.of("EventType:string|ALABAMA:long", "Thunderstorm Wind|2"), rows("""
                StormEvents | project State, EventType | evaluate pivot(State) | where ALABAMA > 1 | project EventType, ALABAMA"""));
    }

    @Test
    void undocumentedNamesAndAggregationsAreRefused() {
        QueryException empty = assertThrows(QueryException.class, () -> engine.run("""
                StormEvents | extend State = iff(State == 'ALASKA', '', State) | project State, EventType
                | evaluate pivot(State)"""));
        assertEquals("KQL2099", empty.diagnostics().get(0).code());
        QueryException aggregation = assertThrows(QueryException.class, () -> engine.run(
                "StormEvents | evaluate pivot(State, percentile(DeathsDirect, 50), EventType)"));
        assertEquals("KQL2008", aggregation.diagnostics().get(0).code());
        QueryException column = assertThrows(QueryException.class, () -> engine.run(
                "StormEvents | evaluate pivot(Stat)"));
        assertEquals("KQL2001", column.diagnostics().get(0).code());
    }

    @Test
    void boundWithoutDataTheSchemaIsOpenAndLaterNamesAreAccepted() {
        // As trawl check binds: the by columns are known, the value columns are not.
        Binder.Result bound = new Binder(FunctionRegistry.standard(), BuiltinTables.instance()).bind(Parser.parse(
                SourceText.of("""
                        CloudAppEvents
                        | extend UserId = tostring(RawEventData.UserId)
                        | evaluate pivot(ActionType, count(), UserId)
                        | extend Total = ['FileDownloaded'] + 1
                        | where UserId != ''
                        | project UserId, Total""")).script());
        assertTrue(bound.ok(), bound.diagnostics().toString());
        LogicalPlan last = bound.plans().get(0);
        assertFalse(last.schema().open(), "project names its columns");
        assertEquals(List.of("UserId", "Total"), last.schema().names());
        Binder.Result unknownBefore = new Binder(FunctionRegistry.standard(), BuiltinTables.instance()).bind(
                Parser.parse(SourceText.of("CloudAppEvents | where NoSuchColumn == 1 | evaluate pivot(ActionType)"))
                        .script());
        assertFalse(unknownBefore.ok(), "a closed schema still rejects unknown names");
    }
}
