package dev.trawl.store.synthetic;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One synthetic Exchange mailbox audit event with every value its CloudAppEvents row and nested UAL record
 * carry, so that generators decide what happened and {@link CloudAppEventsLines} alone decides how a Streaming
 * API export spells it. Optional values are null and then left out of the record, as real records omit them.
 *
 * @param at the event time; the UAL CreationTime is its whole second, as real UAL times are
 * @param id the UAL record Id (also the tail of the ReportId)
 * @param reportIdPrefix the number before {@code _20893_} in the ReportId
 * @param operation the UAL Operation, which is also the CloudAppEvents ActionType
 * @param resultStatus {@code Succeeded}, {@code Failed}, ...
 * @param actor who acted: a user, an admin, a service account or an app
 * @param mailbox whose mailbox was touched
 * @param client the protocol, address and device the access came from
 * @param appId the resource app (Graph for REST access), or null
 * @param clientAppId the client (OAuth) app, or null; also the CloudAppEvents OAuthAppId
 * @param logonType the Exchange LogonType: 0 Owner, 1 Admin, 2 Delegated, ...
 * @param sessionId the session the access belongs to, or null
 * @param detail what the operation did to the mailbox's content
 */
public record ExchangeAuditEvent(Instant at, String id, String reportIdPrefix, String operation, String resultStatus,
        Actor actor, Mailbox mailbox, Client client, String appId, String clientAppId, int logonType, String sessionId,
        Detail detail) {

    public ExchangeAuditEvent {
        requireNonNull(at, "at");
        requireNonNull(id, "id");
        requireNonNull(reportIdPrefix, "reportIdPrefix");
        requireNonNull(operation, "operation");
        requireNonNull(resultStatus, "resultStatus");
        requireNonNull(actor, "actor");
        requireNonNull(mailbox, "mailbox");
        requireNonNull(client, "client");
        requireNonNull(detail, "detail");
    }

    /**
     * The acting identity. {@code objectId} and {@code displayName} fill CloudAppEvents' AccountObjectId and
     * AccountDisplayName, which for app access name the app, while {@code userId} is the UAL UserId.
     *
     * @param accountType CloudAppEvents AccountType (Regular, Admin, Application, ...), or null
     * @param userType the UAL UserType: 0 Regular, 2 Admin, 5 Application, ...
     * @param logonUserSid the actor's SID, or null to leave it out
     */
    public record Actor(String objectId, String displayName, String accountType, boolean adminOperation, String userId,
            String userKey, int userType, String logonUserSid) {
        public Actor {
            requireNonNull(objectId, "objectId");
            requireNonNull(displayName, "displayName");
            requireNonNull(userId, "userId");
            requireNonNull(userKey, "userKey");
        }
    }

    /**
     * The mailbox touched.
     *
     * @param displayName the owner's name for ActivityObjects, or null to list only the access properties there
     * @param ownerObjectId the owner's Entra object id, listed with the name in ActivityObjects
     * @param sid the owner's SID, or null to leave it out
     */
    public record Mailbox(String ownerUpn, String guid, String displayName, String ownerObjectId, String sid) {
        public Mailbox {
            requireNonNull(ownerUpn, "ownerUpn");
            requireNonNull(guid, "guid");
            if (displayName != null) {
                requireNonNull(ownerObjectId, "ownerObjectId (listed with the display name)");
            }
        }
    }

    /** Where the access came from: the ClientInfoString (also the UserAgent) and the geolocated address. */
    public record Client(String infoString, String ipAddress, String countryCode, String city, String isp,
            String deviceType, String osPlatform) {
        public Client {
            requireNonNull(infoString, "infoString");
            requireNonNull(ipAddress, "ipAddress");
            requireNonNull(countryCode, "countryCode");
            requireNonNull(city, "city");
            requireNonNull(isp, "isp");
            requireNonNull(deviceType, "deviceType");
            requireNonNull(osPlatform, "osPlatform");
        }
    }

    /** A mail folder; {@code messageIds} are the InternetMessageIds bound in it (empty for a Sync). */
    public record Folder(String id, String path, List<String> messageIds) {
        public Folder {
            requireNonNull(id, "id");
            requireNonNull(path, "path");
            messageIds = List.copyOf(messageIds);
        }
    }

    /** A message an operation acted on. */
    public record Item(String id, String internetMessageId, String subject, Folder parentFolder, int sizeInBytes) {
        public Item {
            requireNonNull(id, "id");
            requireNonNull(internetMessageId, "internetMessageId");
            requireNonNull(subject, "subject");
            requireNonNull(parentFolder, "parentFolder");
        }
    }

    /** What the operation did; each kind has its own UAL RecordType and fields. */
    public sealed interface Detail permits MailAccess, SentMessage, MovedMessages {
    }

    /**
     * MailItemsAccessed (RecordType 50): a Bind of messages in folders, or a Sync of folders.
     *
     * @param accessType {@code Bind} or {@code Sync}, the MailAccessType operation property
     * @param operationCount the number of operations the record aggregates
     */
    public record MailAccess(String accessType, boolean throttled, List<Folder> folders, int operationCount)
            implements Detail {
        public MailAccess {
            requireNonNull(accessType, "accessType");
            folders = List.copyOf(folders);
        }
    }

    /** Send (RecordType 2, ExchangeItem). */
    public record SentMessage(Item item) implements Detail {
        public SentMessage {
            requireNonNull(item, "item");
        }
    }

    /** MoveToDeletedItems and other moves (RecordType 3, ExchangeItemGroup). */
    public record MovedMessages(List<Item> items, Folder from, Folder to) implements Detail {
        public MovedMessages {
            items = List.copyOf(items);
            requireNonNull(from, "from");
            requireNonNull(to, "to");
        }
    }
}
