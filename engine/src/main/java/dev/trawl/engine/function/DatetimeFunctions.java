package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Datetime and timespan functions: now/ago, the start-of and end-of family, calendar arithmetic
 * (datetime_add, datetime_diff, datetime_part and the get* parts), construction (make_datetime,
 * make_timespan, unixtime_*_todatetime), formatting and time-zone conversion. Datetimes are 100 ns ticks
 * since 0001-01-01 (DESIGN §3); a result outside 0001-01-01 .. 9999-12-31 23:59:59.9999999 is null, as
 * Kusto's datetime has no value there.
 */
final class DatetimeFunctions {
    static final long TICKS_PER_SECOND = LiteralValues.TICKS_PER_SECOND;
    static final long TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND;
    static final long TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE;
    static final long TICKS_PER_DAY = LiteralValues.TICKS_PER_DAY;
    static final long TICKS_PER_WEEK = 7 * TICKS_PER_DAY;
    /** The ticks of 9999-12-31 23:59:59.9999999, .NET's DateTime.MaxValue. */
    static final long MAX_DATETIME_TICKS = 3_155_378_975_999_999_999L;
    /** The ticks of 1970-01-01, the Unix epoch. */
    static final long UNIX_EPOCH_TICKS = LiteralValues.EPOCH_OFFSET_SECONDS * TICKS_PER_SECOND;

