package dev.trawl.hunt.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.hunt.demo.TenantDirectory.Person;
import dev.trawl.store.synthetic.CloudAppEventsLines;
import dev.trawl.store.synthetic.ExchangeAuditEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic Microsoft 365 tenant written as a Defender XDR Streaming API storage-blob export of
 * CloudAppEvents (mostly Exchange MailItemsAccessed), one {@code PT1H.json} blob per hour, with a
 * {@link GroundTruth} of what it planted: ordinary users with daily and weekly cycles, the seed rule's five
 * benign scenarios and one exfiltration by a malicious OAuth app. The same seed and parameters always give
 * byte-identical files.
 *
 * <p>The last-two-days scenarios and the exfiltration lie in the seed rule's alert window,
 * {@code (now - 2d, startofday(now - 1d))}, on the UTC day {@code startofday(now - 2d)}: Outlook on the web
 * peak 08:00-11:00, analytics burst 12:00, compliance review 14:00-16:00, archive catch-up 17:00, full backup
 * 19:00 and the exfiltration 20:00-23:00 (UTC; local time is UTC+1). So {@code now} must be before 08:00 UTC
 * of its day, or the window would begin after the morning's scenarios.
 */
public final class DemoTenant {
    /** A Wednesday morning: the alert window then falls on Monday 30 November 2026, a working day. */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-12-02T06:00:00Z");
    /** Enough for the seed rule's 14-day baseline, which starts at startofday(now - 14d). */
    public static final int DEFAULT_DAYS = 16;
    public static final int DEFAULT_MAILBOXES = 300;

    private static final DateTimeFormatter BLOB_HOUR = DateTimeFormatter.ofPattern("'y='yyyy/'m='MM/'d='dd/'h='HH/'m=00'")
            .withZone(ZoneOffset.UTC);
    private static final String[] SUBJECTS = {"Re: Q4 forecast", "Invoice 2026-1142", "Team meeting notes",
            "Re: Contract renewal", "Travel booking confirmation", "FW: Customer escalation", "Weekly status",
            "Re: Budget review", "Board pack draft", "Lunch on Friday?", "Re: Supplier onboarding", "Payroll changes"};

    private final long seed;
    private final Instant now;
    private final int days;
    private final int mailboxes;

    /**
     * @param seed the random seed: everything in the tenant follows from it and the other parameters
     * @param now the time the rules will run "as of"; the history ends here; before 08:00 UTC of its day
     * @param days how many days of history, ending at {@code now}; at least 3 (the seed rule wants 15)
     * @param mailboxes how many user mailboxes; at least 20
     */
    public DemoTenant(long seed, Instant now, int days, int mailboxes) {
        if (Math.floorMod(now.getEpochSecond(), 86_400) >= 8 * 3600) {
            throw new IllegalArgumentException("now must be before 08:00 UTC of its day, so that the seed rule's"
                    + " alert window (now - 2d, startofday(now - 1d)) holds the morning scenarios; got " + now);
        }
        if (days < 3) {
            throw new IllegalArgumentException("at least 3 days of history are needed, got " + days);
        }
        if (mailboxes < 20) {
            throw new IllegalArgumentException("at least 20 mailboxes are needed, got " + mailboxes);
        }
        this.seed = seed;
        this.now = now;
        this.days = days;
        this.mailboxes = mailboxes;
    }

    /** The default tenant for a seed: {@link #DEFAULT_NOW}, {@link #DEFAULT_DAYS}, {@link #DEFAULT_MAILBOXES}. */
    public DemoTenant(long seed) {
        this(seed, DEFAULT_NOW, DEFAULT_DAYS, DEFAULT_MAILBOXES);
    }

    /** What {@link #write} plants, without writing it. */
    public GroundTruth groundTruth() {
        return new TenantActivity(seed, now, days, mailboxes).groundTruth();
    }

