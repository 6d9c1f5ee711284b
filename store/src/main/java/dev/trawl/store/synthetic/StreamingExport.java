package dev.trawl.store.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a Defender XDR Streaming API storage-blob export (one {@code AdvancedHunting-CloudAppEvents} record
 * per line) of synthetic MailItemsAccessed events, shaped like the real record in the shared samples: the same
 * columns, a nested RawEventData (UAL record) with OperationProperties and Folders. Deterministic for a seed;
 * every record has its own UAL Id and ReportId. For tests and benchmarks of ingest; the demo tenant with its
 * scenarios is built on top of this shape. Records come in time order, spread evenly over the days.
 */
public final class StreamingExport {
    private static final DateTimeFormatter ISO7 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String[] CLIENTS = {"Client=REST;;", "Client=OWA;Action=ViaProxy", "Client=MSExchangeRPC",
            "Client=OutlookService;Outlook-iOS/2.0;", "Client=WebServices;EWSEditor (ExchangeServicesClient/0.0.0.0);"};
    private final JsonFactory json = new JsonFactory();
    private final SplittableRandom random;
    private final long startSeconds;
    private final long spanSeconds;
    private final int mailboxes;

    /**
     * @param seed the random seed
     * @param start the first event time
     * @param days over how many days events spread (evenly, in time order)
     * @param mailboxes how many distinct mailboxes appear
     */
    public StreamingExport(long seed, Instant start, int days, int mailboxes) {
        this.random = new SplittableRandom(seed);
        this.startSeconds = start.getEpochSecond();
        this.spanSeconds = days * 86_400L;
        this.mailboxes = mailboxes;
    }

    /** Writes {@code records} lines to {@code out}. */
    public void write(OutputStream out, int records) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.setRootValueSeparator(null);
            long slot = Math.max(1, spanSeconds / Math.max(1, records));
            for (int i = 0; i < records; i++) {
                // In time order, as the hourly blobs of a real export are, with jitter inside each slot.
                record(g, startSeconds + i * spanSeconds / records + random.nextLong(slot));
                g.writeRaw('\n');
            }
        }
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void record(JsonGenerator g, long seconds) throws IOException {
        int nanos = random.nextInt(10_000_000) * 100;
        Instant at = Instant.ofEpochSecond(seconds, nanos);
        String id = uuid().toString();
        int mailbox = random.nextInt(mailboxes);
        String user = "user" + mailbox + "@contoso.example";
        String client = CLIENTS[random.nextInt(CLIENTS.length)];
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        String app = new UUID(0x5a95e68308ad424eL, mailbox % 7).toString();
        String access = random.nextInt(4) == 0 ? "Sync" : "Bind";
        g.writeStartObject();
        g.writeStringField("time", ISO7.format(at));
        g.writeStringField("tenantId", "00000000-0000-0000-0000-000000000000");
        g.writeStringField("operationName", "Publish");
        g.writeStringField("category", "AdvancedHunting-CloudAppEvents");
        g.writeObjectFieldStart("properties");
        g.writeStringField("Timestamp", ISO7.format(at));
        g.writeStringField("ActionType", "MailItemsAccessed");
        g.writeStringField("Application", "Microsoft Exchange Online");
        g.writeNumberField("ApplicationId", 20893);
        g.writeNumberField("AppInstanceId", 0);
        g.writeStringField("AccountObjectId", app);
        g.writeNullField("AccountId");
        g.writeStringField("AccountDisplayName", "User " + mailbox);
        g.writeNumberField("IsAdminOperation", 0);
        g.writeStringField("DeviceType", "Other");
        g.writeStringField("OSPlatform", "Unknown");
        g.writeStringField("IPAddress", ip);
        g.writeNumberField("IsAnonymousProxy", 0);
        g.writeStringField("CountryCode", "US");
        g.writeStringField("City", "chicago");
        g.writeStringField("ISP", "Contoso Networks");
        g.writeStringField("UserAgent", client);
        g.writeStringField("ActivityType", "Run");
        g.writeArrayFieldStart("ActivityObjects");
        property(g, "MailAccessType", access);
        property(g, "IsThrottled", "False");
        g.writeEndArray();
        g.writeStringField("ObjectName", "MailItemsAccessed");
        g.writeStringField("ObjectType", "Task");
        g.writeStringField("ObjectId", "");
        g.writeStringField("ReportId", "106830890_20893_" + id);
        g.writeNullField("AccountType");
        g.writeObjectFieldStart("RawEventData");
        g.writeStringField("CreationTime", UAL_TIME.format(at));
        g.writeStringField("Id", id);
        g.writeStringField("Operation", "MailItemsAccessed");
        g.writeStringField("OrganizationId", "00000000-0000-0000-0000-000000000000");
        g.writeNumberField("RecordType", 50);
        g.writeStringField("ResultStatus", random.nextInt(50) == 0 ? "Failed" : "Succeeded");
        g.writeStringField("UserKey", Long.toHexString(0x1003200158580000L + mailbox).toUpperCase());
        g.writeNumberField("UserType", 0);
        g.writeNumberField("Version", 1);
        g.writeStringField("Workload", "Exchange");
        g.writeStringField("UserId", user);
        g.writeStringField("AppId", "00000003-0000-0000-c000-000000000000");
        g.writeStringField("ClientAppId", app);
        g.writeStringField("ClientIPAddress", ip);
        g.writeStringField("ClientInfoString", client);
        g.writeBooleanField("ExternalAccess", false);
        g.writeNumberField("InternalLogonType", 0);
        g.writeNumberField("LogonType", 0);
        g.writeStringField("MailboxGuid", new UUID(0xd0c5f8ae9ed74e46L, mailbox).toString());
        g.writeStringField("MailboxOwnerUPN", user);
        g.writeArrayFieldStart("OperationProperties");
        g.writeStartObject();
        g.writeStringField("Name", "MailAccessType");
        g.writeStringField("Value", access);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("Name", "IsThrottled");
        g.writeStringField("Value", "False");
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("OrganizationName", "contoso.onmicrosoft.com");
        g.writeStringField("OriginatingServer", "AB1CD23EF4567 (15.20.4200.000)\r\n");
        g.writeArrayFieldStart("Folders");
        g.writeStartObject();
        g.writeArrayFieldStart("FolderItems");
        int items = 1 + random.nextInt(4);
        for (int i = 0; i < items; i++) {
            g.writeStartObject();
            g.writeStringField("InternetMessageId", "<" + uuid() + "@contoso.example>");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("Id", "LgAAAAAM7KyTTmWeRac2KXBEz/7aAQARGHK+grzLTpRJraC1QR6kAAAAAAEMAAAB");
        g.writeStringField("Path", "\\Inbox");
        g.writeEndObject();
        g.writeEndArray();
        g.writeNumberField("OperationCount", items);
        g.writeEndObject();
        g.writeObjectFieldStart("AdditionalFields");
        g.writeBooleanField("IsSatelliteProvider", false);
        g.writeEndObject();
        g.writeStringField("OAuthAppId", app);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void property(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("Type", "Property");
        g.writeStringField("Role", "Parameter");
        g.writeStringField("Name", name);
        g.writeStringField("Value", value);
        g.writeEndObject();
    }
}