    private static final ScalarType[] INTEGERS = {ScalarType.INT, ScalarType.LONG};
    private static final ScalarType[] NUMBERS = {ScalarType.INT, ScalarType.LONG, ScalarType.REAL, ScalarType.DECIMAL};
    private static final String[] DAY_NAMES =
            {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private DatetimeFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("now", 0, 1, types -> types.isEmpty() || types.get(0) == ScalarType.TIMESPAN
                ? ScalarType.DATETIME : null, KERNEL_HANDLES_NULLS,
                (a, call) -> call.context().nowTicks() + (a.length == 0 || a[0] == null ? 0 : (Long) a[0]),
                "the query's current time, the same for every use in one query; now(-1d) is a day ago")
                .nondeterministic());
        registry.add(ScalarFunction.of("ago", 1, 1, Types.fixed(ScalarType.DATETIME, ScalarType.TIMESPAN),
                (a, call) -> a[0] instanceof Long span ? call.context().nowTicks() - span : null,
                "ago(1h) is now() - 1h").nondeterministic());
        startAndEnd(registry);
        parts(registry);
        arithmetic(registry);
        construction(registry);
        formatting(registry);
        zones(registry);
    }

    // ---------------------------------------------------------------------------------------------
    // startof* / endof*

    private interface Start {
        /** The start of the period {@code offset} periods from the one holding {@code ticks}, or null. */
        Long of(long ticks, long offset);
    }

    private static void startAndEnd(FunctionRegistry.Builder registry) {
        period(registry, "day", DatetimeFunctions::startOfDay, "2017-01-01 10:10:17 gives 2017-01-01");
        period(registry, "week", DatetimeFunctions::startOfWeek,
                "weeks start on Sunday: 2017-01-01 (a Sunday) gives 2017-01-01, 2017-01-07 gives 2017-01-01");
        period(registry, "month", DatetimeFunctions::startOfMonth, "2017-01-15 gives 2017-01-01");
        period(registry, "year", DatetimeFunctions::startOfYear, "2017-06-15 gives 2017-01-01");
    }

    /** startof{name} and endof{name}, each with an optional whole number of periods to move by. */
    private static void period(FunctionRegistry.Builder registry, String name, Start start, String example) {
        ScalarFunction.TypeRule types = arguments -> {
            if (!isTimeOrDynamic(arguments.get(0), ScalarType.DATETIME)) {
                return null;
            }
            return arguments.size() < 2 || isIntegerOrDynamic(arguments.get(1)) ? ScalarType.DATETIME : null;
        };
        registry.add(ScalarFunction.of("startof" + name, 1, 2, types, (a, call) -> {
            Long ticks = datetime(a[0]);
            Long offset = a.length > 1 ? integer(a[1]) : Long.valueOf(0);
            return ticks == null || offset == null ? null : start.of(ticks, offset);
        }, "startof" + name + "(date [, offset]): the start of the " + name + "; " + example));
        // The end is one tick before the next period's start: ...23:59:59.9999999 (semantics §5.4).
        registry.add(ScalarFunction.of("endof" + name, 1, 2, types, (a, call) -> {
            Long ticks = datetime(a[0]);
            Long offset = a.length > 1 ? integer(a[1]) : Long.valueOf(0);
            if (ticks == null || offset == null || offset == Long.MAX_VALUE) {
                return null;
            }
            Long next = start.of(ticks, offset + 1);
            if (next == null) {
                // The period is the last one a datetime can hold (9999-12-31): it ends at the maximum.
                Long current = start.of(ticks, offset);
                return current == null ? null : MAX_DATETIME_TICKS;
            }
            return inRange(next - 1);
        }, "endof" + name + "(date [, offset]): the last tick of the " + name));
    }

    static Long startOfDay(long ticks, long offset) {
        return shifted(Math.floorDiv(ticks, TICKS_PER_DAY) * TICKS_PER_DAY, offset, TICKS_PER_DAY);
    }

    /** Kusto's weeks start on Sunday; 0001-01-01 was a Monday, so day number d is weekday (d + 1) mod 7. */
    static Long startOfWeek(long ticks, long offset) {
        long day = Math.floorDiv(ticks, TICKS_PER_DAY);
        long sunday = day - Math.floorMod(day + 1, 7);
        return shifted(sunday * TICKS_PER_DAY, offset, TICKS_PER_WEEK);
    }

    static Long startOfMonth(long ticks, long offset) {
        try {
            LocalDate first = localDateTime(ticks).toLocalDate().withDayOfMonth(1).plusMonths(offset);
            return datetimeTicks(first.atStartOfDay());
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }

    static Long startOfYear(long ticks, long offset) {
        try {
            LocalDate first = localDateTime(ticks).toLocalDate().withDayOfYear(1).plusYears(offset);
            return datetimeTicks(first.atStartOfDay());
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }

    private static Long shifted(long start, long offset, long unit) {
        try {
            return inRange(Math.addExact(start, Math.multiplyExact(offset, unit)));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Parts of a datetime

    private static void parts(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule intOfDatetime = Types.fixed(ScalarType.INT, ScalarType.DATETIME);
        part(registry, "getyear", intOfDatetime, t -> localDateTime(t).getYear(), "getyear(datetime(2015-10-12)) is 2015");
        part(registry, "getmonth", intOfDatetime, t -> localDateTime(t).getMonthValue(), "getmonth(datetime(2015-10-12)) is 10");
        part(registry, "monthofyear", intOfDatetime, t -> localDateTime(t).getMonthValue(),
                "monthofyear(datetime(2015-12-14)) is 12");
        part(registry, "dayofmonth", intOfDatetime, t -> localDateTime(t).getDayOfMonth(),
                "dayofmonth(datetime(2015-12-14)) is 14");
        part(registry, "dayofyear", intOfDatetime, t -> localDateTime(t).getDayOfYear(),
                "dayofyear(datetime(2015-12-14)) is 348");
        part(registry, "hourofday", intOfDatetime, t -> localDateTime(t).getHour(), "hourofday(datetime(2015-12-14 18:54)) is 18");
        part(registry, "week_of_year", intOfDatetime, DatetimeFunctions::isoWeek,
                "ISO 8601 week number (weeks start on Monday, week 1 holds the year's first Thursday): "
                        + "week_of_year(datetime(2020-12-31)) is 53");
        // weekofyear() is the deprecated spelling; the docs now list it as an alias of week_of_year().
        registry.alias("weekofyear", "week_of_year");
        registry.add(ScalarFunction.of("dayofweek", 1, 1, Types.fixed(ScalarType.TIMESPAN, ScalarType.DATETIME),
                (a, call) -> {
                    Long ticks = datetime(a[0]);
                    return ticks == null ? null : (Object) (Math.floorMod(Math.floorDiv(ticks, TICKS_PER_DAY) + 1, 7)
                            * TICKS_PER_DAY);
                }, "days since the preceding Sunday, as a timespan: dayofweek(datetime(1970-05-11)) is 1.00:00:00"));
        ScalarFunction.TypeRule partType = types -> isStringOrDynamic(types.get(0))
                && isTimeOrDynamic(types.get(1), ScalarType.DATETIME) ? ScalarType.INT : null;
        registry.add(ScalarFunction.of("datetime_part", 2, 2, partType, (a, call) -> {
            Long ticks = datetime(a[1]);
            Long part = ticks == null || !(a[0] instanceof String name) ? null : datetimePart(name, ticks);
            return part == null ? null : (Object) part.intValue();
        }, "datetime_part('week_of_year', datetime(2017-10-30)) is 44; parts: year, quarter, month, week_of_year, day,"
                + " dayofyear, hour, minute, second, millisecond, microsecond, nanosecond"));
        registry.alias("datepart", "datetime_part");
    }

    private interface Part {
        int of(long ticks);
    }

    private static void part(FunctionRegistry.Builder registry, String name, ScalarFunction.TypeRule types, Part part,
                             String description) {
        registry.add(ScalarFunction.of(name, 1, 1, types, (a, call) -> {
            Long ticks = datetime(a[0]);
            return ticks == null ? null : (Object) part.of(ticks);
        }, description));
    }

    static int isoWeek(long ticks) {
        return localDateTime(ticks).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /** A part of a datetime by its (case-insensitive) name, or null for an unknown part. */
    static Long datetimePart(String name, long ticks) {
        LocalDateTime time = localDateTime(ticks);
        long fraction = Math.floorMod(ticks, TICKS_PER_SECOND);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "year" -> (long) time.getYear();
            case "quarter" -> (long) (time.getMonthValue() + 2) / 3;
            case "month" -> (long) time.getMonthValue();
            case "week_of_year", "weekofyear" -> (long) isoWeek(ticks);
            case "day" -> (long) time.getDayOfMonth();
            case "dayofyear" -> (long) time.getDayOfYear();
            case "hour" -> (long) time.getHour();
            case "minute" -> (long) time.getMinute();
            case "second" -> (long) time.getSecond();
            case "millisecond" -> fraction / 10_000;
            case "microsecond" -> fraction / 10;
            case "nanosecond" -> fraction * 100;
            default -> null;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Calendar arithmetic

    /** The periods of datetime_add and datetime_diff (docs: "case insensitive"). */
    enum Period {
        YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND;

        static Period of(String name) {
            for (Period period : values()) {
                if (period.name().equalsIgnoreCase(name)) {
                    return period;
                }
            }
            return null;
        }

        /** The ticks in one period of fixed length (day and shorter; nanosecond is a hundredth of a tick). */
        long ticks() {
            return switch (this) {
                case WEEK -> TICKS_PER_WEEK;
                case DAY -> TICKS_PER_DAY;
                case HOUR -> TICKS_PER_HOUR;
                case MINUTE -> TICKS_PER_MINUTE;
                case SECOND -> TICKS_PER_SECOND;
                case MILLISECOND -> 10_000;
                case MICROSECOND -> 10;
                default -> throw new IllegalStateException("calendar period " + this + " has no fixed length");
            };
        }
    }

    private static void arithmetic(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("datetime_add", 3, 3, types -> isStringOrDynamic(types.get(0))
                && isNumberOrDynamic(types.get(1)) && isTimeOrDynamic(types.get(2), ScalarType.DATETIME)
                ? ScalarType.DATETIME : null, (a, call) -> {
                    Period period = a[0] instanceof String name ? Period.of(name) : null;
                    Long amount = integer(a[1]);
                    Long ticks = datetime(a[2]);
                    return period == null || amount == null || ticks == null ? null : add(period, amount, ticks);
                }, "datetime_add('month', 1, datetime(2017-01-31)) is 2017-02-28: months and years keep the day,"
                        + " clamped to the month's last day"));
        registry.add(ScalarFunction.of("datetime_diff", 3, 3, types -> isStringOrDynamic(types.get(0))
                && isTimeOrDynamic(types.get(1), ScalarType.DATETIME) && isTimeOrDynamic(types.get(2), ScalarType.DATETIME)
                ? ScalarType.LONG : null, (a, call) -> {
                    Period period = a[0] instanceof String name ? Period.of(name) : null;
                    Long left = datetime(a[1]);
                    Long right = datetime(a[2]);
                    return period == null || left == null || right == null ? null : diff(period, left, right);
                }, "datetime_diff('year', datetime(2017-01-01), datetime(2000-12-31)) is 17: calendar boundaries"
                        + " crossed, not whole periods elapsed"));
    }

    static Long add(Period period, long amount, long ticks) {
        try {
            return switch (period) {
                case YEAR -> datetimeTicks(localDateTime(ticks).plusYears(amount));
                case QUARTER -> datetimeTicks(localDateTime(ticks).plusMonths(Math.multiplyExact(amount, 3)));
                case MONTH -> datetimeTicks(localDateTime(ticks).plusMonths(amount));
                // A nanosecond is a hundredth of a tick: the engine's resolution drops the rest.
                case NANOSECOND -> inRange(Math.addExact(ticks, amount / 100));
                default -> inRange(Math.addExact(ticks, Math.multiplyExact(amount, period.ticks())));
            };
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }

    /**
     * Kusto counts the period boundaries between the two datetimes, not whole elapsed periods: each side is
     * truncated to its period (its year, quarter, month, Sunday-based week, day, ...) and the difference of
     * those is taken. So 2017-01-01 minus 2000-12-31 is 17 years, and 23:05:01 minus 23:00:59 is 5 minutes.
     */
    static Long diff(Period period, long left, long right) {
        return switch (period) {
            case YEAR -> (long) (localDateTime(left).getYear() - localDateTime(right).getYear());
            case QUARTER -> quarterNumber(left) - quarterNumber(right);
            case MONTH -> monthNumber(left) - monthNumber(right);
            case WEEK -> Math.floorDiv(startOfWeek(left, 0), TICKS_PER_WEEK) - Math.floorDiv(startOfWeek(right, 0),
                    TICKS_PER_WEEK);
            case NANOSECOND -> (left - right) * 100;
            default -> Math.floorDiv(left, period.ticks()) - Math.floorDiv(right, period.ticks());
        };
    }

    private static long monthNumber(long ticks) {
        LocalDateTime time = localDateTime(ticks);
        return time.getYear() * 12L + time.getMonthValue() - 1;
    }

    private static long quarterNumber(long ticks) {
        LocalDateTime time = localDateTime(ticks);
        return time.getYear() * 4L + (time.getMonthValue() - 1) / 3;
    }

    // ---------------------------------------------------------------------------------------------
    // Construction

    private static void construction(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("make_datetime", 3, 6, types -> {
            if (types.size() == 4) {
                return null;
            }
            for (ScalarType type : types) {
                if (!isNumberOrDynamic(type)) {
                    return null;
                }
            }
            return ScalarType.DATETIME;
        }, (a, call) -> makeDatetime(a), "make_datetime(2017, 10, 1, 12, 11, 0.1234567) is 2017-10-01 12:11:00.1234567;"
                + " invalid parts give null"));
        registry.add(ScalarFunction.of("make_timespan", 2, 4, types -> {
            for (ScalarType type : types) {
                if (!isNumberOrDynamic(type)) {
                    return null;
                }
            }
            return ScalarType.TIMESPAN;
        }, (a, call) -> makeTimespan(a), "make_timespan([day,] hour, minute[, second]):"
                + " make_timespan(1, 12, 30, 55.123) is 1.12:30:55.1230000"));
        unixtime(registry, "seconds", TICKS_PER_SECOND, 1);
        unixtime(registry, "milliseconds", 10_000, 1);
        unixtime(registry, "microseconds", 10, 1);
        unixtime(registry, "nanoseconds", 1, 100);
    }

    /**
     * Components are validated as .NET's DateTime constructor does (month 1-12, day within the month, hour
     * 0-23, minute 0-59, second 0 to below 60); the fractional second is kept to the tick, rounding the
     * decimal value half to even where it has more than 7 digits.
     */
    private static Long makeDatetime(Object[] a) {
        Long year = integer(a[0]);
        Long month = integer(a[1]);
        Long day = integer(a[2]);
        Long hour = a.length > 3 ? integer(a[3]) : Long.valueOf(0);
        Long minute = a.length > 4 ? integer(a[4]) : Long.valueOf(0);
        BigDecimal second = a.length > 5 ? decimal(a[5]) : BigDecimal.ZERO;
        if (year == null || month == null || day == null || hour == null || minute == null || second == null) {
            return null;
        }
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second.signum() < 0 || second.compareTo(BigDecimal.valueOf(60)) >= 0) {
            return null;
        }
        try {
            LocalDateTime time = LocalDate.of(year.intValue(), month.intValue(), day.intValue())
                    .atTime(hour.intValue(), minute.intValue());
            long fraction = second.multiply(BigDecimal.valueOf(TICKS_PER_SECOND)).setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            Long start = datetimeTicks(time);
            return start == null ? null : inRange(start + fraction);
        } catch (DateTimeException | ArithmeticException invalid) {
            return null;
        }
    }

    /**
     * The documented ranges (hour 0-23, minute 0-59, second below 60) are not enforced: like .NET's TimeSpan
     * constructor the parts simply add up, so make_timespan(25, 0) is 1.01:00:00. Only overflow gives null.
     */
    private static Long makeTimespan(Object[] a) {
        Long days = a.length == 4 ? integer(a[0]) : Long.valueOf(0);
        int first = a.length == 4 ? 1 : 0;
        Long hours = integer(a[first]);
        Long minutes = integer(a[first + 1]);
        BigDecimal seconds = a.length > first + 2 ? decimal(a[first + 2]) : BigDecimal.ZERO;
        if (days == null || hours == null || minutes == null || seconds == null) {
            return null;
        }
        try {
            BigDecimal ticks = BigDecimal.valueOf(days).multiply(BigDecimal.valueOf(TICKS_PER_DAY))
                    .add(BigDecimal.valueOf(hours).multiply(BigDecimal.valueOf(TICKS_PER_HOUR)))
                    .add(BigDecimal.valueOf(minutes).multiply(BigDecimal.valueOf(TICKS_PER_MINUTE)))
                    .add(seconds.multiply(BigDecimal.valueOf(TICKS_PER_SECOND)));
            return ticks.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /**
     * unixtime_{unit}_todatetime: {@code ticksPerUnit / unitsPerTick} ticks per unit since 1970-01-01. Real
     * inputs are exact to the tick (the decimal value is floored, so a sub-tick remainder never rounds up).
     */
    private static void unixtime(FunctionRegistry.Builder registry, String unit, long ticksPerUnit, long unitsPerTick) {
        registry.add(ScalarFunction.of("unixtime_" + unit + "_todatetime", 1, 1,
                Types.fixed(ScalarType.DATETIME, NUMBERS), (a, call) -> {
                    Object value = a[0];
                    try {
                        long ticks;
                        if (value instanceof Long || value instanceof Integer) {
                            long units = ((Number) value).longValue();
                            ticks = unitsPerTick == 1 ? Math.multiplyExact(units, ticksPerUnit)
                                    : Math.floorDiv(units, unitsPerTick);
                        } else {
                            BigDecimal units = decimal(value);
                            if (units == null) {
                                return null;
                            }
                            ticks = units.multiply(BigDecimal.valueOf(ticksPerUnit))
                                    .divide(BigDecimal.valueOf(unitsPerTick), 0, RoundingMode.FLOOR).longValueExact();
                        }
                        return inRange(Math.addExact(UNIX_EPOCH_TICKS, ticks));
                    } catch (ArithmeticException outOfRange) {
                        return null;
                    }
                }, "unixtime_" + unit + "_todatetime(n): n " + unit + " after 1970-01-01 as a datetime"));
    }

    // ---------------------------------------------------------------------------------------------
    // format_datetime / format_timespan

    private static void formatting(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("format_datetime", 2, 2, types -> isTimeOrDynamic(types.get(0), ScalarType.DATETIME)
                && isStringOrDynamic(types.get(1)) ? ScalarType.STRING : null, KERNEL_HANDLES_NULLS, (a, call) -> {
                    Long ticks = datetime(a[0]);
                    return ticks == null || !(a[1] instanceof String format) ? "" : formatDatetime(ticks, format);
                }, "format_datetime(datetime(2017-01-29 09:00:05), 'yy-MM-dd [hh:mm:ss tt]') is '17-01-29 [09:00:05 AM]'"));
        registry.add(ScalarFunction.of("format_timespan", 2, 2, types -> isTimeOrDynamic(types.get(0), ScalarType.TIMESPAN)
                && isStringOrDynamic(types.get(1)) ? ScalarType.STRING : null, KERNEL_HANDLES_NULLS, (a, call) -> {
                    Long ticks = a[0] instanceof Long l ? l : null;
                    return ticks == null || !(a[1] instanceof String format) ? "" : formatTimespan(ticks, format);
                }, "format_timespan(time(29.09:00:05.12345), 'dd.hh:mm:ss:FF') is '29.09:00:05:12'"));
    }

    /**
     * .NET's custom date and time format, invariant culture, for a UTC value (Kusto's documented specifiers
     * d, dd, f..fffffff, F..FFFFFFF, h, hh, H, HH, m, mm, M, MM, s, ss, y, yy, yyyy, tt, plus .NET's ddd,
     * dddd, MMM, MMMM, t, yyy, yyyyy, K, z.., g). Quoted text and backslash escapes are literal; any other
     * character (the documented delimiters and more) is copied as it is.
     */
    static String formatDatetime(long ticks, String format) {
        LocalDateTime time = localDateTime(ticks);
        long fraction = Math.floorMod(ticks, TICKS_PER_SECOND);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int run = run(format, i);
            switch (c) {
                case 'd' -> {
                    if (run <= 2) {
                        pad(out, time.getDayOfMonth(), run);
                    } else {
                        String name = DAY_NAMES[time.getDayOfWeek().getValue() % 7];
                        out.append(run == 3 ? name.substring(0, 3) : name);
                    }
                }
                case 'f', 'F' -> fraction(out, fraction, Math.min(run, 7), c == 'F');
                case 'g' -> out.append("A.D.");
                case 'h' -> pad(out, (time.getHour() + 11) % 12 + 1, Math.min(run, 2));
                case 'H' -> pad(out, time.getHour(), Math.min(run, 2));
                case 'K' -> out.append('Z');
                case 'm' -> pad(out, time.getMinute(), Math.min(run, 2));
                case 'M' -> {
                    if (run <= 2) {
                        pad(out, time.getMonthValue(), run);
                    } else {
                        String name = MONTH_NAMES[time.getMonthValue() - 1];
                        out.append(run == 3 ? name.substring(0, 3) : name);
                    }
                }
                case 's' -> pad(out, time.getSecond(), Math.min(run, 2));
                case 't' -> out.append(time.getHour() < 12 ? (run == 1 ? "A" : "AM") : (run == 1 ? "P" : "PM"));
                case 'y' -> {
                    int year = time.getYear();
                    pad(out, run <= 2 ? year % 100 : year, run);
                }
                case 'z' -> out.append(run == 1 ? "+0" : run == 2 ? "+00" : "+00:00");
                default -> {
                    i = literal(format, i, out);
                    continue;
                }
            }
            i += run;
        }
        return out.toString();
    }

    /**
     * .NET's custom timespan format as Kusto documents it: d..dddddddd whole days (zero-padded to the count),
     * h/H and hh/HH hours of the day, m/mm, s/ss, f../F.. fractions, other characters literal. A negative
     * value is written with a leading '-' (the specifiers show magnitudes).
     */
    static String formatTimespan(long ticks, String format) {
        StringBuilder out = new StringBuilder();
        long magnitude = ticks < 0 ? -ticks : ticks;
        if (ticks < 0) {
            out.append('-');
        }
        long fraction = magnitude % TICKS_PER_SECOND;
        long seconds = magnitude / TICKS_PER_SECOND;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int run = run(format, i);
            switch (c) {
                case 'd' -> pad(out, seconds / 86_400, Math.min(run, 8));
                case 'h', 'H' -> pad(out, seconds / 3600 % 24, Math.min(run, 2));
                case 'm' -> pad(out, seconds / 60 % 60, Math.min(run, 2));
                case 's' -> pad(out, seconds % 60, Math.min(run, 2));
                case 'f', 'F' -> fraction(out, fraction, Math.min(run, 7), c == 'F');
                default -> {
                    i = literal(format, i, out);
                    continue;
                }
            }
            i += run;
        }
        return out.toString();
    }

    private static int run(String format, int at) {
        int end = at + 1;
        while (end < format.length() && format.charAt(end) == format.charAt(at)) {
            end++;
        }
        return end - at;
    }

    private static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        out.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    /** The first {@code digits} digits of the 7-digit fraction; F drops trailing zeros, and a '.' before nothing. */
    private static void fraction(StringBuilder out, long ticks, int digits, boolean trim) {
        String text = String.format("%07d", ticks).substring(0, digits);
        if (trim) {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '0') {
                end--;
            }
            text = text.substring(0, end);
            if (text.isEmpty() && !out.isEmpty() && out.charAt(out.length() - 1) == '.') {
                out.setLength(out.length() - 1);
            }
        }
        out.append(text);
    }

    /** Copies a literal at {@code at} (a quoted string, a backslash escape, a '%' or one character); the next index. */
    private static int literal(String format, int at, StringBuilder out) {
        char c = format.charAt(at);
        if (c == '\'' || c == '"') {
            int end = format.indexOf(c, at + 1);
            if (end < 0) {
                end = format.length();
            }
            out.append(format, at + 1, end);
            return Math.min(end + 1, format.length());
        }
        if (c == '\\' && at + 1 < format.length()) {
            out.append(format.charAt(at + 1));
            return at + 2;
        }
        if (c != '%') {
            out.append(c);
        }
        return at + 1;
    }

    // ---------------------------------------------------------------------------------------------
    // Time zones

    private static void zones(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule types = arguments -> isTimeOrDynamic(arguments.get(0), ScalarType.DATETIME)
                && isStringOrDynamic(arguments.get(1)) ? ScalarType.DATETIME : null;
        registry.add(ScalarFunction.of("datetime_utc_to_local", 2, 2, types, (a, call) -> {
            Long ticks = datetime(a[0]);
            ZoneId zone = a[1] instanceof String name ? zone(name) : null;
            if (ticks == null || zone == null) {
                return null;
            }
            LocalDateTime utc = localDateTime(ticks);
            int offset = zone.getRules().getOffset(utc.toInstant(ZoneOffset.UTC)).getTotalSeconds();
            return inRange(ticks + offset * TICKS_PER_SECOND);
        }, "datetime_utc_to_local(dt, 'Europe/Paris'): the wall-clock time in an IANA time zone"));
        registry.add(ScalarFunction.of("datetime_local_to_utc", 2, 2, types, (a, call) -> {
            Long ticks = datetime(a[0]);
            ZoneId zone = a[1] instanceof String name ? zone(name) : null;
            return ticks == null || zone == null ? null : inRange(ticks - localOffsetSeconds(zone, localDateTime(ticks))
                    * TICKS_PER_SECOND);
        }, "datetime_local_to_utc(dt, 'US/Pacific'): the UTC time of a wall-clock time in an IANA time zone"));
    }

    /**
     * The offset of a wall-clock time. At a transition the offset after it applies: a time in the spring gap
     * (2022-03-27 02:00 in Europe/Brussels) maps as summer time, which is what Kusto's documented example
     * shows (02:00 local is 00:00 UTC); for the autumn overlap the same rule picks standard time.
     */
    static int localOffsetSeconds(ZoneId zone, LocalDateTime local) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition != null) {
            return transition.getOffsetAfter().getTotalSeconds();
        }
        return rules.getValidOffsets(local).get(0).getTotalSeconds();
    }

    /** An IANA zone by name (case-insensitive, as Kusto's list is), or null. */
    static ZoneId zone(String name) {
        String key = name.trim();
        ZoneId cached = ZONES.get(key);
        if (cached != null) {
            return cached;
        }
        ZoneId zone = null;
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(key)) {
                zone = ZoneId.of(id);
                break;
            }
        }
        if (zone == null && (key.equalsIgnoreCase("UTC") || key.equalsIgnoreCase("GMT"))) {
            zone = ZoneOffset.UTC;
        }
        if (zone != null && ZONES.size() < 1000) {
            ZONES.put(key, zone);
        }
        return zone;
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers (also used by ConversionFunctions and MathFunctions)

    static LocalDateTime localDateTime(long ticks) {
        long seconds = Math.floorDiv(ticks, TICKS_PER_SECOND) - LiteralValues.EPOCH_OFFSET_SECONDS;
        int nanos = (int) Math.floorMod(ticks, TICKS_PER_SECOND) * 100;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    /** The ticks of a UTC wall-clock time, or null outside the datetime range. */
    static Long datetimeTicks(LocalDateTime time) {
        long seconds = time.toEpochSecond(ZoneOffset.UTC) + LiteralValues.EPOCH_OFFSET_SECONDS;
        try {
            return inRange(Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), time.getNano() / 100));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    static Long inRange(long ticks) {
        return ticks >= 0 && ticks <= MAX_DATETIME_TICKS ? ticks : null;
    }

    /** A datetime argument's ticks; a dynamic string holding a datetime is read as one. */
    static Long datetime(Object value) {
        return switch (value) {
            case Long ticks -> ticks;
            case String text -> LiteralValues.datetimeTicks(text);
            case null, default -> null;
        };
    }

    /** A whole number from an int, long, real (truncated) or decimal argument. */
    static Long integer(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Double d -> Double.isFinite(d) ? (Long) (long) (double) d : null;
            case BigDecimal d -> d.longValue();
            case null, default -> null;
        };
    }

    /** The exact decimal value of a number argument (a real by its shortest text, so 0.1234567 is exact). */
    static BigDecimal decimal(Object value) {
        return switch (value) {
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Double d -> Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
            case BigDecimal d -> d;
            case null, default -> null;
        };
    }

    static boolean isTimeOrDynamic(ScalarType type, ScalarType time) {
        return type == time || type == ScalarType.DYNAMIC;
    }

    static boolean isStringOrDynamic(ScalarType type) {
        return type == ScalarType.STRING || type == ScalarType.DYNAMIC;
    }

    static boolean isNumberOrDynamic(ScalarType type) {
        return type.isNumeric() || type == ScalarType.DYNAMIC;
    }

    static boolean isIntegerOrDynamic(ScalarType type) {
        for (ScalarType integer : INTEGERS) {
            if (type == integer) {
                return true;
            }
        }
        return type == ScalarType.DYNAMIC;
    }
}
