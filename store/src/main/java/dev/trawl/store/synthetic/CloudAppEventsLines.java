package dev.trawl.store.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.store.synthetic.ExchangeAuditEvent.Detail;
import dev.trawl.store.synthetic.ExchangeAuditEvent.Folder;
import dev.trawl.store.synthetic.ExchangeAuditEvent.Item;
import dev.trawl.store.synthetic.ExchangeAuditEvent.MailAccess;
import dev.trawl.store.synthetic.ExchangeAuditEvent.MovedMessages;
import dev.trawl.store.synthetic.ExchangeAuditEvent.SentMessage;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@link ExchangeAuditEvent}s as Defender XDR Streaming API storage-blob lines: one
 * {@code AdvancedHunting-CloudAppEvents} record per line, its properties the CloudAppEvents row with the UAL
 * record nested as RawEventData, in the field order of the real record in the shared samples. The one place
 * that spells the export, so every synthetic source ingests the way a real export does.
 */
public final class CloudAppEventsLines {
    /** Microsoft Exchange Online's id in CloudAppEvents' ApplicationId. */
    public static final int EXCHANGE_APPLICATION_ID = 20893;
    private static final DateTimeFormatter ISO7 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final String tenantId;
    private final String organizationName;

    /**
     * @param tenantId the Entra tenant id, also the UAL OrganizationId
     * @param organizationName the UAL OrganizationName, e.g. {@code contoso.onmicrosoft.com}
     */
    public CloudAppEventsLines(String tenantId, String organizationName) {
        this.tenantId = tenantId;
        this.organizationName = organizationName;
    }

    /** The Streaming API's spelling of a time: seven fractional digits and a Z. */
    public static String streamingTime(Instant at) {
        return ISO7.format(at);
    }

