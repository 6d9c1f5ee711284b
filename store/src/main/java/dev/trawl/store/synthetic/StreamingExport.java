package dev.trawl.store.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes a Defender XDR Streaming API storage-blob export (one {@code AdvancedHunting-CloudAppEvents} record
 * per line) of synthetic MailItemsAccessed events, shaped like the real record in the shared samples: the same
 * columns, a nested RawEventData (UAL record) with OperationProperties and Folders. Deterministic for a seed;
 * every record has its own UAL Id and ReportId. For tests and benchmarks of ingest; the demo tenant with its
 * scenarios writes the same shape through {@link CloudAppEventsLines}. Records come in time order, spread evenly
 * over the days.
 */
public final class StreamingExport {
    private static final String[] CLIENTS = {"Client=REST;;", "Client=OWA;Action=ViaProxy", "Client=MSExchangeRPC",
            "Client=OutlookService;Outlook-iOS/2.0;", "Client=WebServices;EWSEditor (ExchangeServicesClient/0.0.0.0);"};
    private final JsonFactory json = new JsonFactory();
    private final CloudAppEventsLines lines = new CloudAppEventsLines("00000000-0000-0000-0000-000000000000",
            "contoso.onmicrosoft.com");
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
            }
        }
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void record(JsonGenerator g, long seconds) throws IOException {
        // The draws keep their original order so that a seed still gives the same file as before.
        int nanos = random.nextInt(10_000_000) * 100;
        Instant at = Instant.ofEpochSecond(seconds, nanos);
        String id = uuid().toString();
        int mailbox = random.nextInt(mailboxes);
        String user = "user" + mailbox + "@contoso.example";
        String client = CLIENTS[random.nextInt(CLIENTS.length)];
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        String app = new UUID(0x5a95e68308ad424eL, mailbox % 7).toString();
        String access = random.nextInt(4) == 0 ? "Sync" : "Bind";
        String status = random.nextInt(50) == 0 ? "Failed" : "Succeeded";
        int items = 1 + random.nextInt(4);
        List<String> messageIds = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            messageIds.add("<" + uuid() + "@contoso.example>");
        }
        ExchangeAuditEvent.Folder inbox = new ExchangeAuditEvent.Folder(
                "LgAAAAAM7KyTTmWeRac2KXBEz/7aAQARGHK+grzLTpRJraC1QR6kAAAAAAEMAAAB", "\\Inbox", messageIds);
        lines.write(g, new ExchangeAuditEvent(at, id, "106830890", "MailItemsAccessed", status,
                new ExchangeAuditEvent.Actor(app, "User " + mailbox, null, false, user,
                        Long.toHexString(0x1003200158580000L + mailbox).toUpperCase(), 0, null),
                new ExchangeAuditEvent.Mailbox(user, new UUID(0xd0c5f8ae9ed74e46L, mailbox).toString(), null, null, null),
                new ExchangeAuditEvent.Client(client, ip, "US", "chicago", "Contoso Networks", "Other", "Unknown"),
                "00000003-0000-0000-c000-000000000000", app, 0, null,
                new ExchangeAuditEvent.MailAccess(access, false, List.of(inbox), items)));
    }
}
