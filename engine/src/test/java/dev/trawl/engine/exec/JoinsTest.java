package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every join kind against a reference (each left row in order, each with its matches in right order), row for row,
 * over tables of several batches with null and repeated keys of several types, with the smaller side on the left and
 * on the right (the side that is built into the hash table differs), small and big enough to be partitioned.
 */
class JoinsTest {
    private static final Schema SCHEMA = Schema.of(new Schema.Field("id", ScalarType.LONG),
            new Schema.Field("a", ScalarType.LONG), new Schema.Field("s", ScalarType.STRING),
            new Schema.Field("r", ScalarType.REAL), new Schema.Field("i", ScalarType.INT));
    private static final String[] STRINGS = {"x", "", "Y", "x y"};
    private static final double[] REALS = {0.5, 1.5, 2.0};
    private static final String[] KINDS = {"innerunique", "inner", "leftouter", "rightouter", "fullouter", "leftsemi",
        "leftanti", "rightsemi", "rightanti"};

    /** Rows of id, a (long), s (string), r (real), i (int); a, r and i are sometimes null; a and i below distinct. */
    private static List<Object[]> table(int rows, long seed, int distinct) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Object[]> out = new ArrayList<>();
        for (int id = 0; id < rows; id++) {
            out.add(new Object[] {(long) id, random.nextInt(9) == 0 ? null : (Object) (long) random.nextInt(distinct),
                STRINGS[random.nextInt(STRINGS.length)],
                random.nextInt(9) == 0 ? null : (Object) REALS[random.nextInt(REALS.length)],
                random.nextInt(9) == 0 ? null : (Object) random.nextInt(distinct)});
        }
        return out;
    }

    private static List<Batch> batches(List<Object[]> rows, int batchSize) {
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            int size = Math.min(batchSize, rows.size() - from);
            Column[] columns = new Column[SCHEMA.size()];
            for (int c = 0; c < columns.length; c++) {
                ColumnBuilder builder = ColumnBuilder.of(SCHEMA.field(c).type(), size);
                for (int k = 0; k < size; k++) {
                    builder.add(rows.get(from + k)[c]);
                }
                columns[c] = builder.build();
            }
            out.add(Batch.dense(columns, size));
        }
        return out;
    }

    /** The key of a row, ints widened to longs, or null when a part is null. */
    private static List<Object> key(Object[] row, int[] columns) {
        List<Object> key = new ArrayList<>();
        for (int c : columns) {
            Object value = row[c];
            if (value == null) {
                return null;
            }
            key.add(value instanceof Integer i ? (Object) (long) i : value);
        }
        return key;
    }

    private static List<List<Object>> reference(String kind, List<Object[]> left, int[] leftKey, List<Object[]> right,
                                                int[] rightKey) {
        List<Object[]> probing = left;
        if (kind.equals("innerunique")) {
            probing = new ArrayList<>();
            Set<List<Object>> seen = new HashSet<>();
            for (Object[] row : left) {
                List<Object> key = key(row, leftKey);
                if (key == null || seen.add(key)) {
                    probing.add(row);
                }
            }
        }
        Object[] noRow = {null, null, "", null, null};
        java.util.Map<List<Object>, List<Integer>> rightRows = new java.util.HashMap<>();
        for (int r = 0; r < right.size(); r++) {
            List<Object> key = key(right.get(r), rightKey);
            if (key != null) {
                rightRows.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
        }
        List<List<Object>> out = new ArrayList<>();
        Set<Integer> matchedRight = new HashSet<>();
        for (Object[] l : probing) {
            List<Object> key = key(l, leftKey);
            boolean matched = false;
            for (int r : key == null ? List.<Integer>of() : rightRows.getOrDefault(key, List.of())) {
                {
                    matched = true;
                    matchedRight.add(r);
                    if (!kind.contains("semi") && !kind.contains("anti")) {
                        out.add(concat(l, right.get(r)));
                    }
                }
            }
            if (!matched && (kind.equals("leftouter") || kind.equals("fullouter"))) {
                out.add(concat(l, noRow));
            }
            if (kind.equals("leftsemi") && matched || kind.equals("leftanti") && !matched) {
                out.add(Arrays.asList(l));
            }
        }
        for (int r = 0; r < right.size(); r++) {
            boolean matched = matchedRight.contains(r);
            if (!matched && (kind.equals("rightouter") || kind.equals("fullouter"))) {
                out.add(concat(noRow, right.get(r)));
            }
            if (kind.equals("rightsemi") && matched || kind.equals("rightanti") && !matched) {
                out.add(Arrays.asList(right.get(r)));
            }
        }
        return out;
    }

    private static List<Object> concat(Object[] left, Object[] right) {
        List<Object> row = new ArrayList<>(Arrays.asList(left));
        row.addAll(Arrays.asList(right));
        return row;
    }

    private static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < result.columns().size(); c++) {
                row.add(result.value(r, c));
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void aBuiltSideTooBigForTheCachesGivesTheReferenceRows() {
        // More rows than the table builds a filter for on either side, keys drawn so that most probes miss.
        List<Object[]> left = new ArrayList<>();
        List<Object[]> right = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int id = 0; id < 150_000; id++) {
            left.add(new Object[] {(long) id, random.nextInt(20) == 0 ? null : (Object) random.nextLong(2_000_000), "", null,
                null});
            right.add(new Object[] {(long) id, (Object) random.nextLong(2_000_000), "", null, null});
        }
        Engine engine = new Engine().register("L", SCHEMA, batches(left.subList(0, 90_000), 8192))
                .register("R", SCHEMA, batches(right, 8192));
        java.util.Map<Object, List<Object[]>> byKey = new java.util.HashMap<>();
        for (Object[] row : right) {
            byKey.computeIfAbsent(row[1], k -> new ArrayList<>()).add(row);
        }
        List<List<Object>> inner = new ArrayList<>();
        List<List<Object>> anti = new ArrayList<>();
        for (Object[] row : left.subList(0, 90_000)) {
            List<Object[]> matches = row[1] == null ? List.of() : byKey.getOrDefault(row[1], List.of());
            for (Object[] match : matches) {
                inner.add(concat(row, match));
            }
            if (matches.isEmpty()) {
                anti.add(Arrays.asList(row));
            }
        }
        assertTrue(inner.size() > 1000 && anti.size() > 50_000, inner.size() + " matches, " + anti.size() + " without");
        assertEquals(inner, rows(engine.run("L | join kind=inner (R) on a")), "the left side built");
        assertEquals(inner, rows(engine.run("L | join kind=inner (R | where id >= 0) on a | where id >= 0")));
        assertEquals(anti, rows(engine.run("L | join kind=leftanti (R) on a")));
        List<List<Object>> swapped = new ArrayList<>();
        for (List<Object> row : inner) {
            List<Object> other = new ArrayList<>(row.subList(5, 10));
            other.addAll(row.subList(0, 5));
            swapped.add(other);
        }
        swapped.sort(java.util.Comparator.comparing((List<Object> row) -> (Long) row.get(0))
                .thenComparing(row -> (Long) row.get(5)));
        assertEquals(swapped, rows(engine.run("R | join kind=inner (L) on a")), "the right side built");
    }

    @Test
    void everyKindGivesTheReferenceRowsInOrder() {
        everyKind(300, 700, 12, new String[][] {{"a", "1"}, {"a, s", "1,2"}, {"r", "3"}, {"s, i", "2,4"},
            {"$left.i == $right.a", "4|1"}}, false, 100_000);
    }

    @Test
    void everyKindOverPartitionedTablesGivesTheReferenceRowsInOrder() {
        // Both sides have more rows than one partition of the hash table holds; the rows are told apart by id.
        everyKind(20_000, 30_000, 30_000, new String[][] {{"a", "1"}, {"$left.i == $right.a", "4|1"}}, true,
                500_000);
    }

    private static void everyKind(int smallRows, int bigRows, int distinct, String[][] conditions, boolean idsOnly,
                                  int enough) {
        List<Object[]> small = table(smallRows, 1, distinct);
        List<Object[]> big = table(bigRows, 2, distinct);
        Engine engine = new Engine().register("Small", SCHEMA, batches(small, 64))
                .register("Big", SCHEMA, batches(big, 100));
        int compared = 0;
        for (String kind : KINDS) {
            boolean bothSides = !kind.contains("semi") && !kind.contains("anti");
            for (String[] condition : conditions) {
                String[] sides = condition[1].split("\\|");
                int[] leftKey = Arrays.stream(sides[0].split(",")).mapToInt(Integer::parseInt).toArray();
                int[] rightKey = Arrays.stream(sides[sides.length - 1].split(",")).mapToInt(Integer::parseInt).toArray();
                for (boolean smallLeft : new boolean[] {true, false}) {
                    List<Object[]> left = smallLeft ? small : big;
                    List<Object[]> right = smallLeft ? big : small;
                    String query = (smallLeft ? "Small" : "Big") + " | join kind=" + kind + " (" + (smallLeft ? "Big" : "Small")
                            + ") on " + condition[0] + (!idsOnly ? "" : bothSides ? " | project id, id1" : " | project id");
                    List<List<Object>> expected = reference(kind, left, leftKey, right, rightKey);
                    if (idsOnly) {
                        expected.replaceAll(row -> bothSides ? Arrays.asList(row.get(0), row.get(5)) : List.of(row.get(0)));
                    }
                    List<List<Object>> actual = rows(engine.run(query));
                    assertEquals(expected.size(), actual.size(), query);
                    for (int row = 0; row < expected.size(); row++) {
                        assertTrue(Objects.equals(expected.get(row), actual.get(row)),
                                query + " row " + row + ": " + expected.get(row) + " vs " + actual.get(row));
                    }
                    compared += expected.size();
                }
            }
        }
        assertTrue(compared > enough, "the tables share enough keys to compare many rows: " + compared);
    }
}
