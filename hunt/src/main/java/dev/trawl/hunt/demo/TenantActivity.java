package dev.trawl.hunt.demo;

import dev.trawl.hunt.demo.GroundTruth.Interval;
import dev.trawl.hunt.demo.GroundTruth.Scenario;
import dev.trawl.hunt.demo.PlannedEvent.Kind;
import dev.trawl.hunt.demo.TenantDirectory.ClientProfile;
import dev.trawl.hunt.demo.TenantDirectory.Person;
import dev.trawl.hunt.demo.TenantDirectory.PrimaryClient;
import dev.trawl.store.synthetic.ExchangeAuditEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plans every record of the demo tenant: the users' own mail traffic with its daily and weekly cycle, the
 * delegates, the seed rule's five benign scenarios and the exfiltration. Each part draws from its own random
 * stream, split from the seed in a fixed order, so the plan depends on the seed and the parameters only.
 */
final class TenantActivity {
    /** The tenant's offices are in the Netherlands; CET (UTC+1) holds for the whole default November history. */
    static final int LOCAL_UTC_OFFSET_HOURS = 1;
    private static final ZoneOffset LOCAL = ZoneOffset.ofHours(LOCAL_UTC_OFFSET_HOURS);
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    static final String ARCHIVER_UPN = "svc-archive@contoso.com";
    static final String ARCHIVER_CLIENT =
            "Client=WebServices;NorthwindArchiver/4.2 (ExchangeServicesClient/15.00.0913.015);";
    static final String COMPLIANCE_ADMIN_UPN = "compliance.admin@contoso.com";
    static final String ANALYTICS_APP_ID = "7f1c2b9e-4d3a-4e8f-9b6c-2a5d8e1f0c47";
    static final String ANALYTICS_APP_NAME = "Fabrikam Mail Analytics";
    static final String BACKUP_UPN = "svc-backup@contoso.com";
    static final String BACKUP_CLIENT = "Client=WebServices;LitwareBackup/7.1 (ExchangeServicesClient/15.00.0913.015);";
    static final String EXFILTRATION_APP_NAME = "Mail Insights Sync";
    static final String EXFILTRATION_IP = "203.0.113.199";

    // Where the last-two-days scenarios sit on the alert day, as UTC hours (local = UTC+1).
    static final int OWA_PEAK_FROM_HOUR = 8;
    static final int OWA_PEAK_HOURS = 3;
    static final int ANALYTICS_BURST_HOUR = 12;
    static final int COMPLIANCE_REVIEW_HOUR = 14;
    static final int ARCHIVE_CATCH_UP_HOUR = 17;
    static final int FULL_BACKUP_HOUR = 19;
    static final int EXFILTRATION_HOUR = 20;
    static final int EXFILTRATION_RUNS = 3;
    /** The regular nightly jobs, UTC: the archiver at 01:00 local, the backup at 03:00 local. */
    static final int ARCHIVE_NIGHTLY_HOUR = 0;
    static final int BACKUP_NIGHTLY_HOUR = 2;

    private final TenantDirectory directory;
    private final long historyStart;
    private final long now;
    /** 00:00 UTC of the day the rule's alert window lies in: startofday(now - 2d). */
    private final long alertDay;
    private final List<PlannedEvent> events = new ArrayList<>();
    private final Map<String, List<Interval>> runs = new LinkedHashMap<>();
    private final Map<String, Interval> inAlertWindow = new LinkedHashMap<>();
    private final ExchangeAuditEvent.Actor archiver;
    private final ExchangeAuditEvent.Actor complianceAdmin;
    private final ExchangeAuditEvent.Actor analyticsApp;
    private final ExchangeAuditEvent.Actor backup;
    private final ExchangeAuditEvent.Actor exfiltrationApp;
    private final String exfiltrationAppId;
    private final List<String> exfiltratedMailboxes = new ArrayList<>();
    private Interval exfiltrationInterval;

