package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The math functions end to end, on the documented examples (shared/kql/conformance/cases.jsonl) and the
 * edges the docs state: binning, rounding, special functions, NaN tests, max_of/min_of, bitwise functions
 * and unit conversions.
 */
class MathFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    /** The type and text of {@code print r = expression}, as {@code type text}. */
    private String value(String expression) {
        return new QueryRows(engine).value(expression);
    }

    private double real(String expression) {
        String value = value(expression);
        assertTrue(value.startsWith("real "), value);
        return Double.parseDouble(value.substring("real ".length()));
    }

    // ---------------------------------------------------------------------------------------------
    // bin, floor, bin_at

    @Test
    void binRoundsDownToAMultiple() {
        assertEquals("real 4", value("bin(4.5, 1)"));
        assertEquals("timespan 14.00:00:00", value("bin(time(16d), 7d)"));
        assertEquals("datetime 1970-05-11T00:00:00.0000000Z", value("bin(datetime(1970-05-11 13:45:07), 1d)"));
        assertEquals("datetime 2007-01-01T00:00:00.0000000Z", value("bin(datetime(2007-01-03), 7d)"), "weeks start Monday");
        assertEquals("long -8", value("bin(-7, 2)"));
        assertEquals("real 5", value("bin(7, 2.5)"));
        assertEquals("decimal 6", value("bin(decimal(7.5), 2)"));
        assertEquals("real -2", value("floor(-1.5, 1)"));
        assertEquals("timespan -1.00:00:00", value("bin(time(-1h), 1d)"));
        assertEquals("int 6", value("bin(toint(7), toint(2))"));
        assertEquals("long 6", value("bin(toint(7), 2)"), "the wider type, as Kusto's signature says");
    }

    @Test
    void binOfANullOrANonPositiveSizeIsNull() {
        assertEquals("long <null>", value("bin(5, 0)"));
        assertEquals("long <null>", value("bin(4, -1)"));
        assertEquals("long <null>", value("bin(int(null), 2)"));
        assertEquals("real <null>", value("bin(1.5, real(null))"));
    }

    @Test
    void binAtAlignsToAFixedPoint() {
        assertEquals("real 4.5", value("bin_at(6.5, 2.5, 7)"));
        assertEquals("timespan -12:00:00", value("bin_at(time(1h), 1d, 12h)"));
        assertEquals("datetime 2017-05-14T12:00:00.0000000Z",
                value("bin_at(datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0))"));
        assertEquals("datetime 2017-05-14T00:00:00.0000000Z",
                value("bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0))"));
        assertEquals("long 7", value("bin_at(7, 2, 1)"));
        assertEquals("long -8", value("bin_at(-7, 2, 0)"));
        assertEquals("real <null>", value("bin_at(1.5, 0, 0)"));
        assertEquals(List.of("Date:datetime|TotalEvents:long", "2018-02-23T15:14:00.0000000Z|8",
                "2018-02-24T15:14:00.0000000Z|7", "2018-02-26T15:14:00.0000000Z|5"), rows("""
                datatable(Date:datetime, NumOfEvents:int)[
                datetime(2018-02-24T15:14),3, datetime(2018-02-24T15:24),4, datetime(2018-02-23T16:14),4,
                datetime(2018-02-23T17:29),4, datetime(2018-02-26T15:14),5]
                | summarize TotalEvents=sum(NumOfEvents) by bin_at(Date, 1d, datetime(2018-02-24 15:14:00.0000000))
                | sort by Date asc"""));
    }

    // ---------------------------------------------------------------------------------------------
    // abs, round, ceiling, sign

    @Test
    void roundKeepsItsArgumentsTypeAndRoundsHalvesAwayFromZero() {
        assertEquals("real 2.988", value("round(2.98765, 3)"));
        assertEquals("real 2.2", value("round(2.15, 1)"), "the decimal 2.15, not the double just below it");
        assertEquals("real 2", value("round(2.15)"));
        assertEquals("real -100", value("round(-50.55, -2)"));
        assertEquals("real 20", value("round(21.5, -1)"));
        assertEquals("real 3", value("round(2.5)"));
        assertEquals("real -3", value("round(-2.5)"));
        assertEquals("long 1200", value("round(1234, -2)"));
        assertEquals("int 1300", value("round(toint(1250), -2)"));
        assertEquals("decimal 1.3", value("round(decimal(1.25), 1)"));
        assertEquals("long 12", value("round(12, 1)"));
        assertEquals("real ∞", value("round(1.0/0)"));
    }

    @Test
    void ceilingAbsAndSign() {
        assertEquals(List.of("c1:real|c2:long|c3:real", "-1|0|1"),
                rows("print c1 = ceiling(-1.1), c2 = ceiling(0), c3 = ceiling(0.9)"));
        assertEquals("decimal 2", value("ceiling(decimal(1.2))"));
        assertEquals("long 5", value("abs(-5)"));
        assertEquals("long 3", value("abs(toint(-3))"), "integers give long");
        assertEquals("real 1.5", value("abs(decimal(-1.5))"), "decimals give real");
        assertEquals("timespan 01:00:00", value("abs(datetime(2024-01-01 00:00) - datetime(2024-01-01 01:00))"));
        assertEquals(List.of("s1:real|s2:real|s3:real", "-1|0|1"), rows("print s1 = sign(-42), s2 = sign(0), s3 = sign(11.2)"));
        assertEquals("real <null>", value("sign(long(null))"));
    }

    // ---------------------------------------------------------------------------------------------
    // Powers, logarithms, trigonometry

    @Test
    void powersAndLogarithms() {
        assertEquals("real 8", value("pow(2, 3)"));
        assertEquals(7.38905609893065, real("exp(2)"), 1e-14);
        assertEquals("real 1024", value("exp2(10)"));
        assertEquals("real 0.01", value("exp10(-2)"));
        assertEquals("real 1.6094379124341003", value("log(5)"));
        assertEquals("real 0.6989700043360189", value("log10(5)"));
        assertEquals(2.3219280948873622, real("log2(5)"), 1e-15);
        assertEquals("real 3", value("log2(8)"), "exact at powers of two");
        assertEquals("real -∞", value("log(0)"));
        assertEquals("real NaN", value("sqrt(-1)"));
    }

    @Test
    void trigonometry() {
        assertEquals(List.of("atan2_0:real|atan2_1:real|atan2_2:real", "0.7853981633974483|3.141592653589793|-1.5707963267948966"),
                rows("print atan2_0 = atan2(1,1) | extend atan2_1 = atan2(0,-1) | extend atan2_2 = atan2(-1,0)"));
        assertEquals("real 0.5403023058681398", value("cos(1)"));
        assertEquals("real 0.8414709848078965", value("sin(1)"));
        assertEquals("real 0.6420926159343306", value("cot(1)"));
        assertEquals("real ∞", value("cot(0)"));
        assertEquals("real NaN", value("asin(2)"));
        assertEquals(List.of("degrees0:real|degrees1:real|degrees2:real", "45|270|0"),
                rows("print degrees0 = degrees(pi()/4), degrees1 = degrees(pi()*1.5), degrees2 = degrees(0)"));
        assertEquals(List.of("radians0:real|radians1:real|radians2:real", "1.5707963267948966|3.141592653589793|6.283185307179586"),
                rows("print radians0 = radians(90), radians1 = radians(180), radians2 = radians(360)"));
    }

    // ---------------------------------------------------------------------------------------------
    // gamma, erf, beta

    @Test
    void gammaAndItsLogarithm() {
        assertEquals("real 24", value("gamma(5)"));
        assertEquals(Math.sqrt(Math.PI), real("gamma(0.5)"), 1e-15);
        assertEquals(-2 * Math.sqrt(Math.PI), real("gamma(-0.5)"), 1e-14);
        assertEquals("real NaN", value("gamma(0)"));
        assertEquals("real ∞", value("gamma(172)"));
        assertEquals("real 3.1780538303479458", value("loggamma(5)"));
        assertEquals(359.1342053695754, real("loggamma(100)"), 1e-12);
        assertEquals(Math.log(2 * Math.sqrt(Math.PI)), real("loggamma(-0.5)"), 1e-14);
    }

    @Test
    void errorFunctionsAreAccurateInTheTails() {
        List<String> erf = rows("range x from -3 to 3 step 1 | extend erf_x = erf(x), erfc_x = erfc(x)");
        double[] expectedErf = {-0.999977909503001, -0.995322265018953, -0.842700792949715, 0, 0.842700792949715,
            0.995322265018953, 0.999977909503001};
        double[] expectedErfc = {1.999977909503001, 1.995322265018953, 1.842700792949715, 1, 0.157299207050285,
            0.00467773498104727, 2.20904969985854E-05};
        for (int i = 0; i < 7; i++) {
            String[] cells = erf.get(i + 1).split("\\|");
            assertEquals(expectedErf[i], Double.parseDouble(cells[1]), 1e-15);
            assertEquals(expectedErfc[i], Double.parseDouble(cells[2]), Math.abs(expectedErfc[i]) * 1e-13);
        }
        assertEquals(1.5374597944280349e-12, real("erfc(5)"), 1e-25);
        assertEquals("real 1", value("erf(30)"));
    }

    @Test
    void betaDistribution() {
        assertEquals(0.999999999999959, real("beta_cdf(0.9, 10.0, 20.0)"), 1e-14);
        assertEquals(0.746176019310951, real("beta_pdf(0.5, 10.0, 20.0)"), 1e-14);
        assertEquals(0.226415022388749, real("beta_inv(0.1, 10.0, 20.0)"), 1e-14);
        assertEquals(0.5, real("beta_inv(0.5, 2, 2)"), 1e-14);
        assertEquals("real 1", value("beta_inv(1, 2, 3)"));
        assertEquals("real NaN", value("beta_cdf(1.5, 10, 20)"));
        assertEquals("real NaN", value("beta_cdf(-10, 10, 20)"));
        assertEquals("real NaN", value("beta_pdf(0.1, -1, 20)"));
        // The docs' example output (not their note) shows p > 1 giving null and alpha < 0 NaN.
        assertEquals("real <null>", value("beta_inv(1.5, 10, 20)"));
        assertEquals("real NaN", value("beta_inv(0.1, -1.0, 20)"));
    }

    @Test
    void nanAndInfinityTests() {
        assertEquals(List.of("x:long|y:real|div:real|isfinite:bool|isinf:bool|isnan:bool",
                "-1|0|-∞|false|true|false", "0|0|NaN|false|false|true", "1|0|∞|false|true|false"),
                rows("range x from -1 to 1 step 1 | extend y = 0.0 | extend div = 1.0*x/y"
                        + " | extend isfinite=isfinite(div), isinf=isinf(div), isnan=isnan(div)"));
        assertEquals("bool true", value("isfinite(toint(1))"));
        assertEquals("bool <null>", value("isnan(real(null))"));
    }

    // ---------------------------------------------------------------------------------------------
    // max_of, min_of, around, rand

    @Test
    void maxOfAndMinOfIgnoreNulls() {
        assertEquals("long 17", value("max_of(10, 1, -3, 17)"));
        assertEquals("long -3", value("min_of(10, 1, -3, 17)"));
        assertEquals(List.of("m:int", "6", "8", "2", "1", "<null>"), rows("""
                datatable (A: int, B: int) [1, 6, 8, 1, int(null), 2, 1, int(null), int(null), int(null)]
                | project m = max_of(A, B)"""));
        assertEquals("real 2.5", value("max_of(1, 2.5)"));
        assertEquals("datetime 2019-01-01T00:00:00.0000000Z", value("min_of(datetime(2020-01-01), datetime(2019-01-01))"));
        assertEquals("timespan 02:00:00", value("max_of(1h, 2h, timespan(null))"));
    }

    @Test
    void aroundIsAnInclusiveRange() {
        assertEquals(List.of("dt:datetime", "2021-01-01T01:29:00.0000000Z", "2021-01-01T01:30:00.0000000Z",
                "2021-01-01T01:31:00.0000000Z"), rows("""
                range dt from datetime(2021-01-01 01:00) to datetime(2021-01-01 02:00) step 1min
                | where around(dt, datetime(2021-01-01 01:30), 1min)"""));
        assertEquals("bool true", value("around(1.5, 1, 0.5)"));
        assertEquals("bool false", value("around(2, 1, 0.5)"));
        assertEquals("bool <null>", value("around(1, long(null), 1)"));
    }

    @Test
    void randIsARealInRange() {
        assertEquals("bool true", value("rand() < 1 and rand() >= 0"));
        assertEquals("bool true", value("rand(10) < 10"));
        assertEquals("string real", value("gettype(rand(3))"));
        assertEquals(1, rows("range x from 1 to 50 step 1 | extend r = rand(2) | summarize dcount(r) | where dcount_r <= 2").size() - 1);
    }

    // ---------------------------------------------------------------------------------------------
    // binary_*, bitset_count_ones, gcd, lcm

    @Test
    void bitwiseFunctions() {
        assertEquals("long 2", value("binary_and(6, 3)"));
        assertEquals("long 7", value("binary_or(5, 3)"));
        assertEquals("long 6", value("binary_xor(5, 3)"));
        assertEquals("long -6", value("binary_not(5)"));
        assertEquals("long 8", value("binary_shift_left(1, 3)"));
        assertEquals("long -4", value("binary_shift_right(-8, 1)"));
        assertEquals("long 3", value("bitset_count_ones(42)"));
        assertEquals("long 64", value("bitset_count_ones(-1)"));
        assertEquals("long 32", value("bitset_count_ones(toint(-1))"));
        assertEquals("long 6", value("gcd(12, 18)"));
        assertEquals("long 12", value("lcm(4, 6)"));
        assertEquals("long 0", value("lcm(0, 5)"));
    }

    // ---------------------------------------------------------------------------------------------
    // convert_*

    @Test
    void unitConversionsOfTheDocs() {
        assertEquals("real 72", value("convert_angle(1.2, 'Degree', 'Arcminute')"));
        assertEquals(0.00113738054437598, real("convert_energy(1.2, 'Joule', 'BritishThermalUnit')"), 1e-17);
        assertEquals("real 0.12", value("convert_force(1.2, 'Newton', 'Decanewton')"));
        assertEquals(3.93700787401575, real("convert_length(1.2, 'Meter', 'Foot')"), 1e-14);
        assertEquals(2.64554714621853, real("convert_mass(1.2, 'Kilogram', 'Pound')"), 1e-14);
        assertEquals("real 432000", value("convert_speed(1.2, 'MeterPerSecond', 'CentimeterPerHour')"));
        assertEquals("real -271.95", value("convert_temperature(1.2, 'Kelvin', 'DegreeCelsius')"));
        assertEquals(0.0009728568, real("convert_volume(1.2, 'CubicMeter', 'AcreFoot')"), 1e-19);
    }

    @Test
    void unitConversionsIgnoreCaseAndGiveNullForUnknownUnits() {
        assertEquals("real 1.609344", value("convert_length(1, 'mile', 'kilometer')"));
        assertEquals("real 100", value("convert_temperature(212, 'DegreeFahrenheit', 'DegreeCelsius')"));
        assertEquals("real 32", value("convert_temperature(0, 'DegreeCelsius', 'DegreeFahrenheit')"));
        assertEquals("real 60", value("convert_temperature(100, 'DegreeCelsius', 'DegreeRoemer')"));
        assertEquals("real 180", value("convert_angle(pi(), 'Radian', 'Degree')"));
        assertEquals(30, real("convert_angle(0.5, 'Tilt', 'Degree')"), 1e-12);
        assertEquals("real 3.78541", value("convert_volume(1, 'UsGallon', 'Liter')"));
        assertEquals("real 1.852", value("convert_speed(1, 'Knot', 'KilometerPerHour')"));
        assertEquals("real 3.6", value("convert_energy(1, 'KilowattHour', 'Megajoule')"));
        assertEquals("real <null>", value("convert_mass(1, 'Pound', 'Bogus')"));
    }
}