    /**
     * Writes the export under {@code directory} in the Streaming API's storage layout
     * ({@code insights-logs-advancedhunting-cloudappevents/resourceId=/tenants/<tenant>/y=/m=/d=/h=/m=00/PT1H.json},
     * one blob per hour that has records) and returns what it planted. Nothing else is written there, so the
     * whole folder can be ingested.
     */
    public GroundTruth write(Path directory) throws IOException {
        TenantActivity activity = new TenantActivity(seed, now, days, mailboxes);
        TenantDirectory tenant = activity.directory();
        Path root = directory.resolve("insights-logs-advancedhunting-cloudappevents").resolve("resourceId=")
                .resolve("tenants").resolve(tenant.tenantId);
        CloudAppEventsLines lines = new CloudAppEventsLines(tenant.tenantId, tenant.organizationName);
        // Ids and message ids come from their own stream, drawn in time order, so they too follow from the seed.
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        JsonFactory json = new JsonFactory();
        List<PlannedEvent> events = activity.events();
        int i = 0;
        while (i < events.size()) {
            long hour = Math.floorDiv(events.get(i).second(), 3600) * 3600;
            Path blob = root.resolve(BLOB_HOUR.format(Instant.ofEpochSecond(hour))).resolve("PT1H.json");
            Files.createDirectories(blob.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(blob), 1 << 16);
                 JsonGenerator g = json.createGenerator(out)) {
                g.setRootValueSeparator(null);
                for (; i < events.size() && events.get(i).second() < hour + 3600; i++) {
                    lines.write(g, event(events.get(i), tenant, random));
                }
            }
        }
        return activity.groundTruth();
    }

    private static ExchangeAuditEvent event(PlannedEvent planned, TenantDirectory tenant, SplittableRandom random) {
        Person mailbox = planned.mailbox();
        ExchangeAuditEvent.Folder folder = mailbox.folders().get(planned.folder());
        String id = TenantDirectory.uuid(random);
        String operation = switch (planned.kind()) {
            case BIND, SYNC -> "MailItemsAccessed";
            case SEND -> "Send";
            case MOVE_TO_DELETED_ITEMS -> "MoveToDeletedItems";
        };
        ExchangeAuditEvent.Detail detail = switch (planned.kind()) {
            case BIND -> {
                List<String> messageIds = new ArrayList<>(planned.items());
                for (int n = 0; n < planned.items(); n++) {
                    messageIds.add(messageId(random));
                }
                yield new ExchangeAuditEvent.MailAccess("Bind", false,
                        List.of(new ExchangeAuditEvent.Folder(folder.id(), folder.path(), messageIds)), planned.items());
            }
            // A Sync names the folder only, and counts as one operation.
            case SYNC -> new ExchangeAuditEvent.MailAccess("Sync", false, List.of(folder), 1);
            case SEND -> new ExchangeAuditEvent.SentMessage(item(random, folder));
            case MOVE_TO_DELETED_ITEMS -> {
                List<ExchangeAuditEvent.Item> items = new ArrayList<>(planned.items());
                for (int n = 0; n < planned.items(); n++) {
                    items.add(item(random, folder));
                }
                yield new ExchangeAuditEvent.MovedMessages(items, folder,
                        mailbox.folders().get(TenantDirectory.DELETED_ITEMS));
            }
        };
        return new ExchangeAuditEvent(Instant.ofEpochSecond(planned.second()), id, tenant.reportIdPrefix, operation,
                planned.failed() ? "Failed" : "Succeeded", planned.actor(), mailbox.mailbox(),
                planned.client().client(), planned.client().appId(), planned.client().clientAppId(),
                planned.logonType(), planned.sessionId(), detail);
    }

    private static ExchangeAuditEvent.Item item(SplittableRandom random, ExchangeAuditEvent.Folder folder) {
        byte[] itemId = new byte[48];
        random.nextBytes(itemId);
        return new ExchangeAuditEvent.Item(Base64.getEncoder().encodeToString(itemId), messageId(random),
                SUBJECTS[random.nextInt(SUBJECTS.length)], new ExchangeAuditEvent.Folder(folder.id(), folder.path(),
                        List.of()), 4_000 + random.nextInt(400_000));
    }

    /** An Exchange Online InternetMessageId: a unique part at one of the tenant's mailbox servers. */
    private static String messageId(SplittableRandom random) {
        // Built by hand: String.format here was the bulk of the time spent writing a tenant.
        StringBuilder id = new StringBuilder(80).append("<AM").append(random.nextInt(10)).append("PR04MB");
        String server = Integer.toString(1000 + random.nextInt(9000));
        id.append(server);
        String unique = Long.toHexString(random.nextLong() | Long.MIN_VALUE).toUpperCase(Locale.ROOT);
        id.append(unique).append(unique, 0, 6).append("@AM").append(id.charAt(3)).append("PR04MB").append(server)
                .append(".eurprd04.prod.outlook.com>");
        return id.toString();
    }
}
