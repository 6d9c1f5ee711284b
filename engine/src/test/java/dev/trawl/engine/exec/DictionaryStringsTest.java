package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.engine.vector.DictionaryColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential: every query gives the same table over a dictionary-encoded string column as over the same strings
 * stored plainly, whichever way each call is evaluated (once per dictionary entry, or per row when the dictionary is
 * larger than a batch or an argument is not a constant).
 */
class DictionaryStringsTest {
    private static final String[] ACTIONS = {"MailItemsAccessed", "mailitemsaccessed", "MAILITEMSACCESSED", "",
        "North America", "america", "FileAccessed", "Send", "Add member to group.", "New-InboxRule", " Send "};
    private static final Schema SCHEMA = Schema.of(new Schema.Field("Timestamp", ScalarType.DATETIME),
            new Schema.Field("ActionType", ScalarType.STRING), new Schema.Field("n", ScalarType.LONG));
    private static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");

    /** Three batches: two larger than the dictionary, and a last one smaller, which must reuse its results. */
    private static List<Batch> events() {
        SplittableRandom random = new SplittableRandom(7);
        long start = (1_700_000_000L + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND;
        List<Batch> batches = new ArrayList<>();
        for (int size : new int[] {60, 45, 4}) {
            ColumnBuilder times = ColumnBuilder.of(ScalarType.DATETIME, size);
            ColumnBuilder actions = ColumnBuilder.of(ScalarType.STRING, size);
            ColumnBuilder numbers = ColumnBuilder.of(ScalarType.LONG, size);
            for (int i = 0; i < size; i++) {
                times.add(random.nextInt(8) == 0 ? null : start + random.nextLong(6 * 3600 * LiteralValues.TICKS_PER_SECOND));
                actions.add(ACTIONS[random.nextInt(ACTIONS.length)]);
                numbers.add(random.nextInt(5) == 0 ? null : (Object) (long) random.nextInt(20));
            }
            batches.add(Batch.dense(new Column[] {times.build(), actions.build(), numbers.build()}, size));
        }
        return batches;
    }

    private static List<String> rows(Engine engine, String query) {
        QueryResult result = engine.run(query);
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < result.columns().size(); c++) {
                row.append(c == 0 ? "" : "|").append(result.text(r, c));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void registeringEncodesLowCardinalityStringsWithOneSharedDictionary() {
        Engine encoded = new Engine(NOW).register("T", SCHEMA, events());
        List<Batch> batches = encoded.batches("T");
        DictionaryColumn first = assertInstanceOf(DictionaryColumn.class, batches.get(0).columns()[1]);
        for (Batch batch : batches) {
            DictionaryColumn column = assertInstanceOf(DictionaryColumn.class, batch.columns()[1]);
            assertTrue(column.dictionary() == first.dictionary(), "one dictionary for the table's column");
        }
        Engine plain = new Engine(NOW).register("T", SCHEMA, events(), false);
        assertInstanceOf(ObjectColumn.class, plain.batches("T").get(0).columns()[1]);
    }

    @Test
    void encodingIsDeclinedWhereItDoesNotPay() {
        Column unique = new ObjectColumn(ScalarType.STRING, new Object[] {"a", "b", "c", "d"}, 4);
        assertNull(DictionaryColumn.encode(List.of(unique)), "as many distinct values as rows");
        Object[] many = new Object[2 * DictionaryColumn.MAX_ENTRIES + 2];
        for (int i = 0; i < many.length; i++) {
            many[i] = "v" + (i % (DictionaryColumn.MAX_ENTRIES + 1));
        }
        assertNull(DictionaryColumn.encode(List.of(new ObjectColumn(ScalarType.STRING, many, many.length))),
                "more distinct values than a batch holds");
        Column repeated = new ObjectColumn(ScalarType.STRING, new Object[] {"a", "", "a", ""}, 4);
        List<Column> encoded = DictionaryColumn.encode(List.of(repeated));
        assertEquals(List.of("a", "", "a", ""), List.of(encoded.get(0).get(0), encoded.get(0).get(1),
                encoded.get(0).get(2), encoded.get(0).get(3)));
    }

    @Test
    void queriesGiveTheSameRowsOverEncodedAndPlainStrings() {
        Engine encoded = new Engine(NOW).register("T", SCHEMA, events());
        Engine plain = new Engine(NOW).register("T", SCHEMA, events(), false);
        List<String> queries = List.of(
                "T | where ActionType == 'MailItemsAccessed' | summarize count() by bin(Timestamp, 1h)",
                "T | where ActionType != 'MailItemsAccessed' | project Timestamp, ActionType, n",
                "T | where ActionType =~ 'mailitemsaccessed' | summarize count() by ActionType",
                "T | where ActionType !~ 'MAILITEMSACCESSED' | count",
                "T | where ActionType in ('Send', '', 'FileAccessed') | project ActionType, n",
                "T | where ActionType in~ ('send', 'mailITEMSaccessed') | project ActionType",
                "T | where ActionType !in ('Send', '') | summarize count() by ActionType",
                "T | where ActionType has 'america' | project ActionType",
                "T | where ActionType !has 'america' | count",
                "T | where ActionType contains 'ACCESS' | project ActionType",
                "T | where ActionType startswith 'mail' or ActionType endswith 'Rule' | project ActionType",
                "T | where ActionType == '' | summarize count() by bin(Timestamp, 1h)",
                "T | where isempty(ActionType) or isnotempty(ActionType) and n > 10 | project ActionType, n",
                "T | extend l = tolower(ActionType), k = strlen(ActionType) | where l == 'mailitemsaccessed' "
                        + "| project l, k, n",
                "T | where n > 8 | extend u = toupper(trim(' ', ActionType)) | project u, n",
                "T | where ActionType == tostring(n) or strcat(ActionType, n) == 'Send3' | project ActionType, n",
                "T | summarize count(), dcount(ActionType), max(strlen(ActionType)) by tolower(ActionType)",
                "T | summarize c = count() by ActionType, bin(Timestamp, 1h) | where c > 1",
                "union (T | extend k = 'Send'), (T | extend k = 'FileAccessed') | where ActionType == k "
                        + "| summarize count() by k",
                "T | where Timestamp > datetime(2023-11-14) | where ActionType in ('Send', 'New-InboxRule') "
                        + "| project Timestamp, ActionType | sort by Timestamp asc nulls first");
        for (String query : queries) {
            List<String> expected = rows(plain, query);
            assertFalse(expected.isEmpty(), "a query that selects nothing compares nothing: " + query);
            assertEquals(expected, rows(encoded, query), query);
        }
    }
}
