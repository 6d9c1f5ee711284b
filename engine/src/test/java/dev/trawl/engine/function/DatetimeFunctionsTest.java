package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The datetime and timespan functions end to end, on the documented examples
 * (shared/kql/conformance/cases.jsonl) and the edges the docs state: calendar arithmetic, the start/end
 * family with offsets, parts, construction, formatting and time zones.
 */
class DatetimeFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    /** The type and text of {@code print r = expression}, as {@code type text}. */
    private String value(String expression) {
        return new QueryRows(engine).value(expression);
    }

    // ---------------------------------------------------------------------------------------------
    // now, ago

    @Test
    void nowIsTheQuerysFixedTimeAndAgoCountsBackFromIt() {
        assertEquals("bool true", value("now() == now()"));
        assertEquals("datetime 2024-01-30T12:00:00.0000000Z", value("ago(1d)"));
        assertEquals("datetime 2024-01-31T11:00:00.0000000Z", value("now(-1h)"));
        assertEquals("datetime <null>", value("ago(timespan(null))"));
    }

    // ---------------------------------------------------------------------------------------------
    // startof*, endof*

    @Test
    void startOfFunctionsTakeAnOffsetInTheirPeriod() {
        String query = "range offset from -1 to 1 step 1 | project d = startofday(datetime(2017-01-01 10:10:17), offset),"
                + " w = startofweek(datetime(2017-01-01 10:10:17), offset), m = startofmonth(datetime(2017-01-01 10:10:17),"
                + " offset), y = startofyear(datetime(2017-01-01 10:10:17), offset)";
        assertEquals(List.of("d:datetime|w:datetime|m:datetime|y:datetime",
                "2016-12-31T00:00:00.0000000Z|2016-12-25T00:00:00.0000000Z|2016-12-01T00:00:00.0000000Z|2016-01-01T00:00:00.0000000Z",
                "2017-01-01T00:00:00.0000000Z|2017-01-01T00:00:00.0000000Z|2017-01-01T00:00:00.0000000Z|2017-01-01T00:00:00.0000000Z",
                "2017-01-02T00:00:00.0000000Z|2017-01-08T00:00:00.0000000Z|2017-02-01T00:00:00.0000000Z|2018-01-01T00:00:00.0000000Z"),
                rows(query));
    }

    @Test
    void endOfFunctionsAreTheLastTickOfThePeriod() {
        String query = "range offset from -1 to 1 step 1 | project d = endofday(datetime(2017-01-01 10:10:17), offset),"
                + " w = endofweek(datetime(2017-01-01 10:10:17), offset), m = endofmonth(datetime(2017-01-01 10:10:17),"
                + " offset), y = endofyear(datetime(2017-01-01 10:10:17), offset)";
        assertEquals(List.of("d:datetime|w:datetime|m:datetime|y:datetime",
                "2016-12-31T23:59:59.9999999Z|2016-12-31T23:59:59.9999999Z|2016-12-31T23:59:59.9999999Z|2016-12-31T23:59:59.9999999Z",
                "2017-01-01T23:59:59.9999999Z|2017-01-07T23:59:59.9999999Z|2017-01-31T23:59:59.9999999Z|2017-12-31T23:59:59.9999999Z",
                "2017-01-02T23:59:59.9999999Z|2017-01-14T23:59:59.9999999Z|2017-02-28T23:59:59.9999999Z|2018-12-31T23:59:59.9999999Z"),
                rows(query));
    }

    @Test
    void weeksStartOnSundayAndTheRangeEndsAreKept() {
        assertEquals("datetime 2024-01-28T00:00:00.0000000Z", value("startofweek(datetime(2024-01-31 13:00))"));
        assertEquals("datetime 2024-02-29T23:59:59.9999999Z", value("endofmonth(datetime(2024-01-31), 1)"));
        // The last period a datetime can hold ends at 9999-12-31 23:59:59.9999999; before 0001-01-01 is null.
        assertEquals("datetime 9999-12-31T23:59:59.9999999Z", value("endofyear(datetime(9999-06-01))"));
        assertEquals("datetime <null>", value("startofday(datetime(0001-01-01), -1)"));
    }

    // ---------------------------------------------------------------------------------------------
    // Parts

    @Test
    void partsOfADatetime() {
        assertEquals(List.of("y:int|m:int|d:int|doy:int|h:int|moy:int",
                "2015|10|12|365|18|12"), rows("print y = getyear(datetime(2015-10-12)), m = getmonth(datetime(2015-10-12)),"
                + " d = dayofmonth(datetime(2015-10-12)), doy = dayofyear(datetime(2015-12-31)),"
                + " h = hourofday(datetime(2015-12-14 18:54)), moy = monthofyear(datetime(\"2015-12-14\"))"));
    }

    @Test
    void dayOfWeekIsATimespanSinceSunday() {
        assertEquals("timespan 00:00:00", value("dayofweek(datetime(1947-11-30 10:00:05))"));
        assertEquals("timespan 1.00:00:00", value("dayofweek(datetime(1970-05-11))"));
        assertEquals(List.of("Timespan:timespan|Integer:int", "2.00:00:00|2"),
                rows("let dow=dayofweek(datetime(1970-5-12)); print Timespan = dow, Integer = toint(dow/1d)"));
    }

    @Test
    void weekOfYearIsIso8601() {
        assertEquals("int 53", value("week_of_year(datetime(2020-12-31))"));
        assertEquals("int 25", value("week_of_year(datetime(2020-06-15))"));
        assertEquals("int 1", value("week_of_year(datetime(1970-01-01))"));
        assertEquals("int 52", value("week_of_year(datetime(2000-01-01))"));
        assertEquals("int 53", value("week_of_year(datetime(2021-01-03))"), "a Sunday still in 2020's last week");
        assertEquals("int 1", value("weekofyear(datetime(2021-01-04))"));
    }

    @Test
    void datetimePartNamesAnyPartIgnoringCase() {
        assertEquals(List.of("year:int|quarter:int|month:int|weekOfYear:int|day:int|dayOfYear:int|hour:int|minute:int"
                + "|second:int|millisecond:int|microsecond:int|nanosecond:int",
                "2017|4|10|44|30|303|1|2|3|765|765432|765432100"), rows("""
                let dt = datetime(2017-10-30 01:02:03.7654321);
                print year = datetime_part("year", dt), quarter = datetime_part("quarter", dt),
                month = datetime_part("month", dt), weekOfYear = datetime_part("week_of_year", dt),
                day = datetime_part("day", dt), dayOfYear = datetime_part("dayOfYear", dt),
                hour = datetime_part("hour", dt), minute = datetime_part("minute", dt),
                second = datetime_part("second", dt), millisecond = datetime_part("millisecond", dt),
                microsecond = datetime_part("microsecond", dt), nanosecond = datetime_part("nanosecond", dt)"""));
        assertEquals("int 1", value("datetime_part('Quarter', datetime(2017-03-31))"));
        assertEquals("int <null>", value("datetime_part('bogus', datetime(2017-03-31))"));
    }

    // ---------------------------------------------------------------------------------------------
    // datetime_add, datetime_diff

    @Test
    void datetimeAddMovesByCalendarPeriods() {
        assertEquals(List.of("year:datetime|quarter:datetime|month:datetime|week:datetime",
                "2012-01-01T00:00:00.0000000Z|2020-01-01T00:00:00.0000000Z|2015-10-01T00:00:00.0000000Z|2018-12-02T00:00:00.0000000Z"),
                rows("print year = datetime_add('year',-5,make_datetime(2017,1,1)), quarter = datetime_add('quarter',12,"
                        + "make_datetime(2017,1,1)), month = datetime_add('month',-15,make_datetime(2017,1,1)),"
                        + " week = datetime_add('week',100,make_datetime(2017,1,1))"));
        // Month and year arithmetic clamps the day to the month's end, as .NET's AddMonths does.
        assertEquals("datetime 2017-02-28T00:00:00.0000000Z", value("datetime_add('month', 1, datetime(2017-01-31))"));
        assertEquals("datetime 2017-02-28T00:00:00.0000000Z", value("datetime_add('Year', 1, datetime(2016-02-29))"));
        assertEquals("datetime 2017-01-01T00:00:00.0000002Z", value("datetime_add('nanosecond', 250, datetime(2017-01-01))"));
        assertEquals("datetime 2016-12-31T23:59:59.9990000Z", value("datetime_add('millisecond', -1, datetime(2017-01-01))"));
        assertEquals("datetime <null>", value("datetime_add('bogus', 1, datetime(2017-01-01))"));
        assertEquals("datetime <null>", value("datetime_add('year', 10000, datetime(2017-01-01))"));
    }

    @Test
    void datetimeDiffCountsPeriodBoundariesCrossed() {
        assertEquals(List.of("year:long|quarter:long|month:long|week:long|day:long|hour:long|minute:long|second:long"
                + "|millisecond:long|microsecond:long|nanosecond:long", "17|2|13|5|29|2|5|10|100|100|-700"), rows("""
                print
                year = datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)),
                quarter = datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)),
                month = datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)),
                week = datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
                day = datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
                hour = datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)),
                minute = datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)),
                second = datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900)),
                millisecond = datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900)),
                microsecond = datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009)),
                nanosecond = datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))"""));
        // Weeks are Sunday-based: Saturday to the next day is one week, Sunday to Saturday none.
        assertEquals("long 1", value("datetime_diff('week', datetime(2017-10-29), datetime(2017-10-28))"));
        assertEquals("long 0", value("datetime_diff('week', datetime(2017-10-28), datetime(2017-10-22))"));
        assertEquals("long 1", value("datetime_diff('day', datetime(2017-10-29 00:00), datetime(2017-10-28 23:59:59.9999999))"));
    }

    // ---------------------------------------------------------------------------------------------
    // Construction

    @Test
    void makeDatetimeValidatesItsParts() {
        assertEquals("datetime 2017-10-01T12:11:00.1234567Z", value("make_datetime(2017,10,01,12,11,0.1234567)"));
        assertEquals("datetime 2017-10-01T12:10:00.0000000Z", value("make_datetime(2017,10,01,12,10)"));
        assertEquals("datetime <null>", value("make_datetime(2017, 2, 29)"));
        assertEquals("datetime <null>", value("make_datetime(2017, 13, 1)"));
        assertEquals("datetime <null>", value("make_datetime(2024, 2, 29, 23, 59, 60)"));
        assertEquals("datetime 2024-02-29T23:59:59.9999999Z", value("make_datetime(2024, 2, 29, 23, 59, 59.9999999)"));
    }

    @Test
    void makeTimespanAddsItsParts() {
        assertEquals("timespan 1.12:30:55.1230000", value("make_timespan(1,12,30,55.123)"));
        assertEquals("timespan 01:30:00", value("make_timespan(1, 30)"));
        assertEquals("timespan 01:02:03", value("make_timespan(1, 2, 3)"));
        assertEquals("timespan 1.01:00:00", value("make_timespan(25, 0)"));
    }

    @Test
    void unixTimesCountFromTheEpochToTheTick() {
        assertEquals("datetime 2019-01-01T00:00:00.0000000Z", value("unixtime_seconds_todatetime(1546300800)"));
        assertEquals("datetime 2019-01-01T00:00:00.0000000Z", value("unixtime_milliseconds_todatetime(1546300800000)"));
        assertEquals("datetime 2019-01-01T00:00:00.0000000Z", value("unixtime_microseconds_todatetime(1546300800000000)"));
        assertEquals("datetime 2019-01-01T00:00:00.0000000Z", value("unixtime_nanoseconds_todatetime(1546300800000000000)"));
        assertEquals("datetime 2019-01-01T00:00:00.5000000Z", value("unixtime_seconds_todatetime(1546300800.5)"));
        assertEquals("datetime 1969-12-31T23:59:59.9990000Z", value("unixtime_milliseconds_todatetime(-1)"));
        assertEquals("datetime <null>", value("unixtime_seconds_todatetime(1e20)"));
    }

    // ---------------------------------------------------------------------------------------------
    // format_datetime, format_timespan

    @Test
    void formatDatetimeUsesDotNetSpecifiers() {
        String dt = "datetime(2017-01-29 09:00:05)";
        assertEquals("string 17-01-29 [09:00:05]", value("format_datetime(" + dt + ", 'yy-MM-dd [HH:mm:ss]')"));
        assertEquals("string 2017-1-29 [9:00:05]", value("format_datetime(" + dt + ", 'yyyy-M-dd [H:mm:ss]')"));
        assertEquals("string 17-01-29 [09:00:05 AM]", value("format_datetime(" + dt + ", 'yy-MM-dd [hh:mm:ss tt]')"));
        assertEquals("string 1/6/9 1:9:5 AM Mon Jun Monday June",
                value("format_datetime(datetime(2009-06-01 01:09:05), 'd/M/y h:m:s tt ddd MMM dddd MMMM')"));
        assertEquals("string 0 00 0900", value("format_datetime(datetime(0900-01-01), 'y yy yyyy')"));
    }

    @Test
    void formatDatetimeFractionsTruncateAndFDropsZeros() {
        assertEquals("string 2009-06-15T13:45:30.617",
                value("format_datetime(datetime(2009-06-15 13:45:30.6170000), 'yyyy-MM-ddTHH:mm:ss.fff')"));
        assertEquals("string |05|0|05", value("format_datetime(datetime(2009-06-15 13:45:30.05), 'F|FF|f|ff')"));
        assertEquals("string 30", value("format_datetime(datetime(2009-06-15 13:45:30), 's.FFF')"), "the '.' goes too");
        assertEquals("string 000115", value("format_datetime(datetime(2009-06-15T13:45:30.0001150), 'FFFFFFF')"));
        assertEquals("string ", value("format_datetime(datetime(null), 'yyyy')"));
    }

    @Test
    void formatTimespanCountsDaysAndHoursOfTheDay() {
        assertEquals(List.of("v1:string|v2:string", "29.09:00:05:12|029.9:00:05 [1234500]"), rows("""
                let t = time(29.09:00:05.12345);
                print v1=format_timespan(t, 'dd.hh:mm:ss:FF'), v2=format_timespan(t, 'ddd.h:mm:ss [fffffff]')"""));
        assertEquals("string 15.13:45:30.617", value("format_timespan(time(15.13:45:30.6170000), 'd.hh:mm:ss.fff')"));
        assertEquals("string -01:02:03", value("format_timespan(time(-1:02:03), 'hh:mm:ss')"));
    }

    // ---------------------------------------------------------------------------------------------
    // Time zones

    @Test
    void localToUtcAndBack() {
        assertEquals(List.of("local_dt:datetime|tz:string|utc_dt:datetime",
                "2020-02-02T20:02:20.0000000Z|US/Pacific|2020-02-03T04:02:20.0000000Z",
                "2020-02-02T20:02:20.0000000Z|America/Chicago|2020-02-03T02:02:20.0000000Z",
                "2020-02-02T20:02:20.0000000Z|Europe/Paris|2020-02-02T19:02:20.0000000Z"), rows("""
                datatable(local_dt: datetime, tz: string)
                [ datetime(2020-02-02 20:02:20), 'US/Pacific',
                  datetime(2020-02-02 20:02:20), 'America/Chicago',
                  datetime(2020-02-02 20:02:20), 'Europe/Paris']
                | extend utc_dt = datetime_local_to_utc(local_dt, tz)"""));
        assertEquals("datetime 2022-07-11T15:18:48.0000000Z", value("datetime_utc_to_local(datetime(2022-07-11 22:18:48), 'US/Pacific')"));
        assertEquals("datetime 2022-07-12T08:18:48.0000000Z",
                value("datetime_utc_to_local(datetime(2022-07-11 22:18:48), 'Australia/Canberra')"));
        assertEquals("datetime <null>", value("datetime_utc_to_local(datetime(2022-07-11), 'Not/AZone')"));
    }

    @Test
    void aWallClockTimeInTheSpringGapMapsAsSummerTime() {
        assertEquals(List.of("Local:datetime|UTC:datetime|BackToLocal:datetime|diff:timespan",
                "2022-03-27T01:00:00.0000000Z|2022-03-27T00:00:00.0000000Z|2022-03-27T01:00:00.0000000Z|00:00:00",
                "2022-03-27T02:00:00.0000000Z|2022-03-27T00:00:00.0000000Z|2022-03-27T01:00:00.0000000Z|01:00:00",
                "2022-03-27T03:00:00.0000000Z|2022-03-27T01:00:00.0000000Z|2022-03-27T03:00:00.0000000Z|00:00:00",
                "2022-03-27T04:00:00.0000000Z|2022-03-27T02:00:00.0000000Z|2022-03-27T04:00:00.0000000Z|00:00:00"), rows("""
                range Local from datetime(2022-03-27 01:00:00.0000000) to datetime(2022-03-27 04:00:00.0000000) step 1h
                | extend UTC=datetime_local_to_utc(Local, 'Europe/Brussels')
                | extend BackToLocal=datetime_utc_to_local(UTC, 'Europe/Brussels')
                | extend diff=Local-BackToLocal"""));
        // The autumn overlap takes the offset after the transition too: standard time.
        assertEquals("datetime 2022-10-30T01:30:00.0000000Z", value("datetime_local_to_utc(datetime(2022-10-30 02:30), 'Europe/Brussels')"));
    }

    @Test
    void nowInTwoZonesDiffersByTheirOffsets() {
        List<String> rows = rows("print dt=now() | extend pacific_dt = datetime_utc_to_local(dt, 'US/Pacific'),"
                + " canberra_dt = datetime_utc_to_local(dt, 'Australia/Canberra') | extend diff = pacific_dt - canberra_dt");
        assertTrue(rows.get(1).endsWith("|-19:00:00"), rows.toString()); // January: PST -8, AEDT +11
    }
}
