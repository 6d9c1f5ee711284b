package dev.trawl.kql.syntax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of KQL's typed literals. Datetimes and timespans are 100 ns ticks; datetime ticks count from
 * 0001-01-01T00:00:00Z, as Kusto's do, so that {@code bin()} aligns the same way.
 */
public final class LiteralValues {
    public static final long TICKS_PER_SECOND = 10_000_000L;
    public static final long TICKS_PER_DAY = 86_400L * TICKS_PER_SECOND;
    /** Seconds from 0001-01-01 to 1970-01-01. */
    public static final long EPOCH_OFFSET_SECONDS = 62_135_596_800L;

    private static final Map<String, Long> UNIT_TICKS = Map.ofEntries(
            Map.entry("d", TICKS_PER_DAY), Map.entry("day", TICKS_PER_DAY), Map.entry("days", TICKS_PER_DAY),
            Map.entry("h", 3600 * TICKS_PER_SECOND), Map.entry("hr", 3600 * TICKS_PER_SECOND),
            Map.entry("hrs", 3600 * TICKS_PER_SECOND), Map.entry("hour", 3600 * TICKS_PER_SECOND),
            Map.entry("hours", 3600 * TICKS_PER_SECOND),
            Map.entry("m", 60 * TICKS_PER_SECOND), Map.entry("min", 60 * TICKS_PER_SECOND),
            Map.entry("minute", 60 * TICKS_PER_SECOND), Map.entry("minutes", 60 * TICKS_PER_SECOND),
            Map.entry("s", TICKS_PER_SECOND), Map.entry("sec", TICKS_PER_SECOND),
            Map.entry("second", TICKS_PER_SECOND), Map.entry("seconds", TICKS_PER_SECOND),
            Map.entry("ms", 10_000L), Map.entry("milli", 10_000L), Map.entry("millis", 10_000L),
            Map.entry("millisecond", 10_000L), Map.entry("milliseconds", 10_000L),
            Map.entry("microsecond", 10L), Map.entry("microseconds", 10L),
            Map.entry("tick", 1L), Map.entry("ticks", 1L));

