package dev.trawl.hunt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.hunt.RuleFile;
import dev.trawl.hunt.TestFiles;
import dev.trawl.hunt.demo.GroundTruth.Interval;
import dev.trawl.hunt.demo.GroundTruth.Scenario;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.store.Store;
import dev.trawl.store.StoreTables;
import dev.trawl.store.ingest.Ingest;
import dev.trawl.store.ingest.IngestSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default demo tenant, ingested into a real store and queried with KQL: what the ground truth says was
 * planted is what the records show, field by field, and the seed rule run verbatim over it finds the
 * exfiltration's on-the-hour records.
 */
class DemoTenantStoreTest {
    static GroundTruth truth;
    static IngestSummary summary;
    static Engine engine;

    @BeforeAll
    static void generateAndIngest() {
        DemoFixture.Tenant tenant = DemoFixture.tenant();
        truth = tenant.truth();
        summary = tenant.ingest();
        engine = new Engine(truth.now());
        tenant.tables().registerOn(engine);
    }

    @Test
    void everyRecordIsIngestedAndNoneQuarantined() {
        assertEquals(0, summary.quarantined(), "quarantined");
        assertEquals(0, summary.duplicates(), "every record has its own Id and ReportId");
        assertEquals(truth.records(), summary.recordsRead());
        assertEquals(truth.records(), (long) summary.ingested().get("CloudAppEvents"));
        long planted = truth.exfiltration().records();
        for (Scenario scenario : truth.scenarios()) {
            planted += scenario.records();
        }
        assertEquals(truth.records(), planted, "the scenarios' counts add up to the whole");
        assertTrue(truth.records() >= 120_000 && truth.records() <= 250_000, "records: " + truth.records());
        assertEquals(truth.records(), longValue("CloudAppEvents | count"));
    }

    @Test
    void recordsHaveTheirOwnIdsWholeSecondTimesAndTheRealShape() {
        assertEquals(truth.records(), longValue("CloudAppEvents | summarize dcount(ReportId)"));
        assertEquals(0, longValue("CloudAppEvents | where Timestamp != bin(Timestamp, 1s) | count"),
                "UAL CreationTime has whole seconds");
        // The checks that read whole UAL records go a day at a time, to stay inside a test's heap.
        Instant end = truth.history().end();
        for (Instant day = truth.history().start(); day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
            String slice = "CloudAppEvents | where Timestamp >= datetime(" + day + ") and Timestamp < datetime("
                    + day.plus(Duration.ofDays(1)) + ")\n";
            assertEquals(0, longValue(slice + """
                    | where ReportId != strcat(extract("^([0-9]+)_20893_", 1, ReportId), "_20893_", tostring(RawEventData.Id))
                        or todatetime(strcat(tostring(RawEventData.CreationTime), "Z")) != Timestamp
                    | count"""), "ReportId ends in the UAL Id, Timestamp is the CreationTime, " + day);
            assertEquals(0, longValue(slice + """
                    | where ActionType == "MailItemsAccessed"
                    | where Application != "Microsoft Exchange Online" or ApplicationId != 20893 or ActivityType != "Run"
                        or toint(RawEventData.RecordType) != 50 or tostring(RawEventData.Workload) != "Exchange"
                        or UserAgent != tostring(RawEventData.ClientInfoString)
                        or OAuthAppId != tostring(RawEventData.ClientAppId)
                        or IPAddress != tostring(RawEventData.ClientIPAddress)
                        or tostring(RawEventData.OrganizationId) != "TENANT"
                        or tostring(RawEventData.OperationProperties[0].Name) != "MailAccessType"
                        or tostring(RawEventData.OperationProperties[1].Name) != "IsThrottled"
                    | count""".replace("TENANT", truth.tenantId())), "the real record's columns, " + day);
            // A Bind lists the messages it bound; a Sync names one folder only.
            assertEquals(0, longValue(slice + """
                    | where ActionType == "MailItemsAccessed"
                    | extend access = tostring(RawEventData.OperationProperties[0].Value)
                    | extend items = array_length(RawEventData.Folders[0].FolderItems)
                    | where not((access == "Bind" and items == toint(RawEventData.OperationCount) and items > 0)
                        or (access == "Sync" and isnull(items) and array_length(RawEventData.Folders) == 1))
                    | count"""), "Bind and Sync folders, " + day);
        }
        long failed = longValue("CloudAppEvents | where tostring(RawEventData.ResultStatus) == \"Failed\" | count");
        assertTrue(failed > 0 && failed < truth.records() / 50, "a small share failed: " + failed);
        long others = longValue("CloudAppEvents | where ActionType in (\"Send\", \"MoveToDeletedItems\") | count");
        assertTrue(others > 0 && others < truth.records() / 5, "a few other actions: " + others);
    }

