package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The element-wise series functions (series_abs ... series_not_equals) and the ones that reduce series to one real
 * (series_sum, series_product, series_magnitude, series_dot_product, series_cosine_similarity,
 * series_pearson_correlation), end to end on the documented examples (shared/kql/conformance/cases.jsonl) and the
 * rules the docs state: null for null or non-numeric elements and beyond the shorter operand, a number operand on
 * either side, integers kept by add/subtract/multiply, bools from the comparisons.
 */
class SeriesElementwiseFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    /** The type and text of {@code print r = expression}, as {@code type text}. */
    private String value(String expression) {
        return new QueryRows(engine).value(expression);
    }

    /** The elements of a dynamic array result, as the engine holds them. */
    private List<?> elements(String expression) {
        Object value = engine.run("print r = " + expression).value(0, 0);
        assertTrue(value instanceof List<?>, "not an array: " + value);
        return (List<?>) value;
    }

    private static void assertReals(double[] expected, List<?> actual) {
        assertEquals(expected.length, actual.size(), "length of " + actual);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(actual.get(i) instanceof Double, "element " + i + " of " + actual + " is not a real");
            assertEquals(expected[i], (Double) actual.get(i), 1e-15, "element " + i + " of " + actual);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Unary functions

    @Test
    void unaryFunctionsFollowTheDocumentedExamples() {
        assertEquals("dynamic [6.5,0,8.2]", value("series_abs(dynamic([-6.5,0,8.2]))"));
        assertReals(new double[] {Math.PI, Math.PI / 2, 0}, elements("series_acos(dynamic([-1,0,1]))"));
        assertReals(new double[] {-Math.PI / 2, 0, Math.PI / 2}, elements("series_asin(dynamic([-1,0,1]))"));
        assertReals(new double[] {-0.78539816339744828, 0, 0.78539816339744828},
                elements("series_atan(dynamic([-1,0,1]))"));
        assertReals(new double[] {0.54030230586813976, 1, 0.54030230586813976},
                elements("series_cos(dynamic([-1,0,1]))"));
        assertReals(new double[] {-0.8414709848078965, 0, 0.8414709848078965},
                elements("series_sin(dynamic([-1,0,1]))"));
        assertReals(new double[] {-1.5574077246549023, 0, 1.5574077246549023},
                elements("series_tan(dynamic([-1,0,1]))"));
        assertReals(new double[] {2.7182818284590451, 7.38905609893065, 20.085536923187668},
                elements("series_exp(dynamic([1,2,3]))"));
        assertReals(new double[] {0, 0.69314718055994529, 1.0986122886681098}, elements("series_log(dynamic([1,2,3]))"));
        assertReals(new double[] {-2, 1, 2}, elements("series_floor(dynamic([-1.5,1,2.5]))"));
        assertReals(new double[] {-1, 1, 3}, elements("series_ceiling(dynamic([-1.5,1,2.5]))"));
        assertEquals("dynamic [-1,0,1]", value("series_sign(dynamic([-6,0,8]))"));
    }

    @Test
    void nullAndNonNumericElementsGiveNullElements() {
        assertEquals("dynamic [1,null,null,null,4]", value("series_abs(dynamic([-1, null, 'a', true, 4]))"));
        assertEquals("dynamic [null,0]", value("series_sin(dynamic([null, 0]))"));
        assertEquals("dynamic []", value("series_exp(dynamic([]))"));
        // NaN has no place in a dynamic array here: log of a negative number is null.
        assertEquals("dynamic [null,\"-Infinity\",0]", value("series_log(dynamic([-1, 0, 1]))"));
    }

    @Test
    void aValueThatIsNotAnArrayGivesNull() {
        assertEquals("dynamic <null>", value("series_abs(dynamic(null))"));
        assertEquals("dynamic <null>", value("series_abs(dynamic(5))"));
        assertEquals("dynamic <null>", value("series_abs(dynamic({'a': 1}))"));
    }

    @Test
    void absAndSignKeepIntegersTheOthersGiveReals() {
        assertEquals(List.of(6L, 0L, 8L), elements("series_abs(dynamic([-6, 0, 8]))"));
        assertEquals(List.of(-1L, 0L, 1L), elements("series_sign(dynamic([-6, 0, 8]))"));
        assertEquals(List.of(-1.0, 0.0, 1.0), elements("series_sign(dynamic([-6.5, 0, 8]))"));
        assertEquals(List.of(1.0, 2.0), elements("series_floor(dynamic([1, 2]))"));
    }

    @Test
    void unaryFunctionsTakeOneDynamicArgument() {
        QueryException count = assertThrows(QueryException.class, () -> engine.run("print series_abs()"));
        assertEquals("KQL2004", count.diagnostics().get(0).code(), count.getMessage());
        QueryException type = assertThrows(QueryException.class, () -> engine.run("print series_abs(5)"));
        assertEquals("KQL2003", type.diagnostics().get(0).code(), type.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Binary arithmetic

    private static final String PAIRS = """
            range x from 1 to 3 step 1
            | extend y = x * 2
            | extend z = y * 2
            | project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
            """;

    @Test
    void arithmeticFollowsTheDocumentedExamples() {
        assertEquals(List.of("s1:dynamic|s2:dynamic|r:dynamic", "[1,2,4]|[4,2,1]|[5,4,5]", "[2,4,8]|[8,4,2]|[10,8,10]",
                "[3,6,12]|[12,6,3]|[15,12,15]"), rows(PAIRS + "| extend r = series_add(s1, s2)"));
        assertEquals(List.of("s1:dynamic|s2:dynamic|r:dynamic", "[1,2,4]|[4,2,1]|[-3,0,3]", "[2,4,8]|[8,4,2]|[-6,0,6]",
                "[3,6,12]|[12,6,3]|[-9,0,9]"), rows(PAIRS + "| extend r = series_subtract(s1, s2)"));
        assertEquals(List.of("s1:dynamic|s2:dynamic|r:dynamic", "[1,2,4]|[4,2,1]|[4,4,4]", "[2,4,8]|[8,4,2]|[16,16,16]",
                "[3,6,12]|[12,6,3]|[36,36,36]"), rows(PAIRS + "| extend r = series_multiply(s1, s2)"));
        assertEquals(List.of("s1:dynamic|s2:dynamic|r:dynamic", "[1,2,4]|[4,2,1]|[0.25,1,4]",
                "[2,4,8]|[8,4,2]|[0.25,1,4]", "[3,6,12]|[12,6,3]|[0.25,1,4]"),
                rows(PAIRS + "| extend r = series_divide(s1, s2)"));
        assertReals(new double[] {1, 4, 27, 2}, elements("series_pow(dynamic([1, 2, 3, 4]), dynamic([1, 2, 3, 0.5]))"));
    }

    @Test
    void integersStayIntegersOnlyWhereTheOperationAllows() {
        assertEquals(List.of(5L, 4L, 5L), elements("series_add(dynamic([1,2,4]), dynamic([4,2,1]))"));
        assertEquals(List.of(5.5, 4.0, 5.0), elements("series_add(dynamic([1.5,2,4]), dynamic([4,2,1]))"));
        assertEquals(List.of(3L, 4L), elements("series_multiply(dynamic([3,4]), 1)"));
        assertEquals(List.of(1.5, 2.0), elements("series_multiply(dynamic([3,4]), 0.5)"));
        assertEquals(List.of(0.25, 1.0), elements("series_divide(dynamic([1,2]), dynamic([4,2]))"), "division is real");
        assertEquals(List.of(1.0, 4.0), elements("series_pow(dynamic([1,2]), 2)"));
    }

    @Test
    void aNumberOnEitherSideAppliesToEveryElement() {
        assertEquals("dynamic [11,12,13]", value("series_add(dynamic([1,2,3]), 10)"));
        assertEquals("dynamic [9,8,7]", value("series_subtract(10, dynamic([1,2,3]))"));
        assertEquals("dynamic [-9,-8,-7]", value("series_subtract(dynamic([1,2,3]), 10)"));
        assertEquals("dynamic [5,2.5,2]", value("series_divide(10, dynamic([2,4,5]))"));
        assertEquals("dynamic [2,4,8]", value("series_pow(2, dynamic([1,2,3]))"));
        assertEquals("dynamic [11,12]", value("series_add(dynamic([1,2]), dynamic(10))"), "a number inside a dynamic");
        assertEquals("dynamic [null,null]", value("series_add(dynamic([1,2]), real(null))"), "a null number");
        assertEquals("dynamic <null>", value("series_add(dynamic([1,2]), dynamic(null))"), "a null dynamic");
        assertEquals("dynamic <null>", value("series_add(dynamic(1), dynamic(2))"), "no series at all");
    }

    @Test
    void elementsBeyondTheShorterSeriesAndNonNumbersAreNull() {
        assertEquals("dynamic [2,null,null]", value("series_add(dynamic([1,2,3]), dynamic([1,null]))"));
        assertEquals("dynamic [2,null,null,5]", value("series_add(dynamic([1,null,'a',4]), 1)"));
        assertEquals("dynamic [\"Infinity\",null]", value("series_divide(dynamic([1,0]), 0)"));
    }

    @Test
    void binaryFunctionsNeedASeriesOperand() {
        QueryException numbers = assertThrows(QueryException.class, () -> engine.run("print series_add(1, 2)"));
        assertEquals("KQL2003", numbers.diagnostics().get(0).code(), numbers.getMessage());
        QueryException text = assertThrows(QueryException.class,
                () -> engine.run("print series_add('x', dynamic([1]))"));
        assertEquals("KQL2003", text.diagnostics().get(0).code(), text.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Comparisons

    private static final String COMPARED = "print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1]) | extend r = ";

    @Test
    void comparisonsGiveTheDocumentedBoolArrays() {
        assertEquals("[1,2,4]|[4,2,1]|[false,false,true]", rows(COMPARED + "series_greater(s1, s2)").get(1));
        assertEquals("[1,2,4]|[4,2,1]|[false,true,true]", rows(COMPARED + "series_greater_equals(s1, s2)").get(1));
        assertEquals("[1,2,4]|[4,2,1]|[true,false,false]", rows(COMPARED + "series_less(s1, s2)").get(1));
        assertEquals("[1,2,4]|[4,2,1]|[true,true,false]", rows(COMPARED + "series_less_equals(s1, s2)").get(1));
        assertEquals("[1,2,4]|[4,2,1]|[false,true,false]", rows(COMPARED + "series_equals(s1, s2)").get(1));
        assertEquals("[1,2,4]|[4,2,1]|[true,false,true]", rows(COMPARED + "series_not_equals(s1, s2)").get(1));
        assertEquals(List.of(false, true, true), elements("series_greater_equals(dynamic([1,2,4]), dynamic([4,2,1]))"));
    }

    @Test
    void comparisonsWithNullsAndNumbers() {
        assertEquals("dynamic [false,null,true,null]", value("series_greater(dynamic([1,null,3,'x']), 2)"));
        assertEquals("dynamic [true,false]", value("series_greater(2, dynamic([1,3]))"));
        assertEquals("dynamic [true,null]", value("series_equals(dynamic([1,2]), dynamic([1]))"));
        assertEquals("dynamic [true,false]", value("series_equals(dynamic([1,2]), 1.0)"), "1 and 1.0 are equal");
    }

    // ---------------------------------------------------------------------------------------------
    // Reductions

    @Test
    void sumProductAndMagnitudeFollowTheDocumentedExamples() {
        assertEquals(List.of("arr:dynamic|series_sum:real", "[1,2,3,4]|10"),
                rows("print arr=dynamic([1,2,3,4]) | extend series_sum=series_sum(arr)"));
        assertEquals(List.of("arr:dynamic|series_product:real", "[1,2,3,4]|24"),
                rows("print arr=dynamic([1,2,3,4]) | extend series_product=series_product(arr)"));
        assertEquals("real 5.477225575051661", value("series_magnitude(dynamic([1,2,3,4]))"));
        assertEquals("real 4", value("series_sum(dynamic([1,null,3]))"), "nulls are left out");
        assertEquals("real 0", value("series_sum(dynamic([]))"));
        assertEquals("real 1", value("series_product(dynamic([]))"));
        assertEquals("real <null>", value("series_sum(dynamic(null))"));
    }

    @Test
    void dotProductFollowsTheDocumentedExamples() {
        assertEquals(List.of("s1:dynamic|s2:dynamic|r:real", "[1,2,4]|[4,2,1]|12", "[2,4,8]|[8,4,2]|48",
                "[3,6,12]|[12,6,3]|108"), rows(PAIRS + "| extend r = series_dot_product(s1, s2)"));
        assertEquals(List.of("s1:dynamic|s2:long|r:real", "[1,2,4]|1|7", "[2,4,8]|2|28", "[3,6,12]|3|63"),
                rows("""
                        range x from 1 to 3 step 1
                        | extend y = x * 2
                        | extend z = y * 2
                        | project s1 = pack_array(x,y,z), s2 = x
                        | extend r = series_dot_product(s1, s2)"""));
        assertEquals("real 60", value("series_dot_product(10, dynamic([1,2,3]))"));
        assertEquals("real 5", value("series_dot_product(dynamic([1,2,3]), dynamic([1,2]))"), "truncated");
        assertEquals("real 10", value("series_dot_product(dynamic([1,'a',3]), dynamic([1,2,3]))"), "ignored");
        assertEquals("real <null>", value("series_dot_product(dynamic([]), dynamic([1]))"), "empty");
    }

    @Test
    void cosineSimilarityFollowsTheDocumentedExample() {
        List<String> rows = rows("""
                datatable(s1:dynamic, s2:dynamic)
                [
                    dynamic([0.1,0.2,0.1,0.2]), dynamic([0.11,0.2,0.11,0.21]),
                    dynamic([0.1,0.2,0.1,0.2]), dynamic([1,2,3,4]),
                ]
                | extend cosine_similarity=series_cosine_similarity(s1, s2)""");
        assertEquals("s1:dynamic|s2:dynamic|cosine_similarity:real", rows.get(0));
        assertEquals(0.99935343825504, Double.parseDouble(rows.get(1).split("\\|")[2]), 1e-13);
        assertEquals(0.923760430703401, Double.parseDouble(rows.get(2).split("\\|")[2]), 1e-13);
        // Given magnitudes are used as they are (the embedding search of the docs passes 1.0, 1.0).
        assertEquals("real 14", value("series_cosine_similarity(dynamic([1,2,3]), dynamic([1,2,3]), 1.0, 1.0)"));
        assertEquals("real <null>", value("series_cosine_similarity(dynamic([0,0]), dynamic([1,2]))"));
    }

    @Test
    void pearsonCorrelationFollowsTheDocumentedExample() {
        assertEquals(List.of("s1:dynamic|s2:dynamic|correlation_coefficient:real", "[1,2,3,4,5]|[2,4,6,8,10]|1"),
                rows("""
                        range s1 from 1 to 5 step 1
                        | extend s2 = 2 * s1
                        | summarize s1 = make_list(s1), s2 = make_list(s2)
                        | extend correlation_coefficient = series_pearson_correlation(s1, s2)"""));
        assertEquals("real -1", value("series_pearson_correlation(dynamic([1,2,3]), dynamic([3,2,1]))"));
        assertEquals("real <null>", value("series_pearson_correlation(dynamic([1,2,3]), dynamic([1,2]))"),
                "different lengths");
        assertEquals("real <null>", value("series_pearson_correlation(dynamic([1,null,3]), dynamic([1,2,3]))"));
    }
}