    private static final Pattern NUMBER_WITH_UNIT =
            Pattern.compile("([+-]?)\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([A-Za-z]*)");
    /** {@code [-][d.]hh:mm[:ss[.fffffff]]}. */
    private static final Pattern CLOCK =
            Pattern.compile("([+-]?)(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})(?:-(\\d{1,2}))?"
                    + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7})\\d*)?)?)?"
                    + "\\s*(Z|z|GMT|UTC|[+-]\\d{2}:?\\d{2})?");
    /** RFC 822 / RFC 850: {@code [Sat, ]8 Nov 14 15:05[:02] [GMT]} and {@code [Saturday, ]08-Nov-14 15:05:02 GMT}. */
    private static final Pattern RFC = Pattern.compile(
            "(?:[A-Za-z]+,\\s*)?(\\d{1,2})[ -]([A-Za-z]{3})[ -](\\d{2}|\\d{4})"
                    + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?\\s*(GMT|UTC|Z|[+-]\\d{2}:?\\d{2})?");
    /** {@code 2025, 6, 17[, 13, 45[, 30]]}: the components of a date, as .NET's parser reads them. */
    private static final Pattern COMMAS = Pattern.compile(
            "(\\d{4})\\s*,\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2}))?)?");
    private static final String CLOCK_TIME =
            "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7})\\d*)?)?\\s*([AaPp][Mm])?";
    /** Invariant-culture {@code MM/dd/yyyy [h:mm[:ss] [AM|PM]]} (also with '-'). */
    private static final Pattern US = Pattern.compile(
            "(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4})(?:\\s+" + CLOCK_TIME + ")?\\s*(Z|GMT|UTC)?");
    /** {@code yyyy/MM/dd [time]}. */
    private static final Pattern SLASHED = Pattern.compile(
            "(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:\\s+" + CLOCK_TIME + ")?");
    /** A time of day alone: Kusto gives it today's date. */
    private static final Pattern TIME_ONLY = Pattern.compile(CLOCK_TIME);
    private static final Pattern GUID = Pattern.compile(
            "\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}}?");
    private static final String[] MONTHS =
            {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private LiteralValues() {
    }

    /** Ticks in one {@code unit} of a timespan literal ({@code d}, {@code h}, {@code ms}, ...), or 0 if it is not a unit. */
    public static long timespanUnitTicks(String unit) {
        Long ticks = UNIT_TICKS.get(unit);
        return ticks == null ? 0 : ticks;
    }

    /** The content between the parentheses of {@code datetime(...)}-style literal text, trimmed. */
    public static String parenthesisedContent(String literal) {
        int open = literal.indexOf('(');
        int close = literal.lastIndexOf(')');
        return open < 0 || close < open ? literal : literal.substring(open + 1, close).trim();
    }

    public static boolean isNullContent(String literal) {
        return parenthesisedContent(literal).equals("null");
    }

    /**
     * Ticks of a timespan literal: {@code 1.5h}, {@code 10ms}, {@code time(1.02:03:04.5)},
     * {@code timespan(2d)}, {@code time(15 seconds)}, {@code time(2)} (days). Null if the text is not one.
     */
    public static Long timespanTicks(String literal) {
        String content = literal.indexOf('(') >= 0 ? parenthesisedContent(literal) : literal.trim();
        Matcher clock = CLOCK.matcher(content);
        if (clock.matches()) {
            long days = clock.group(2) == null ? 0 : Long.parseLong(clock.group(2));
            int hours = Integer.parseInt(clock.group(3));
            int minutes = Integer.parseInt(clock.group(4));
            int seconds = clock.group(5) == null ? 0 : Integer.parseInt(clock.group(5));
            if (hours > 23 || minutes > 59 || seconds > 59 || days > 10_675_199) {
                return null;
            }
            String fraction = clock.group(6) == null ? "" : clock.group(6);
            long ticks = ((days * 24 + hours) * 60 + minutes) * 60 * TICKS_PER_SECOND + seconds * TICKS_PER_SECOND
                    + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "0000000").substring(0, 7)));
            return clock.group(1).equals("-") ? -ticks : ticks;
        }
        Matcher number = NUMBER_WITH_UNIT.matcher(content);
        if (!number.matches()) {
            return null;
        }
        String unit = number.group(3);
        long unitTicks = unit.isEmpty() ? TICKS_PER_DAY : timespanUnitTicks(unit.toLowerCase(Locale.ROOT));
        if (unitTicks == 0) {
            return null;
        }
        try {
            BigDecimal ticks = new BigDecimal(number.group(2)).multiply(BigDecimal.valueOf(unitTicks))
                    .setScale(0, RoundingMode.HALF_EVEN);
            long value = ticks.longValueExact();
            return number.group(1).equals("-") ? -value : value;
        } catch (ArithmeticException | NumberFormatException overflow) {
            return null;
        }
    }

    /**
     * Ticks since 0001-01-01 of the content of a {@code datetime(...)} literal, or null if it is not a
     * date. Kusto reads these with .NET's lenient invariant-culture parser, and real rules rely on it, so
     * besides the documented ISO 8601, RFC 822 and RFC 850 spellings this accepts a quoted content,
     * {@code 2025, 6, 17}, {@code 01/16/2022 00:00:00} and {@code 5:00 PM}. A time of day alone is placed on
     * {@code today} (a datetime's ticks at midnight), which the caller supplies.
     */
    public static Long datetimeTicks(String content, long today) {
        String text = content.trim();
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            text = text.substring(1, text.length() - 1).trim();
        }
        Long canonical = canonicalTicks(text);
        if (canonical != null) {
            return canonical;
        }
        try {
            Matcher commas = COMMAS.matcher(text);
            if (commas.matches()) {
                return ticks(Integer.parseInt(commas.group(1)), Integer.parseInt(commas.group(2)),
                        Integer.parseInt(commas.group(3)), commas.group(4), commas.group(5), commas.group(6), null, null);
            }
            Matcher us = US.matcher(text);
            if (us.matches()) {
                return clockTicks(Integer.parseInt(us.group(4)), Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(3)), us, 5);
            }
            Matcher slashed = SLASHED.matcher(text);
            if (slashed.matches()) {
                return clockTicks(Integer.parseInt(slashed.group(1)), Integer.parseInt(slashed.group(2)),
                        Integer.parseInt(slashed.group(3)), slashed, 4);
            }
            Matcher timeOnly = TIME_ONLY.matcher(text);
            if (timeOnly.matches()) {
                Long ticks = clockTicks(1, 1, 1, timeOnly, 1);
                return ticks == null ? null : today + ticks;
            }
            Matcher iso = ISO.matcher(text);
            if (iso.matches()) {
                int day = iso.group(3) == null ? 1 : Integer.parseInt(iso.group(3));
                return ticks(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), day, iso.group(4),
                        iso.group(5), iso.group(6), iso.group(7), iso.group(8));
            }
            Matcher rfc = RFC.matcher(text);
            if (rfc.matches()) {
                int month = month(rfc.group(2));
                if (month == 0) {
                    return null;
                }
                int year = Integer.parseInt(rfc.group(3));
                if (rfc.group(3).length() == 2) {
                    year += year < 50 ? 2000 : 1900;
                }
                return ticks(year, month, Integer.parseInt(rfc.group(1)), rfc.group(4), rfc.group(5), rfc.group(6),
                        rfc.group(7), rfc.group(8));
            }
        } catch (DateTimeException | NumberFormatException invalid) {
            return null;
        }
        return null;
    }

    /**
     * The ticks of a valid {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}, the form results and dynamic values hold
     * datetimes in, read without the regular expressions (mv-expand reads one per array element); null for any
     * other text, which the general rules then read, so both give the same answers.
     */
    private static Long canonicalTicks(String text) {
        if (text.length() != 28 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(27) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = digits(text, 20, 7);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0 || day > daysInMonth(year, month)) {
            return null;
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return (seconds + EPOCH_OFFSET_SECONDS) * TICKS_PER_SECOND + fraction;
    }

    private static int daysInMonth(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days from 1970-01-01 to a proleptic Gregorian date of a positive year (LocalDate.toEpochDay without the
     * object): years counted from March, so the leap day ends a year, in 400-year eras of 146,097 days.
     */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The decimal number of {@code width} digits at {@code at}, or -1 if one of them is not a digit. */
    private static int digits(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Date plus an optional 12/24-hour clock starting at group {@code first} of {@code m}. */
    private static Long clockTicks(int year, int month, int day, Matcher m, int first) {
        if (m.group(first) == null) {
            return ticks(year, month, day, null, null, null, null, null);
        }
        int hour = Integer.parseInt(m.group(first));
        String meridiem = m.group(first + 4);
        if (meridiem != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            boolean pm = Character.toLowerCase(meridiem.charAt(0)) == 'p';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        return ticks(year, month, day, Integer.toString(hour), m.group(first + 1), m.group(first + 2),
                m.group(first + 3), null);
    }

    /** {@link #datetimeTicks(String, long)} with a time of day alone placed on 0001-01-01. */
    public static Long datetimeTicks(String content) {
        return datetimeTicks(content, 0);
    }

    private static Long ticks(int year, int month, int day, String hour, String minute, String second,
                              String fraction, String zone) {
        if (year < 1) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month, day);
        LocalDateTime time = hour == null ? date.atStartOfDay()
                : date.atTime(Integer.parseInt(hour), Integer.parseInt(minute),
                        second == null ? 0 : Integer.parseInt(second));
        long offsetSeconds = 0;
        if (zone != null && (zone.startsWith("+") || zone.startsWith("-"))) {
            String digits = zone.substring(1).replace(":", "");
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = Integer.parseInt(digits.substring(2));
            if (hours > 14 || minutes > 59) {
                return null;
            }
            offsetSeconds = (hours * 3600L + minutes * 60L) * (zone.startsWith("-") ? -1 : 1);
        }
        long seconds = time.toEpochSecond(ZoneOffset.UTC) - offsetSeconds + EPOCH_OFFSET_SECONDS;
        long fractionTicks = fraction == null ? 0 : Long.parseLong((fraction + "0000000").substring(0, 7));
        return seconds * TICKS_PER_SECOND + fractionTicks;
    }

    private static int month(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(lower)) {
                return i + 1;
            }
        }
        return 0;
    }

    public static boolean isGuid(String content) {
        String text = content.trim();
        if (!GUID.matcher(text).matches()) {
            return false;
        }
        boolean braces = text.startsWith("{");
        if (braces != text.endsWith("}")) {
            return false;
        }
        String inner = braces ? text.substring(1, text.length() - 1) : text;
        return inner.length() == 32 || inner.length() == 36;
    }
}