    @Test
    void theExfiltrationAppActsOnlyInsideItsIntervalInTheAlertWindow() {
        GroundTruth.Exfiltration exfiltration = truth.exfiltration();
        QueryResult result = run("""
                CloudAppEvents
                | where OAuthAppId == "APP"
                | summarize records = count(), first = min(Timestamp), last = max(Timestamp),
                    mailboxes = dcount(tostring(RawEventData.MailboxOwnerUPN)), names = dcount(AccountDisplayName),
                    name = take_any(AccountDisplayName), objectIds = make_set(AccountObjectId),
                    ips = make_set(IPAddress), clients = make_set(UserAgent),
                    resources = make_set(tostring(RawEventData.AppId)), userTypes = make_set(toint(RawEventData.UserType))
                """.replace("APP", exfiltration.clientAppId()));
        assertEquals(exfiltration.records(), ((Number) result.value(0, 0)).longValue());
        Instant first = instant(result, 0, 1);
        Instant last = instant(result, 0, 2);
        assertEquals(exfiltration.interval().start(), first);
        assertEquals(exfiltration.interval().end(), last.plusSeconds(1));
        assertTrue(truth.alertWindow().contains(exfiltration.interval()), "inside the alert window");
        Duration length = Duration.between(first, last);
        assertTrue(length.compareTo(Duration.ofHours(2)) >= 0 && length.compareTo(Duration.ofHours(3)) <= 0,
                "2-3 hours: " + length);
        assertEquals(exfiltration.mailboxesRead().size(), ((Number) result.value(0, 3)).longValue());
        assertEquals(1L, ((Number) result.value(0, 4)).longValue());
        assertEquals(exfiltration.appDisplayName(), result.text(0, 5));
        assertEquals("[\"" + exfiltration.accountObjectId() + "\"]", result.text(0, 6));
        assertEquals("[\"" + exfiltration.ipAddress() + "\"]", result.text(0, 7));
        assertEquals("[\"Client=REST;;\"]", result.text(0, 8));
        assertEquals("[\"00000003-0000-0000-c000-000000000000\"]", result.text(0, 9));
        assertEquals("[5]", result.text(0, 10));
        // Night at the office (local time), and anomalous: far more than any other hour of that night.
        long nightBaseline = longValue("""
                CloudAppEvents
                | where Timestamp between (datetime(FROM) .. datetime(TO)) and OAuthAppId != "APP"
                | summarize n = count() by bin(Timestamp, 1h) | summarize max(n)"""
                .replace("FROM", first.minus(Duration.ofDays(1)).toString())
                .replace("TO", last.minus(Duration.ofDays(1)).toString())
                .replace("APP", exfiltration.clientAppId()));
        long perHour = exfiltration.records() / 3;
        assertTrue(perHour > 5 * nightBaseline, perHour + " an hour against " + nightBaseline + " the night before");
    }

    @Test
    void eachExfiltrationHourHasRecordsExactlyOnTheHour() {
        GroundTruth.Exfiltration exfiltration = truth.exfiltration();
        QueryResult result = run("""
                CloudAppEvents
                | where OAuthAppId == "APP"
                | summarize onTheHour = countif(Timestamp == bin(Timestamp, 1h)) by hour = bin(Timestamp, 1h)
                | order by hour asc""".replace("APP", exfiltration.clientAppId()));
        long total = 0;
        assertTrue(result.rowCount() >= 2, "hours: " + result.rowCount());
        for (int r = 0; r < result.rowCount(); r++) {
            long onTheHour = ((Number) result.value(r, 1)).longValue();
            assertTrue(onTheHour > 0, "the job starts on the hour at " + result.text(r, 0));
            total += onTheHour;
        }
        assertEquals(exfiltration.recordsOnTheHour(), total);
        // Benign traffic has on-the-hour records too, in most hours of the history.
        long benignHours = longValue("""
                CloudAppEvents
                | where Timestamp == bin(Timestamp, 1h) and OAuthAppId != "APP"
                | summarize dcount(Timestamp)""".replace("APP", exfiltration.clientAppId()));
        long hours = truth.history().end().getEpochSecond() / 3600 - truth.history().start().getEpochSecond() / 3600;
        assertTrue(benignHours > hours / 2, benignHours + " of " + hours + " hours");
    }