    TenantActivity(long seed, Instant now, int days, int mailboxes) {
        SplittableRandom root = new SplittableRandom(seed);
        this.directory = new TenantDirectory(root.split(), mailboxes);
        this.now = now.getEpochSecond();
        this.historyStart = this.now - days * DAY;
        this.alertDay = Math.floorDiv(this.now, DAY) * DAY - 2 * DAY;
        SplittableRandom identities = root.split();
        archiver = directory.serviceAccount(identities, ARCHIVER_UPN, "Northwind Archiver Service", "Regular", false, 0);
        complianceAdmin = directory.serviceAccount(identities, COMPLIANCE_ADMIN_UPN, "Compliance Admin", "Admin",
                true, 2);
        analyticsApp = TenantDirectory.app(ANALYTICS_APP_ID, ANALYTICS_APP_NAME);
        backup = directory.serviceAccount(identities, BACKUP_UPN, "Litware Backup Service", "Regular", false, 0);
        exfiltrationAppId = TenantDirectory.uuid(identities);
        exfiltrationApp = TenantDirectory.app(exfiltrationAppId, EXFILTRATION_APP_NAME);

        interactiveUsers(root.split());
        delegates(root.split());
        archiveJob(root.split());
        complianceReview(root.split());
        analyticsApp(root.split());
        owaPeak(root.split());
        backupService(root.split());
        exfiltration(root.split());
        events.removeIf(event -> event.second() < historyStart || event.second() >= this.now);
        events.sort(Comparator.comparingLong(PlannedEvent::second).thenComparingInt(PlannedEvent::sequence));
    }

    TenantDirectory directory() {
        return directory;
    }

    /** Every planned record in time order (ties in planning order). */
    List<PlannedEvent> events() {
        return events;
    }

    GroundTruth groundTruth() {
        Map<String, Long> counts = new LinkedHashMap<>();
        long exfiltrationOnTheHour = 0;
        for (PlannedEvent event : events) {
            counts.merge(event.scenario(), 1L, Long::sum);
            if (event.scenario().equals(PlannedEvent.EXFILTRATION) && event.second() % HOUR == 0) {
                exfiltrationOnTheHour++;
            }
        }
        List<Scenario> scenarios = List.of(
                scenario(Scenario.INTERACTIVE_USERS, "users reading, sending and deleting their own mail from Outlook"
                        + " desktop, Outlook on the web, Outlook mobile and the intranet app, 08:00-18:00 local on"
                        + " weekdays, mobile in the evenings and at weekends", List.of(),
                        List.of(TenantDirectory.DESKTOP_CLIENT, TenantDirectory.OWA_CLIENT,
                                TenantDirectory.MOBILE_CLIENT, TenantDirectory.REST_CLIENT), List.of(0), List.of(0),
                        counts),
                scenario(Scenario.DELEGATES, "assistants reading their managers' mailboxes on weekdays", List.of(),
                        List.of(TenantDirectory.DESKTOP_CLIENT, TenantDirectory.OWA_CLIENT), List.of(2), List.of(0),
                        counts),
                scenario(Scenario.ARCHIVE_JOB, "a third-party archiver over EWS under one service account with"
                        + " FullAccess, nightly at 01:00 local; the run of the alert day's night failed and ran again"
                        + " larger as a catch-up at " + ARCHIVE_CATCH_UP_HOUR + ":00 UTC",
                        List.of(ARCHIVER_UPN), List.of(ARCHIVER_CLIENT), List.of(1), List.of(0), counts),
                scenario(Scenario.COMPLIANCE_ADMIN, "a compliance admin opening many other mailboxes in Outlook on the"
                        + " web for a review, one weekday afternoon", List.of(COMPLIANCE_ADMIN_UPN),
                        List.of(TenantDirectory.OWA_CLIENT), List.of(1), List.of(2), counts),
                scenario(Scenario.EMAIL_ANALYTICS_APP, "a third-party e-mail analytics app over Graph with application"
                        + " permissions: every hour on the hour, deeper scans every fourth night and one burst on"
                        + " the alert day", List.of(ANALYTICS_APP_ID), List.of(TenantDirectory.REST_CLIENT),
                        List.of(0), List.of(5), counts),
                scenario(Scenario.OWA_PEAK, "a busy morning after an Outlook desktop outage: most users on Outlook"
                        + " on the web", List.of(), List.of(TenantDirectory.OWA_CLIENT), List.of(0), List.of(0),
                        counts),
                scenario(Scenario.BACKUP_SERVICE, "a backup service account syncing many mailboxes nightly at 03:00"
                        + " local, and one full backup", List.of(BACKUP_UPN), List.of(BACKUP_CLIENT), List.of(1),
                        List.of(0), counts));
        GroundTruth.Exfiltration exfiltration = new GroundTruth.Exfiltration(EXFILTRATION_APP_NAME, exfiltrationAppId,
                exfiltrationAppId, EXFILTRATION_IP, TenantDirectory.REST_CLIENT, exfiltrationInterval,
                exfiltratedMailboxes, counts.getOrDefault(PlannedEvent.EXFILTRATION, 0L), exfiltrationOnTheHour);
        return new GroundTruth(directory.tenantId, directory.domain, Instant.ofEpochSecond(now),
                new Interval(Instant.ofEpochSecond(historyStart), Instant.ofEpochSecond(now)), alertWindow(),
                LOCAL_UTC_OFFSET_HOURS, directory.people.stream().map(Person::upn).toList(), scenarios, exfiltration,
                events.size());
    }