    /** Writes {@code event} as one line, newline included. */
    public void write(JsonGenerator g, ExchangeAuditEvent event) throws IOException {
        ExchangeAuditEvent.Actor actor = event.actor();
        ExchangeAuditEvent.Mailbox mailbox = event.mailbox();
        ExchangeAuditEvent.Client client = event.client();
        Detail detail = event.detail();
        g.writeStartObject();
        g.writeStringField("time", ISO7.format(event.at()));
        g.writeStringField("tenantId", tenantId);
        g.writeStringField("operationName", "Publish");
        g.writeStringField("category", "AdvancedHunting-CloudAppEvents");
        g.writeObjectFieldStart("properties");
        g.writeStringField("Timestamp", ISO7.format(event.at()));
        g.writeStringField("ActionType", event.operation());
        g.writeStringField("Application", "Microsoft Exchange Online");
        g.writeNumberField("ApplicationId", EXCHANGE_APPLICATION_ID);
        g.writeNumberField("AppInstanceId", 0);
        g.writeStringField("AccountObjectId", actor.objectId());
        g.writeNullField("AccountId");
        g.writeStringField("AccountDisplayName", actor.displayName());
        // Numbers, not booleans, as the real export spells these flags.
        g.writeNumberField("IsAdminOperation", actor.adminOperation() ? 1 : 0);
        g.writeStringField("DeviceType", client.deviceType());
        g.writeStringField("OSPlatform", client.osPlatform());
        g.writeStringField("IPAddress", client.ipAddress());
        g.writeNumberField("IsAnonymousProxy", 0);
        g.writeStringField("CountryCode", client.countryCode());
        g.writeStringField("City", client.city());
        g.writeStringField("ISP", client.isp());
        g.writeStringField("UserAgent", client.infoString());
        g.writeStringField("ActivityType", switch (detail) {
            case MailAccess access -> "Run";
            case SentMessage sent -> "Send";
            case MovedMessages moved -> "Move";
        });
        g.writeArrayFieldStart("ActivityObjects");
        if (detail instanceof MailAccess access) {
            activityProperty(g, "MailAccessType", access.accessType());
            activityProperty(g, "IsThrottled", access.throttled() ? "True" : "False");
        }
        if (mailbox.displayName() != null) {
            // ApplicationId 11161 (Office 365) on the user and actor entries, as in the real record.
            activityAccount(g, "User", "Parameter", mailbox.displayName(), mailbox.ownerObjectId());
            activityAccount(g, "Account", "Actor", actor.displayName(), actor.objectId());
        }
        g.writeEndArray();
        switch (detail) {
            case MailAccess access -> {
                g.writeStringField("ObjectName", event.operation());
                g.writeStringField("ObjectType", "Task");
            }
            case SentMessage sent -> {
                g.writeStringField("ObjectName", sent.item().subject());
                g.writeStringField("ObjectType", "Email");
            }
            case MovedMessages moved -> {
                g.writeStringField("ObjectName", moved.items().isEmpty() ? "" : moved.items().get(0).subject());
                g.writeStringField("ObjectType", "Email");
            }
        }
        g.writeStringField("ObjectId", "");
        g.writeStringField("ReportId", event.reportIdPrefix() + "_" + EXCHANGE_APPLICATION_ID + "_" + event.id());
        if (actor.accountType() == null) {
            g.writeNullField("AccountType");
        } else {
            g.writeStringField("AccountType", actor.accountType());
        }
        rawEventData(g, event);
        g.writeObjectFieldStart("AdditionalFields");
        g.writeBooleanField("IsSatelliteProvider", false);
        g.writeEndObject();
        g.writeStringField("OAuthAppId", event.clientAppId() == null ? "" : event.clientAppId());
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private void rawEventData(JsonGenerator g, ExchangeAuditEvent event) throws IOException {
        ExchangeAuditEvent.Actor actor = event.actor();
        ExchangeAuditEvent.Mailbox mailbox = event.mailbox();
        Detail detail = event.detail();
        g.writeObjectFieldStart("RawEventData");
        g.writeStringField("CreationTime", UAL_TIME.format(event.at()));
        g.writeStringField("Id", event.id());
        g.writeStringField("Operation", event.operation());
        g.writeStringField("OrganizationId", tenantId);
        g.writeNumberField("RecordType", switch (detail) {
            case MailAccess access -> 50;
            case SentMessage sent -> 2;
            case MovedMessages moved -> 3;
        });
        g.writeStringField("ResultStatus", event.resultStatus());
        g.writeStringField("UserKey", actor.userKey());
        g.writeNumberField("UserType", actor.userType());
        g.writeNumberField("Version", 1);
        g.writeStringField("Workload", "Exchange");
        g.writeStringField("UserId", actor.userId());
        if (event.appId() != null) {
            g.writeStringField("AppId", event.appId());
        }
        if (event.clientAppId() != null) {
            g.writeStringField("ClientAppId", event.clientAppId());
        }
        g.writeStringField("ClientIPAddress", event.client().ipAddress());
        g.writeStringField("ClientInfoString", event.client().infoString());
        g.writeBooleanField("ExternalAccess", false);
        g.writeNumberField("InternalLogonType", event.logonType());
        g.writeNumberField("LogonType", event.logonType());
        if (actor.logonUserSid() != null) {
            g.writeStringField("LogonUserSid", actor.logonUserSid());
        }
        g.writeStringField("MailboxGuid", mailbox.guid());
        if (mailbox.sid() != null) {
            g.writeStringField("MailboxOwnerSid", mailbox.sid());
        }
        g.writeStringField("MailboxOwnerUPN", mailbox.ownerUpn());
        if (detail instanceof MailAccess access) {
            g.writeArrayFieldStart("OperationProperties");
            operationProperty(g, "MailAccessType", access.accessType());
            operationProperty(g, "IsThrottled", access.throttled() ? "True" : "False");
            g.writeEndArray();
        }
        g.writeStringField("OrganizationName", organizationName);
        g.writeStringField("OriginatingServer", "AB1CD23EF4567 (15.20.4200.000)\r\n");
        switch (detail) {
            case MailAccess access -> {
                g.writeArrayFieldStart("Folders");
                for (Folder folder : access.folders()) {
                    g.writeStartObject();
                    // A Sync names the folder only; a Bind lists the messages bound in it.
                    if (!folder.messageIds().isEmpty()) {
                        g.writeArrayFieldStart("FolderItems");
                        for (String messageId : folder.messageIds()) {
                            g.writeStartObject();
                            g.writeStringField("InternetMessageId", messageId);
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    g.writeStringField("Id", folder.id());
                    g.writeStringField("Path", folder.path());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("OperationCount", access.operationCount());
            }
            case SentMessage sent -> {
                g.writeFieldName("Item");
                item(g, sent.item());
            }
            case MovedMessages moved -> {
                g.writeArrayFieldStart("AffectedItems");
                for (Item item : moved.items()) {
                    item(g, item);
                }
                g.writeEndArray();
                g.writeBooleanField("CrossMailboxOperation", false);
                g.writeFieldName("DestFolder");
                folderReference(g, moved.to());
                g.writeFieldName("Folder");
                folderReference(g, moved.from());
            }
        }
        if (event.sessionId() != null) {
            g.writeStringField("SessionId", event.sessionId());
        }
        g.writeEndObject();
    }

    private static void item(JsonGenerator g, Item item) throws IOException {
        g.writeStartObject();
        g.writeStringField("Id", item.id());
        g.writeStringField("InternetMessageId", item.internetMessageId());
        g.writeFieldName("ParentFolder");
        folderReference(g, item.parentFolder());
        g.writeNumberField("SizeInBytes", item.sizeInBytes());
        g.writeStringField("Subject", item.subject());
        g.writeEndObject();
    }

    private static void folderReference(JsonGenerator g, Folder folder) throws IOException {
        g.writeStartObject();
        g.writeStringField("Id", folder.id());
        g.writeStringField("Path", folder.path());
        g.writeEndObject();
    }

    private static void operationProperty(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Value", value);
        g.writeEndObject();
    }

    private static void activityProperty(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("Type", "Property");
        g.writeStringField("Role", "Parameter");
        g.writeStringField("Name", name);
        g.writeStringField("Value", value);
        g.writeEndObject();
    }

    private static void activityAccount(JsonGenerator g, String type, String role, String name, String id)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("ApplicationInstance", 0);
        g.writeNumberField("ApplicationId", 11161);
        g.writeStringField("Type", type);
        g.writeStringField("Role", role);
        g.writeStringField("Name", name);
        g.writeStringField("Id", id);
        g.writeEndObject();
    }
}