    @Test
    void usersWorkOfficeHoursOnWeekdays() {
        // The users' own access: LogonType 0 by a Regular account (AccountType: UserType is not a stored column,
        // and parsing every record for it would not fit a test's heap), outside the Outlook on the web peak; counted by
        // hour in KQL, the hours then placed in the office's time zone here.
        Interval peak = truth.scenario(Scenario.OWA_PEAK).inAlertWindow();
        QueryResult hourly = run("""
                CloudAppEvents
                | where ActionType == "MailItemsAccessed" and toint(RawEventData.LogonType) == 0
                    and AccountType == "Regular"
                | where Timestamp < datetime(PEAK_START) or Timestamp >= datetime(PEAK_END)
                | summarize n = count() by hour = bin(Timestamp, 1h)"""
                .replace("PEAK_START", peak.start().toString()).replace("PEAK_END", peak.end().toString()));
        long office = 0;
        long all = 0;
        TreeMap<LocalDate, Long> byLocalDay = new TreeMap<>();
        for (int r = 0; r < hourly.rowCount(); r++) {
            LocalDateTime local = LocalDateTime.ofInstant(instant(hourly, r, 0),
                    ZoneOffset.ofHours(truth.localUtcOffsetHours()));
            long n = ((Number) hourly.value(r, 1)).longValue();
            boolean weekday = local.getDayOfWeek().getValue() <= 5;
            if (weekday && local.getHour() >= 8 && local.getHour() < 18) {
                office += n;
            }
            all += n;
            byLocalDay.merge(local.toLocalDate(), n, Long::sum);
        }
        assertTrue(office > 0.8 * all, "office-hours share " + office / (double) all);
        long weekdayTotal = 0;
        long weekendTotal = 0;
        int weekdays = 0;
        int weekendDays = 0;
        LocalDate first = byLocalDay.firstKey();
        LocalDate last = byLocalDay.lastKey();
        for (var day : byLocalDay.entrySet()) {
            if (day.getKey().equals(first) || day.getKey().equals(last)) {
                continue; // partial days at the ends of the history
            }
            if (day.getKey().getDayOfWeek().getValue() <= 5) {
                weekdayTotal += day.getValue();
                weekdays++;
            } else {
                weekendTotal += day.getValue();
                weekendDays++;
            }
        }
        assertTrue(weekdays > 0 && weekendDays > 0);
        double perWeekday = weekdayTotal / (double) weekdays;
        double perWeekendDay = weekendTotal / (double) weekendDays;
        assertTrue(perWeekendDay < perWeekday / 10, perWeekendDay + " a weekend day, " + perWeekday + " a weekday");
        // Activity differs from user to user: the busiest read far more than the median user.
        QueryResult perUser = run("""
                CloudAppEvents
                | where ActionType == "MailItemsAccessed" and toint(RawEventData.LogonType) == 0
                    and AccountType == "Regular"
                | summarize n = count() by user = tostring(RawEventData.UserId)
                | order by n asc""");
        assertEquals(truth.mailboxes().size(), perUser.rowCount());
        long median = ((Number) perUser.value(perUser.rowCount() / 2, 1)).longValue();
        long busiest = ((Number) perUser.value(perUser.rowCount() - 1, 1)).longValue();
        assertTrue(busiest > 3 * median, busiest + " against a median of " + median);
        assertEquals(0, longValue("""
                CloudAppEvents
                | where ActionType == "MailItemsAccessed" and AccountType == "Regular"
                    and toint(RawEventData.LogonType) == 0
                | where tostring(RawEventData.MailboxOwnerUPN) != tostring(RawEventData.UserId)
                | count"""), "owner access reads the owner's mailbox");
        Set<String> seen = strings("""
                CloudAppEvents
                | where ActionType == "MailItemsAccessed" and toint(RawEventData.LogonType) == 0
                    and AccountType == "Regular"
                | summarize by UserAgent""");
        assertEquals(Set.copyOf(truth.scenario(Scenario.INTERACTIVE_USERS).clientInfoStrings()), seen);
        Set<String> syncClients = strings("""
                CloudAppEvents
                | where ActionType == "MailItemsAccessed" and toint(RawEventData.LogonType) == 0
                    and tostring(RawEventData.OperationProperties[0].Value) == "Sync"
                | summarize by UserAgent""");
        assertEquals(Set.of("Client=MSExchangeRPC"), syncClients, "only Outlook desktop syncs its own mailbox");
    }

