package dev.trawl.hunt.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link DemoTenant} planted: every scenario with the field values that identify it in the records and
 * when it ran, and the one exfiltration. Detections are judged against this, never against the generator's
 * internals.
 *
 * @param tenantId the Entra tenant id (the Streaming API tenantId and the UAL OrganizationId)
 * @param domain the users' UPN domain, e.g. {@code contoso.com}
 * @param now the time the rules are meant to run "as of"
 * @param history the span of the export: from {@code now - days} to {@code now}
 * @param alertWindow the hours the seed rule can alert on: {@code (now - 2d, startofday(now - 1d))}; the last
 *     two days' scenarios and the exfiltration lie inside it
 * @param localUtcOffsetHours the tenant's office time zone, whose 08:00-18:00 are business hours
 * @param mailboxes the user mailboxes in the tenant (UPNs), in the order they were created
 * @param scenarios the benign activity, background and the seed rule's false-positive scenarios
 * @param exfiltration the malicious OAuth app's mail theft
 * @param records every record written
 */
public record GroundTruth(String tenantId, String domain, Instant now, Interval history, Interval alertWindow,
        int localUtcOffsetHours, List<String> mailboxes, List<Scenario> scenarios, Exfiltration exfiltration,
        long records) {

    public GroundTruth {
        requireNonNull(tenantId, "tenantId");
        requireNonNull(domain, "domain");
        requireNonNull(now, "now");
        requireNonNull(history, "history");
        requireNonNull(alertWindow, "alertWindow");
        mailboxes = List.copyOf(mailboxes);
        scenarios = List.copyOf(scenarios);
        requireNonNull(exfiltration, "exfiltration");
    }

    /** The scenario of that name; names are the constants on {@link Scenario}. */
    public Scenario scenario(String name) {
        for (Scenario scenario : scenarios) {
            if (scenario.name().equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario named " + name);
    }

    /** A half-open span of time, {@code [start, end)}. */
    public record Interval(Instant start, Instant end) {
        public Interval {
            requireNonNull(start, "start");
            requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("interval ends before it starts: " + start + " .. " + end);
            }
        }

        public boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }

        public boolean contains(Interval other) {
            return !other.start.isBefore(start) && !other.end.isAfter(end);
        }
    }

    /**
     * One kind of benign activity and the values that identify its records (any listed value, in the field
     * named; an empty list means the field does not identify it).
     *
     * @param name a stable key, one of the constants below
     * @param description what it is, for a report
     * @param userIds UAL {@code UserId} values of its actors
     * @param clientAppIds UAL {@code ClientAppId} (CloudAppEvents {@code OAuthAppId}) values
     * @param clientInfoStrings UAL {@code ClientInfoString} (CloudAppEvents {@code UserAgent}) values
     * @param logonTypes UAL {@code LogonType} values
     * @param userTypes UAL {@code UserType} values
     * @param runs when it ran, for scheduled or one-off activity (empty for continuous activity)
     * @param inAlertWindow its run inside the seed rule's alert window, or null if it has none there
     * @param records how many records it wrote
     */
    public record Scenario(String name, String description, List<String> userIds, List<String> clientAppIds,
            List<String> clientInfoStrings, List<Integer> logonTypes, List<Integer> userTypes, List<Interval> runs,
            Interval inAlertWindow, long records) {
        /** The users reading their own mail: Outlook desktop, OWA, mobile and REST, plus Send and deletes. */
        public static final String INTERACTIVE_USERS = "interactive-users";
        /** Assistants reading their managers' mailboxes (LogonType 2). */
        public static final String DELEGATES = "delegates";
        /** Seed scenario 1: a third-party archiver over EWS, nightly, with one larger catch-up run. */
        public static final String ARCHIVE_JOB = "archive-job";
        /** Seed scenario 2: a compliance admin opening many other mailboxes (LogonType 1, UserType 2). */
        public static final String COMPLIANCE_ADMIN = "compliance-admin-review";
        /** Seed scenario 3: a third-party e-mail analytics app over Graph, app-only, hourly with bursts. */
        public static final String EMAIL_ANALYTICS_APP = "email-analytics-app";
        /** Seed scenario 4: a busy morning when many users moved to Outlook on the web. */
        public static final String OWA_PEAK = "owa-peak";
        /** Seed scenario 5: a backup service account syncing many mailboxes nightly, with one full backup. */
        public static final String BACKUP_SERVICE = "backup-service";

        public Scenario {
            requireNonNull(name, "name");
            requireNonNull(description, "description");
            userIds = List.copyOf(userIds);
            clientAppIds = List.copyOf(clientAppIds);
            clientInfoStrings = List.copyOf(clientInfoStrings);
            logonTypes = List.copyOf(logonTypes);
            userTypes = List.copyOf(userTypes);
            runs = List.copyOf(runs);
        }
    }

    /**
     * The exfiltration: a malicious OAuth app, consented to shortly before, reading mailboxes over Graph with
     * app-only permissions from a foreign address.
     *
     * @param appDisplayName the app's name (CloudAppEvents {@code AccountDisplayName})
     * @param clientAppId the app's id (UAL {@code ClientAppId}, CloudAppEvents {@code OAuthAppId})
     * @param accountObjectId CloudAppEvents {@code AccountObjectId}: the app, as for any app-mediated access
     * @param ipAddress the address it read from
     * @param clientInfoString its UAL {@code ClientInfoString}
     * @param interval from its first record to one second after its last
     * @param mailboxesRead the UPNs of the mailboxes it read
     * @param records how many records it wrote
     * @param recordsOnTheHour how many of them are stamped exactly on a whole hour (what an exact-Timestamp
     *     join against hourly bins can return)
     */
    public record Exfiltration(String appDisplayName, String clientAppId, String accountObjectId, String ipAddress,
            String clientInfoString, Interval interval, List<String> mailboxesRead, long records,
            long recordsOnTheHour) {
        public Exfiltration {
            requireNonNull(appDisplayName, "appDisplayName");
            requireNonNull(clientAppId, "clientAppId");
            requireNonNull(accountObjectId, "accountObjectId");
            requireNonNull(ipAddress, "ipAddress");
            requireNonNull(clientInfoString, "clientInfoString");
            requireNonNull(interval, "interval");
            mailboxesRead = List.copyOf(mailboxesRead);
        }
    }

    /** The ground truth as a JSON object, for the demo to save beside (not inside) the export. */
    public ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("tenantId", tenantId);
        json.put("domain", domain);
        json.put("now", now.toString());
        json.set("history", interval(history));
        json.set("alertWindow", interval(alertWindow));
        json.put("localUtcOffsetHours", localUtcOffsetHours);
        json.put("records", records);
        mailboxes.forEach(json.putArray("mailboxes")::add);
        ArrayNode scenarioArray = json.putArray("scenarios");
        for (Scenario scenario : scenarios) {
            ObjectNode s = scenarioArray.addObject();
            s.put("name", scenario.name());
            s.put("description", scenario.description());
            scenario.userIds().forEach(s.putArray("userIds")::add);
            scenario.clientAppIds().forEach(s.putArray("clientAppIds")::add);
            scenario.clientInfoStrings().forEach(s.putArray("clientInfoStrings")::add);
            scenario.logonTypes().forEach(s.putArray("logonTypes")::add);
            scenario.userTypes().forEach(s.putArray("userTypes")::add);
            ArrayNode runs = s.putArray("runs");
            scenario.runs().forEach(run -> runs.add(interval(run)));
            if (scenario.inAlertWindow() != null) {
                s.set("inAlertWindow", interval(scenario.inAlertWindow()));
            }
            s.put("records", scenario.records());
        }
        ObjectNode e = json.putObject("exfiltration");
        e.put("appDisplayName", exfiltration.appDisplayName());
        e.put("clientAppId", exfiltration.clientAppId());
        e.put("accountObjectId", exfiltration.accountObjectId());
        e.put("ipAddress", exfiltration.ipAddress());
        e.put("clientInfoString", exfiltration.clientInfoString());
        e.set("interval", interval(exfiltration.interval()));
        exfiltration.mailboxesRead().forEach(e.putArray("mailboxesRead")::add);
        e.put("records", exfiltration.records());
        e.put("recordsOnTheHour", exfiltration.recordsOnTheHour());
        return json;
    }

    private static ObjectNode interval(Interval interval) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("start", interval.start().toString());
        json.put("end", interval.end().toString());
        return json;
    }
}
