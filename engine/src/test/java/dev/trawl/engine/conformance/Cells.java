package dev.trawl.engine.conformance;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalisation rules for comparing a documented cell with the engine's text of a value, one small function
 * each (every one has its own unit test in {@code ConformanceCellsTest}). Docs tables are hand-edited and spell
 * the same value several ways (semantics.md §7 and ambiguity 15); the engine writes Kusto's JSON/CSV forms
 * ({@code ValueFormat}). {@link CellMatcher} decides which rules apply to a column from its type.
 *
 * <p>Markdown level ({@link #markdownCell}), applied to every documented cell and header:
 * <ol>
 * <li>{@link #unescapePipes}: {@code \|} is a literal pipe. No other backslash escape is resolved: docs write
 *     raw values ({@code \n} in a regex stays two characters).</li>
 * <li>{@link #htmlSpaces}: {@code &nbsp;} (the docs' way to draw an empty cell) is nothing.</li>
 * <li>{@link #lineBreaks}: {@code <br>} is a line break (docs draw multi-line strings and pretty JSON so).</li>
 * <li>{@link #stripBackticks}: a cell that is a single code span, {@code `x`}, is its content.</li>
 * <li>then trimmed.</li>
 * </ol>
 *
 * <p>Value level: {@link #emptyMatchesNull}, {@link #datetimeTicks}, {@link #timespanTicks}, {@link #bool},
 * {@link #numbersEqual}, {@link #integersEqual}, {@link #parseJson} with {@link CellMatcher#jsonEqual},
 * {@link #renderedWhitespaceEqual} and {@link #abbreviatedMatches}.
 */
final class Cells {
    /** Relative tolerance for comparing two numbers. */
    static final double RELATIVE_TOLERANCE = 1e-6;
    /** Relative tolerance for "order- or sampling-dependent" cases (HLL dcount's default accuracy is ~1.6%). */
    static final double APPROXIMATE_TOLERANCE = 0.02;

    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern ELLIPSIS = Pattern.compile("\\.{3,}|…");
    private static final Pattern ISO_DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?\\s*(?:Z|UTC)?");
    private static final Pattern US_DATETIME = Pattern.compile(
            "(\\d{1,2})/(\\d{1,2})/(\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?: ?([AP]M))?)?",
            Pattern.CASE_INSENSITIVE);
    /** {@code [-][d.]hh:mm:ss[.fffffff]}, Kusto's form. */
    private static final Pattern TIMESPAN = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    /** {@code [-]d:hh:mm:ss[.fffffff]}, a spelling some docs pages use ({@code 14:00:00:00}). */
    private static final Pattern TIMESPAN_COLON_DAYS = Pattern.compile("(-)?(\\d+):(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final long TICKS_PER_SECOND = 10_000_000L;

    /** Lenient enough for docs JSON (single quotes, trailing commas, NaN), exact about number spellings. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Cells() {
    }

    // ---- Markdown level -------------------------------------------------------------------------------------

    /** A documented cell or header as the reader sees it. */
    static String markdownCell(String raw) {
        return stripBackticks(lineBreaks(htmlSpaces(unescapePipes(raw))).strip()).strip();
    }

    static String unescapePipes(String cell) {
        return cell.replace("\\|", "|");
    }

    static String htmlSpaces(String cell) {
        return cell.replace("&nbsp;", " ");
    }

    static String lineBreaks(String cell) {
        return BR.matcher(cell).replaceAll("\n");
    }

    /** {@code `x`} is x; a cell with backticks anywhere else is left alone. */
    static String stripBackticks(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '`' && cell.charAt(cell.length() - 1) == '`'
                && cell.indexOf('`', 1) == cell.length() - 1) {
            return cell.substring(1, cell.length() - 1);
        }
        return cell;
    }

    /** {@code ...}, {@code .....} or {@code …}: the docs left something out here. */
    static boolean isEllipsis(String cell) {
        return ELLIPSIS.matcher(cell.strip()).matches();
    }

    // ---- Value level ----------------------------------------------------------------------------------------

    /** An empty documented cell stands for a null (Kusto's UI draws nulls empty) and for an empty string. */
    static boolean emptyMatchesNull(String expected, String actual) {
        return expected.isEmpty() && (actual == null || actual.isEmpty());
    }

    /**
     * A datetime in any spelling the docs use, as 100 ns ticks since 1970-01-01 (negative before): ISO
     * {@code 2017-01-01T00:00:00Z}, {@code 2017-01-01 00:00:00.0000000}, {@code 2017-01-01T00:00:00.000Z},
     * {@code 2017-01-01}, and the old UI's {@code 02/17/2016 08:40:00} (month first, optional AM/PM). Fractions
     * beyond 7 digits are truncated. Null when the text is none of these.
     */
    static Long datetimeTicks(String text) {
        String s = text.strip();
        Matcher m = ISO_DATETIME.matcher(s);
        int year;
        int month;
        int day;
        if (m.matches()) {
            year = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
            day = Integer.parseInt(m.group(3));
        } else {
            m = US_DATETIME.matcher(s);
            if (!m.matches()) {
                return null;
            }
            month = Integer.parseInt(m.group(1));
            day = Integer.parseInt(m.group(2));
            year = Integer.parseInt(m.group(3));
        }
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        if (m.pattern() == US_DATETIME && m.group(8) != null) {
            boolean pm = m.group(8).equalsIgnoreCase("PM");
            if (hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (pm ? 12 : 0);
        }
        try {
            long seconds = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return seconds * TICKS_PER_SECOND + fractionTicks(m.group(7));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A timespan as ticks: Kusto's {@code [-][d.]hh:mm:ss[.fffffff]} ({@code 14.00:00:00}, {@code 01:00:00},
     * {@code -12:00:00}) or the {@code [-]d:hh:mm:ss} spelling ({@code 14:00:00:00}). Null otherwise.
     */
    static Long timespanTicks(String text) {
        String s = text.strip();
        Matcher m = TIMESPAN.matcher(s);
        if (!m.matches()) {
            m = TIMESPAN_COLON_DAYS.matcher(s);
            if (!m.matches()) {
                return null;
            }
        }
        try {
            long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
            long seconds = Math.addExact(Math.multiplyExact(days, 86_400L), Long.parseLong(m.group(3)) * 3600
                    + Long.parseLong(m.group(4)) * 60 + Long.parseLong(m.group(5)));
            long ticks = Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), fractionTicks(m.group(6)));
            return m.group(1) != null ? -ticks : ticks;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static long fractionTicks(String digits) {
        if (digits == null) {
            return 0;
        }
        String seven = (digits + "0000000").substring(0, 7);
        return Long.parseLong(seven);
    }

    /**
     * A boolean spelling: {@code true}/{@code True}/{@code TRUE} (any case) and the same for false; {@code 1} and
     * {@code 0} too, but only when the result column is a bool (elsewhere 1 is a number). Null when neither.
     */
    static Boolean bool(String text, boolean columnIsBool) {
        String s = text.strip();
        if (s.equalsIgnoreCase("true") || (columnIsBool && s.equals("1"))) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || (columnIsBool && s.equals("0"))) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The text is a whole number ({@code 42}, {@code -7}, {@code +5}). */
    static boolean isInteger(String text) {
        return INTEGER.matcher(text.strip()).matches();
    }

    /** Both texts are whole numbers and the same one (ints and longs compare exactly). */
    static boolean integersEqual(String expected, String actual) {
        String e = expected.strip();
        String a = actual.strip();
        return INTEGER.matcher(e).matches() && INTEGER.matcher(a).matches()
                && new BigInteger(e).equals(new BigInteger(a));
    }

    /** The text as a number, or null: decimal or exponent notation; {@code NaN}/{@code Infinity} are not numbers. */
    static BigDecimal number(String text) {
        String s = text.strip();
        if (!NUMBER.matcher(s).matches()) {
            return null;
        }
        return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    }

    /** {@code NaN}, {@code Infinity}, {@code -Infinity} (also {@code +Infinity}, {@code inf}, any case), or null. */
    static Double nonFinite(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "nan", "-nan" -> Double.NaN;
            case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /**
     * Two numbers that are equal within {@code relative} (of the larger magnitude) or, when the documented value
     * has k &gt; 0 decimals, within half a unit of its last printed digit (the docs round: {@code 0.982} stands for
     * anything in [0.9815, 0.9825]). {@code NaN} equals {@code NaN}; infinities equal only themselves. False when
     * either text is not a number.
     */
    static boolean numbersEqual(String expected, String actual, double relative) {
        Double expectedSpecial = nonFinite(expected);
        Double actualSpecial = nonFinite(actual);
        if (expectedSpecial != null || actualSpecial != null) {
            return expectedSpecial != null && actualSpecial != null && expectedSpecial.equals(actualSpecial);
        }
        BigDecimal e = number(expected);
        BigDecimal a = number(actual);
        return e != null && a != null && numbersEqual(e, a, relative);
    }

    static boolean numbersEqual(BigDecimal expected, BigDecimal actual, double relative) {
        BigDecimal difference = expected.subtract(actual).abs();
        if (difference.signum() == 0) {
            return true;
        }
        BigDecimal magnitude = expected.abs().max(actual.abs());
        BigDecimal tolerance = magnitude.multiply(BigDecimal.valueOf(relative));
        if (expected.scale() > 0) {
            tolerance = tolerance.max(BigDecimal.valueOf(5, expected.scale() + 1));
        }
        return difference.compareTo(tolerance) <= 0;
    }

    /** The text as JSON (docs-lenient: single quotes, trailing commas, NaN), or null when it is not JSON. */
    static JsonNode parseJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * White space a Markdown table cannot show: a no-break space (U+00A0) in the value is drawn as a space, and a
     * value with line breaks is drawn on one line with its white space collapsed (unless the docs spelled the breaks
     * as {@code <br>}). So a value with U+00A0 matches the cell with spaces, and a multi-line value matches a cell
     * without line breaks when both are equal with every white-space run collapsed to one space.
     */
    static boolean renderedWhitespaceEqual(String expected, String actual) {
        String e = expected.strip();
        String a = actual.replace('\u00a0', ' ').strip();
        if (e.equals(a)) {
            return true;
        }
        if ((a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) && e.indexOf('\n') < 0) {
            return collapseSpace(e).equals(collapseSpace(a));
        }
        return false;
    }

    private static String collapseSpace(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * A cell the docs cut short with {@code ...} matches a value that starts with the text before the first
     * ellipsis and ends with the text after the last one, white space ignored (docs pretty-print, the engine writes
     * compact JSON): {@code {"type": "Polygon","coordinates": [ ... ]}} matches any polygon.
     */
    static boolean abbreviatedMatches(String expected, String actual) {
        Matcher m = Pattern.compile("\\.{3,}|…").matcher(expected);
        if (actual == null || !m.find()) {
            return false;
        }
        String prefix = noSpace(expected.substring(0, m.start()));
        int lastEnd = m.end();
        while (m.find()) {
            lastEnd = m.end();
        }
        String suffix = noSpace(expected.substring(lastEnd));
        String value = noSpace(actual);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }

    private static String noSpace(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static final java.util.regex.Pattern GROUPED = java.util.regex.Pattern.compile("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");

    /** A number written with thousands separators ({@code 1,048,576}) without them; anything else as it is. */
    static String withoutThousandsSeparators(String cell) {
        return GROUPED.matcher(cell).matches() ? cell.replace(",", "") : cell;
    }
}