    @Test
    void eachServiceScenarioIsIdentifiedByItsDocumentedFields() {
        for (String name : List.of(Scenario.ARCHIVE_JOB, Scenario.COMPLIANCE_ADMIN, Scenario.BACKUP_SERVICE,
                Scenario.EMAIL_ANALYTICS_APP)) {
            Scenario scenario = truth.scenario(name);
            String userId = scenario.userIds().get(0);
            QueryResult result = run("""
                    CloudAppEvents
                    | where tostring(RawEventData.UserId) == "USER"
                    | summarize records = count(), clients = make_set(UserAgent),
                        logonTypes = make_set(toint(RawEventData.LogonType)),
                        userTypes = make_set(toint(RawEventData.UserType)),
                        own = countif(tostring(RawEventData.MailboxOwnerUPN) == tostring(RawEventData.UserId)),
                        mailboxes = dcount(tostring(RawEventData.MailboxGuid))""".replace("USER", userId));
            assertEquals(scenario.records(), ((Number) result.value(0, 0)).longValue(), name);
            assertEquals(json(scenario.clientInfoStrings()), result.text(0, 1), name);
            assertEquals(scenario.logonTypes().toString().replace(" ", ""), result.text(0, 2), name);
            assertEquals(scenario.userTypes().toString().replace(" ", ""), result.text(0, 3), name);
            assertEquals(0L, ((Number) result.value(0, 4)).longValue(), name + " reads others' mailboxes");
            assertTrue(((Number) result.value(0, 5)).longValue() > truth.mailboxes().size() / 4, name + " many mailboxes");
            Interval inWindow = scenario.inAlertWindow();
            assertNotNull(inWindow, name + " has a run in the alert window");
            assertTrue(truth.alertWindow().contains(inWindow), name);
            long inside = longValue(countBetween("tostring(RawEventData.UserId) == \"" + userId + "\"", inWindow));
            assertTrue(inside > 0, name);
        }
        Scenario analytics = truth.scenario(Scenario.EMAIL_ANALYTICS_APP);
        QueryResult app = run("""
                CloudAppEvents
                | where OAuthAppId == "APP"
                | summarize names = make_set(AccountDisplayName), objectIds = make_set(AccountObjectId),
                    resources = make_set(tostring(RawEventData.AppId)), hours = dcount(bin(Timestamp, 1h)),
                    onTheHour = dcountif(Timestamp, Timestamp == bin(Timestamp, 1h))"""
                .replace("APP", analytics.clientAppIds().get(0)));
        assertEquals("[\"00000003-0000-0000-c000-000000000000\"]", app.text(0, 2), "over Graph");
        long hours = Duration.between(truth.history().start(), truth.history().end()).toHours();
        assertEquals(hours, ((Number) app.value(0, 3)).longValue(), "the analytics app runs every hour");
        assertEquals(hours, ((Number) app.value(0, 4)).longValue(), "each run starts on the hour");
    }