    /** The hours the seed rule alerts on, {@code (now - 2d, startofday(now - 1d))}, as a half-open interval. */
    Interval alertWindow() {
        return new Interval(Instant.ofEpochSecond(now - 2 * DAY + 1), Instant.ofEpochSecond(alertDay + DAY));
    }

    private Scenario scenario(String name, String description, List<String> userIds, List<String> clients,
            List<Integer> logonTypes, List<Integer> userTypes, Map<String, Long> counts) {
        List<String> appIds = name.equals(Scenario.EMAIL_ANALYTICS_APP) ? List.of(ANALYTICS_APP_ID) : List.of();
        return new Scenario(name, description, userIds, appIds, clients, logonTypes, userTypes,
                runs.getOrDefault(name, List.of()), inAlertWindow.get(name), counts.getOrDefault(name, 0L));
    }

    // ---------------------------------------------------------------- planning helpers

    private void add(long second, String scenario, Kind kind, ExchangeAuditEvent.Actor actor, Person mailbox,
            ClientProfile client, int logonType, int folder, int items, boolean failed, String sessionId) {
        events.add(new PlannedEvent(second, events.size(), scenario, kind, actor, mailbox, client, logonType, folder,
                items, failed, sessionId));
    }

    /** Records a run of a scheduled or one-off scenario, and whether it is the one inside the alert window. */
    private void run(String scenario, long start, long lastSecond) {
        Interval interval = new Interval(Instant.ofEpochSecond(start), Instant.ofEpochSecond(lastSecond + 1));
        runs.computeIfAbsent(scenario, name -> new ArrayList<>()).add(interval);
        if (alertWindow().contains(interval)) {
            inAlertWindow.put(scenario, interval);
        }
    }