    @Test
    void theLargerRunsOfTheLastTwoDaysStandOut() {
        // The archiver's catch-up and the full backup read more than any of their nightly runs.
        for (String name : List.of(Scenario.ARCHIVE_JOB, Scenario.BACKUP_SERVICE, Scenario.EMAIL_ANALYTICS_APP)) {
            Scenario scenario = truth.scenario(name);
            String where = name.equals(Scenario.EMAIL_ANALYTICS_APP)
                    ? "OAuthAppId == \"" + scenario.clientAppIds().get(0) + "\""
                    : "tostring(RawEventData.UserId) == \"" + scenario.userIds().get(0) + "\"";
            long larger = longValue(countBetween(where, scenario.inAlertWindow()));
            assertTrue(scenario.runs().size() >= 3, name + " runs: " + scenario.runs().size());
            for (Interval run : scenario.runs()) {
                if (!run.equals(scenario.inAlertWindow())) {
                    long nightly = longValue(countBetween(where, run));
                    assertTrue(larger > 1.5 * nightly, name + ": " + larger + " against " + nightly + " at " + run);
                    assertFalse(truth.alertWindow().contains(run), name + " has one run in the alert window");
                }
            }
        }
        // The compliance admin works a weekday afternoon, local time.
        Interval review = truth.scenario(Scenario.COMPLIANCE_ADMIN).inAlertWindow();
        Instant local = review.start().plus(Duration.ofHours(truth.localUtcOffsetHours()));
        int hour = local.atZone(ZoneOffset.UTC).getHour();
        DayOfWeek day = local.atZone(ZoneOffset.UTC).getDayOfWeek();
        assertTrue(hour >= 12 && hour < 18 && day.getValue() <= 5, "review starts " + day + " " + hour + ":00 local");
        // Outlook on the web at the peak: several times the same hours a week earlier.
        Interval peak = truth.scenario(Scenario.OWA_PEAK).inAlertWindow();
        Interval weekBefore = new Interval(peak.start().minus(Duration.ofDays(7)), peak.end().minus(Duration.ofDays(7)));
        String owa = "UserAgent startswith \"Client=OWA;\" and toint(RawEventData.LogonType) == 0";
        long atPeak = longValue(countBetween(owa, peak));
        long before = longValue(countBetween(owa, weekBefore));
        assertTrue(atPeak > 3 * before, atPeak + " at the peak against " + before + " a week before");
        assertTrue(atPeak >= truth.scenario(Scenario.OWA_PEAK).records());
        // Delegates: LogonType 2 into someone else's mailbox, as many records as planted.
        QueryResult delegates = run("""
                CloudAppEvents
                | where toint(RawEventData.LogonType) == 2
                | summarize records = count(), foreign = countif(tostring(RawEventData.MailboxOwnerUPN) != tostring(RawEventData.UserId))""");
        assertEquals(truth.scenario(Scenario.DELEGATES).records(), ((Number) delegates.value(0, 0)).longValue());
        assertEquals(truth.scenario(Scenario.DELEGATES).records(), ((Number) delegates.value(0, 1)).longValue());
    }

    @Test
    void theSeedRuleVerbatimJoinsTheExfiltrationsOnTheHourRecords() throws Exception {
        Path rule = TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml");
        String query = RuleFile.readQuery(new SourceText(rule.toString(), Files.readString(rule))).text();
        QueryResult result = engine.run(query);
        List<String> columns = result.columns().stream().map(QueryResult.Column::name).toList();
        int appColumn = columns.indexOf("OAuthAppId");
        int timeColumn = columns.indexOf("Timestamp");
        Set<Instant> flagged = new HashSet<>();
        long exfiltrationRows = 0;
        Set<Instant> exfiltrationHours = new HashSet<>();
        for (int r = 0; r < result.rowCount(); r++) {
            Instant at = instant(result, r, timeColumn);
            assertEquals(0, at.getEpochSecond() % 3600, "the join on Timestamp returns only on-the-hour records");
            assertTrue(truth.alertWindow().contains(at), at + " in the alert window");
            flagged.add(at);
            if (truth.exfiltration().clientAppId().equals(result.text(r, appColumn))) {
                exfiltrationRows++;
                exfiltrationHours.add(at);
            }
        }
        assertEquals(truth.exfiltration().recordsOnTheHour(), exfiltrationRows,
                "every exfiltration record on an exfiltration hour is returned");
        List<String> benignFlagged = new ArrayList<>();
        for (Scenario scenario : truth.scenarios()) {
            Interval window = scenario.inAlertWindow();
            if (window != null && flagged.stream().anyMatch(window::contains)) {
                benignFlagged.add(scenario.name());
            }
        }
        assertFalse(benignFlagged.isEmpty(), "the untuned rule flags benign scenarios too, flagged: " + flagged);
    }

    // ---------------------------------------------------------------- helpers

    private static String countBetween(String where, Interval interval) {
        return "CloudAppEvents | where Timestamp >= datetime(" + interval.start() + ") and Timestamp < datetime("
                + interval.end() + ") | where " + where + " | count";
    }

    private static QueryResult run(String kql) {
        return engine.run(kql);
    }

    private static long longValue(String kql) {
        QueryResult result = run(kql);
        assertEquals(1, result.rowCount(), kql);
        return ((Number) result.value(0, 0)).longValue();
    }

    private static Set<String> strings(String kql) {
        QueryResult result = run(kql);
        Set<String> values = new HashSet<>();
        for (int r = 0; r < result.rowCount(); r++) {
            values.add(result.text(r, 0));
        }
        return values;
    }

    private static Instant instant(QueryResult result, int row, int column) {
        return Instant.parse(result.text(row, column));
    }

    private static String json(List<String> values) {
        StringBuilder text = new StringBuilder("[");
        for (String value : values) {
            text.append(text.length() > 1 ? "," : "").append('"').append(value).append('"');
        }
        return text.append(']').toString();
    }
}