    private static int poisson(SplittableRandom random, double mean) {
        // Knuth's method; the means here are small (well under 30).
        double limit = Math.exp(-mean);
        int k = 0;
        double product = random.nextDouble();
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    private static boolean weekday(long dayStartLocal) {
        DayOfWeek day = LocalDate.ofEpochDay(Math.floorDiv(dayStartLocal, DAY)).getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** Local midnights (as UTC epoch seconds) of every local day the history touches. */
    private List<Long> localDays() {
        long offset = LOCAL.getTotalSeconds();
        List<Long> days = new ArrayList<>();
        for (long local = Math.floorDiv(historyStart + offset, DAY) * DAY; local < now + offset; local += DAY) {
            days.add(local - offset);
        }
        return days;
    }

    private boolean localWeekday(long utcMidnightOfLocalDay) {
        return weekday(utcMidnightOfLocalDay + LOCAL.getTotalSeconds());
    }

    /** A folder a reader opens: the Inbox more often than any other. */
    private static int someFolder(SplittableRandom random, Person person) {
        return random.nextInt(100) < 55 ? TenantDirectory.INBOX : random.nextInt(person.folders().size());
    }

    private static List<Integer> shuffledFolders(SplittableRandom random, Person person) {
        List<Integer> folders = new ArrayList<>();
        for (int i = 0; i < person.folders().size(); i++) {
            folders.add(i);
        }
        Collections.shuffle(folders, random);
        return folders;
    }

    private List<Person> shuffledPeople(SplittableRandom random) {
        List<Person> people = new ArrayList<>(directory.people);
        Collections.shuffle(people, random);
        return people;
    }

    // ---------------------------------------------------------------- the users

    private void interactiveUsers(SplittableRandom random) {
        String scenario = Scenario.INTERACTIVE_USERS;
        for (long day : localDays()) {
            boolean weekday = localWeekday(day);
            for (Person person : directory.people) {
                String desktopSession = TenantDirectory.uuid(random);
                String webSession = TenantDirectory.uuid(random);
                String mobileSession = TenantDirectory.uuid(random);
                boolean present = weekday && random.nextInt(100) < 92;
                long arrival = day + 7 * HOUR + HOUR / 2 + random.nextLong(2 * HOUR);
                long departure = day + 16 * HOUR + HOUR / 2 + random.nextLong(2 * HOUR);
                if (present && person.primary() == PrimaryClient.DESKTOP) {
                    // Outlook starts and syncs the folders that changed overnight, one record per folder.
                    long at = arrival;
                    List<Integer> folders = shuffledFolders(random, person);
                    int synced = Math.min(folders.size(), 6 + random.nextInt(12));
                    for (int i = 0; i < synced; i++) {
                        add(at, scenario, Kind.SYNC, person.actor(), person, person.desktop(), 0, folders.get(i), 0,
                                false, desktopSession);
                        at += random.nextInt(7);
                    }
                    if (random.nextInt(1000) < 6) {
                        // A rebuilt profile or cache: every folder synced again within minutes.
                        at = arrival + random.nextLong(departure - arrival);
                        for (int folder = 0; folder < person.folders().size(); folder++) {
                            add(at, scenario, Kind.SYNC, person.actor(), person, person.desktop(), 0, folder, 0, false,
                                    desktopSession);
                            at += 1 + random.nextInt(4);
                        }
                    }
                }
                for (int hour = 0; hour < 24; hour++) {
                    long from = day + hour * HOUR;
                    long to = from + HOUR;
                    if (present && to > arrival && from < departure) {
                        long start = Math.max(from, arrival);
                        long end = Math.min(to, departure);
                        double share = (end - start) / (double) HOUR;
                        officeHour(random, person, start, end, share, desktopSession, webSession, mobileSession);
                    } else if (person.hasMobile() && (weekday ? hour >= 6 && hour < 23 : hour >= 8 && hour < 22)) {
                        // Evenings, early mornings and weekends: a glance at the phone now and then.
                        int reads = poisson(random, 0.12 * person.activity());
                        for (int i = 0; i < reads; i++) {
                            add(from + random.nextLong(HOUR), scenario, Kind.BIND, person.actor(), person,
                                    person.mobile(), 0, TenantDirectory.INBOX, 1 + random.nextInt(3),
                                    random.nextInt(100) == 0, mobileSession);
                        }
                    } else if (!weekday && person.primary() == PrimaryClient.OWA && hour >= 9 && hour < 21) {
                        int reads = poisson(random, 0.05 * person.activity());
                        for (int i = 0; i < reads; i++) {
                            add(from + random.nextLong(HOUR), scenario, Kind.BIND, person.actor(), person,
                                    person.owaFromHome(), 0, someFolder(random, person), 1 + random.nextInt(4),
                                    false, webSession);
                        }
                    }
                }
            }
        }
    }

    /** One office hour of one user, or part of it: binds, sends and deletes at random seconds. */
    private void officeHour(SplittableRandom random, Person person, long start, long end, double share,
            String desktopSession, String webSession, String mobileSession) {
        String scenario = Scenario.INTERACTIVE_USERS;
        int binds = poisson(random, 2.2 * person.activity() * share);
        for (int i = 0; i < binds; i++) {
            long at = start + random.nextLong(end - start);
            ClientProfile client;
            String session;
            boolean onPhone = person.hasMobile() && random.nextInt(100) < 15;
            if (onPhone || person.primary() == PrimaryClient.MOBILE) {
                client = person.mobile();
                session = mobileSession;
            } else if (person.primary() == PrimaryClient.DESKTOP) {
                client = person.desktop();
                session = desktopSession;
            } else if (person.primary() == PrimaryClient.REST && random.nextInt(100) < 80) {
                client = person.rest();
                session = webSession;
            } else {
                client = person.owa();
                session = webSession;
            }
            add(at, scenario, Kind.BIND, person.actor(), person, client, 0, someFolder(random, person),
                    1 + random.nextInt(3), random.nextInt(100) == 0, session);
        }
        ClientProfile writing = person.primary() == PrimaryClient.DESKTOP ? person.desktop()
                : person.primary() == PrimaryClient.MOBILE ? person.mobile() : person.owa();
        String writingSession = person.primary() == PrimaryClient.DESKTOP ? desktopSession
                : person.primary() == PrimaryClient.MOBILE ? mobileSession : webSession;
        int sends = poisson(random, 0.25 * person.activity() * share);
        for (int i = 0; i < sends; i++) {
            add(start + random.nextLong(end - start), scenario, Kind.SEND, person.actor(), person, writing, 0,
                    TenantDirectory.SENT_ITEMS, 1, false, writingSession);
        }
        int deletes = poisson(random, 0.15 * person.activity() * share);
        for (int i = 0; i < deletes; i++) {
            add(start + random.nextLong(end - start), scenario, Kind.MOVE_TO_DELETED_ITEMS, person.actor(), person,
                    writing, 0, TenantDirectory.INBOX, 1 + random.nextInt(4), false, writingSession);
        }
    }

    private void delegates(SplittableRandom random) {
        String scenario = Scenario.DELEGATES;
        int pairs = Math.max(1, directory.people.size() / 40);
        List<Person> people = shuffledPeople(random);
        for (int p = 0; p < pairs; p++) {
            Person assistant = people.get(2 * p);
            Person manager = people.get(2 * p + 1);
            boolean onDesktop = assistant.primary() == PrimaryClient.DESKTOP;
            ClientProfile client = onDesktop ? assistant.desktop() : assistant.owa();
            for (long day : localDays()) {
                String session = TenantDirectory.uuid(random);
                if (!localWeekday(day) || random.nextInt(100) >= 92) {
                    continue;
                }
                long arrival = day + 8 * HOUR + random.nextLong(HOUR);
                if (onDesktop) {
                    // The manager's Inbox and Calendar, opened as additional folders in the assistant's Outlook.
                    add(arrival, scenario, Kind.SYNC, assistant.actor(), manager, client, 2, TenantDirectory.INBOX, 0,
                            false, session);
                    add(arrival + 1 + random.nextInt(3), scenario, Kind.SYNC, assistant.actor(), manager, client, 2, 7,
                            0, false, session);
                }
                for (int hour = 8; hour < 18; hour++) {
                    int reads = poisson(random, 0.8);
                    for (int i = 0; i < reads; i++) {
                        int folder = random.nextInt(100) < 70 ? TenantDirectory.INBOX : 7;
                        add(day + hour * HOUR + random.nextLong(HOUR), scenario, Kind.BIND, assistant.actor(),
                                manager, client, 2, folder, 1 + random.nextInt(3), false, session);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- the seed rule's benign scenarios

    private void archiveJob(SplittableRandom random) {
        ClientProfile client = TenantDirectory.profile(ARCHIVER_CLIENT, "203.0.113.20", "IE", "Dublin",
                "Northwind Cloud Services", "Other", "Unknown", null, null);
        for (long day = Math.floorDiv(historyStart, DAY) * DAY; day < now; day += DAY) {
            long start = day + ARCHIVE_NIGHTLY_HOUR * HOUR;
            if (start < historyStart || start >= now) {
                continue;
            }
            if (day == alertDay) {
                // That night's run failed early on: a few failed reads, then the catch-up later that day.
                for (int i = 0; i < 5; i++) {
                    Person person = directory.people.get(i);
                    add(start + i * 3L, Scenario.ARCHIVE_JOB, Kind.BIND, archiver, person, client, 1,
                            TenantDirectory.INBOX, 1, true, null);
                }
                continue;
            }
            archiveRun(random, client, start, 3, 45, 2, 4, 4, 15);
        }
        archiveRun(random, client, alertDay + ARCHIVE_CATCH_UP_HOUR * HOUR, 4, 100, 3, 6, 3, 10);
    }

    /**
     * One run of the archiver: {@code workers} threads, all starting on the scheduled second, each taking the
     * next mailbox of the run and reading a few folders of it.
     */
    private void archiveRun(SplittableRandom random, ClientProfile client, long start, int workers, int percent,
            int minFolders, int maxFolders, int minGap, int maxGap) {
        List<Person> mailboxes = new ArrayList<>();
        for (Person person : directory.people) {
            if (random.nextInt(100) < percent) {
                mailboxes.add(person);
            }
        }
        long[] clock = new long[workers];
        java.util.Arrays.fill(clock, start);
        String[] sessions = sessions(random, workers);
        long last = start;
        for (int m = 0; m < mailboxes.size(); m++) {
            int w = m % workers;
            Person person = mailboxes.get(m);
            int folders = minFolders + random.nextInt(maxFolders - minFolders + 1);
            int[] order = {TenantDirectory.INBOX, TenantDirectory.SENT_ITEMS, TenantDirectory.ARCHIVE,
                    TenantDirectory.DELETED_ITEMS, 5 + random.nextInt(person.folders().size() - 5),
                    TenantDirectory.INBOX};
            for (int f = 0; f < folders; f++) {
                add(clock[w], Scenario.ARCHIVE_JOB, Kind.BIND, archiver, person, client, 1, order[f % order.length],
                        3 + random.nextInt(10), false, sessions[w]);
                last = Math.max(last, clock[w]);
                clock[w] += minGap + random.nextInt(maxGap - minGap + 1);
            }
            clock[w] += 2 + random.nextInt(5);
        }
        run(Scenario.ARCHIVE_JOB, start, last);
    }

    private void complianceReview(SplittableRandom random) {
        ClientProfile client = TenantDirectory.profile(TenantDirectory.OWA_CLIENT, "198.51.100.30", "NL",
                "Amsterdam", "Contoso Office Network", "Desktop", "Windows", null, null);
        String session = TenantDirectory.uuid(random);
        long start = alertDay + COMPLIANCE_REVIEW_HOUR * HOUR + 60 + random.nextInt(240);
        long at = start;
        long last = start;
        List<Person> reviewed = shuffledPeople(random).subList(0, Math.max(1, directory.people.size() * 3 / 10));
        for (Person person : reviewed) {
            int folders = 3 + random.nextInt(4);
            for (int f = 0; f < folders; f++) {
                int folder = f == 0 ? TenantDirectory.INBOX : random.nextInt(person.folders().size());
                add(at, Scenario.COMPLIANCE_ADMIN, Kind.BIND, complianceAdmin, person, client, 1, folder,
                        1 + random.nextInt(8), false, session);
                last = at;
                at += 5 + random.nextInt(11);
            }
            at += 10 + random.nextInt(21);
        }
        run(Scenario.COMPLIANCE_ADMIN, start, last);
    }

    private void analyticsApp(SplittableRandom random) {
        ClientProfile client = TenantDirectory.profile(TenantDirectory.REST_CLIENT, "203.0.113.60", "US", "Boston",
                "Fabrikam Hosting", "Other", "Unknown", TenantDirectory.GRAPH_APP_ID, ANALYTICS_APP_ID);
        List<Person> people = directory.people;
        for (long hour = Math.floorDiv(historyStart + HOUR - 1, HOUR) * HOUR; hour < now; hour += HOUR) {
            // The vendor's scheduler starts each hourly scan on the hour; busy office hours bring more new mail.
            long localHour = Math.floorMod(hour + LOCAL.getTotalSeconds(), DAY) / HOUR;
            boolean office = localWeekday(hour - Math.floorMod(hour + LOCAL.getTotalSeconds(), DAY))
                    && localHour >= 8 && localHour < 18;
            int scanned = Math.min(people.size(), office ? 18 + poisson(random, 8) : 5 + poisson(random, 3));
            String session = TenantDirectory.uuid(random);
            long at = hour;
            for (int i = 0; i < scanned; i++) {
                Person person = people.get(random.nextInt(people.size()));
                add(at, Scenario.EMAIL_ANALYTICS_APP, Kind.BIND, analyticsApp, person, client, 0,
                        TenantDirectory.INBOX, 1 + random.nextInt(6), false, session);
                at += 1 + random.nextInt(6);
            }
            long day = Math.floorDiv(hour, DAY) * DAY;
            boolean deepScan = hour - day == 3 * HOUR && Math.floorDiv(day, DAY) % 4 == 1;
            boolean burst = hour == alertDay + ANALYTICS_BURST_HOUR * HOUR;
            if (deepScan || burst) {
                // Deeper scans go back through older mail: several folders of many mailboxes, two threads.
                int percent = burst ? 80 : 40;
                int folders = burst ? 3 : 2;
                long[] clock = {at, at};
                long last = at;
                int[] order = {TenantDirectory.INBOX, TenantDirectory.ARCHIVE, TenantDirectory.SENT_ITEMS};
                int n = 0;
                for (Person person : people) {
                    if (random.nextInt(100) >= percent) {
                        continue;
                    }
                    int w = n++ % 2;
                    for (int f = 0; f < folders; f++) {
                        add(clock[w], Scenario.EMAIL_ANALYTICS_APP, Kind.BIND, analyticsApp, person, client, 0,
                                order[f], 3 + random.nextInt(10), false, session);
                        last = Math.max(last, clock[w]);
                        clock[w] += 1 + random.nextInt(4);
                    }
                }
                run(Scenario.EMAIL_ANALYTICS_APP, hour, last);
            }
        }
    }

    private void owaPeak(SplittableRandom random) {
        long from = alertDay + OWA_PEAK_FROM_HOUR * HOUR;
        long to = from + OWA_PEAK_HOURS * HOUR;
        long first = to;
        long last = from;
        for (Person person : directory.people) {
            String session = TenantDirectory.uuid(random);
            if (random.nextInt(100) >= 70) {
                continue;
            }
            for (long hour = from; hour < to; hour += HOUR) {
                int reads = poisson(random, 4 * person.activity());
                for (int i = 0; i < reads; i++) {
                    long at = hour + random.nextLong(HOUR);
                    add(at, Scenario.OWA_PEAK, Kind.BIND, person.actor(), person, person.owa(), 0,
                            someFolder(random, person), 1 + random.nextInt(4), random.nextInt(100) == 0, session);
                    first = Math.min(first, at);
                    last = Math.max(last, at);
                }
            }
        }
        run(Scenario.OWA_PEAK, first, last);
    }

    private void backupService(SplittableRandom random) {
        ClientProfile client = TenantDirectory.profile(BACKUP_CLIENT, "198.51.100.50", "NL", "Amsterdam",
                "Contoso Office Network", "Other", "Unknown", null, null);
        for (long day = Math.floorDiv(historyStart, DAY) * DAY; day < now; day += DAY) {
            long start = day + BACKUP_NIGHTLY_HOUR * HOUR;
            if (start >= historyStart && start < now) {
                backupRun(random, client, start, 4, 35, false);
            }
        }
        backupRun(random, client, alertDay + FULL_BACKUP_HOUR * HOUR, 8, 100, true);
    }

    /** One session id for each worker of a run (each worker keeps its session through the run). */
    private static String[] sessions(SplittableRandom random, int workers) {
        String[] sessions = new String[workers];
        for (int w = 0; w < workers; w++) {
            sessions[w] = TenantDirectory.uuid(random);
        }
        return sessions;
    }

    /** A backup run: incremental runs sync a few folders of a share of the mailboxes, a full one every folder. */
    private void backupRun(SplittableRandom random, ClientProfile client, long start, int workers, int percent,
            boolean full) {
        long[] clock = new long[workers];
        java.util.Arrays.fill(clock, start);
        String[] sessions = sessions(random, workers);
        long last = start;
        int n = 0;
        for (Person person : directory.people) {
            if (random.nextInt(100) >= percent) {
                continue;
            }
            int w = n++ % workers;
            int folders = full ? person.folders().size() : 3 + random.nextInt(4);
            for (int f = 0; f < folders; f++) {
                add(clock[w], Scenario.BACKUP_SERVICE, Kind.SYNC, backup, person, client, 1, f, 0, false, sessions[w]);
                last = Math.max(last, clock[w]);
                clock[w] += 1 + random.nextInt(3);
            }
            clock[w] += 2 + random.nextInt(4);
        }
        run(Scenario.BACKUP_SERVICE, start, last);
    }

    // ---------------------------------------------------------------- the exfiltration

    private void exfiltration(SplittableRandom random) {
        ClientProfile client = TenantDirectory.profile(TenantDirectory.REST_CLIENT, EXFILTRATION_IP, "SC", "Victoria",
                "Offshore VPS Ltd", "Other", "Unknown", TenantDirectory.GRAPH_APP_ID, exfiltrationAppId);
        List<Person> targets = shuffledPeople(random).subList(0, Math.max(1, directory.people.size() / 2));
        for (Person target : targets) {
            exfiltratedMailboxes.add(target.upn());
        }
        int workers = 10;
        int perRun = (targets.size() + EXFILTRATION_RUNS - 1) / EXFILTRATION_RUNS;
        long first = alertDay + EXFILTRATION_HOUR * HOUR;
        long last = first;
        for (int r = 0; r < EXFILTRATION_RUNS; r++) {
            // The attacker's job starts each hourly batch on the hour sharp, ten workers at once.
            long start = first + r * HOUR;
            List<Person> batch = targets.subList(Math.min(targets.size(), r * perRun),
                    Math.min(targets.size(), (r + 1) * perRun));
            long[] clock = new long[workers];
            String[] sessions = new String[workers];
            for (int w = 0; w < workers; w++) {
                clock[w] = start;
                sessions[w] = TenantDirectory.uuid(random);
            }
            for (int m = 0; m < batch.size(); m++) {
                int w = m % workers;
                Person person = batch.get(m);
                // Every folder, paged through: each page falls in its own two-minute aggregation window of that
                // folder, so each page is its own record.
                for (int folder : shuffledFolders(random, person)) {
                    int pages = 1 + random.nextInt(5);
                    for (int page = 0; page < pages; page++) {
                        add(clock[w], PlannedEvent.EXFILTRATION, Kind.BIND, exfiltrationApp, person, client, 0, folder,
                                5 + random.nextInt(16), false, sessions[w]);
                        last = Math.max(last, clock[w]);
                        clock[w] += 3 + random.nextInt(10);
                    }
                }
                clock[w] += 2 + random.nextInt(7);
            }
        }
        exfiltrationInterval = new Interval(Instant.ofEpochSecond(first), Instant.ofEpochSecond(last + 1));
    }
}
