package dev.trawl.hunt.demo;

import dev.trawl.store.synthetic.ExchangeAuditEvent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The demo tenant's people, mailboxes, service identities, apps and network locations. Everything is drawn
 * from one random stream in a fixed order, so a seed always builds the same directory.
 */
final class TenantDirectory {
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    static final String DESKTOP_CLIENT = "Client=MSExchangeRPC";
    static final String OWA_CLIENT = "Client=OWA;Action=ViaProxy";
    static final String MOBILE_CLIENT = "Client=OutlookService;Outlook-iOS/2.0;";
    static final String REST_CLIENT = "Client=REST;;";

    private static final String[] FIRST_NAMES = {"Alex", "Amira", "Anna", "Ben", "Carla", "Chen", "Daniel", "Diego",
            "Elif", "Emma", "Farah", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Isaac", "Jana", "Jonas", "Julia",
            "Kofi", "Lars", "Laura", "Leon", "Lina", "Lucas", "Maria", "Mateo", "Maya", "Milan", "Nadia", "Noah",
            "Olivia", "Omar", "Paula", "Pieter", "Priya", "Rosa", "Ruben", "Sara", "Sofia", "Sven", "Tariq", "Tessa",
            "Thomas", "Vera", "Wei", "Yusuf", "Zoe", "Eva"};
    private static final String[] LAST_NAMES = {"Andersen", "Bakker", "Bauer", "Bianchi", "Brown", "Costa", "de Vries",
            "Dubois", "Fischer", "Garcia", "Hansen", "Hoffmann", "Jansen", "Kaya", "Kowalski", "Larsen", "Lopez",
            "Martin", "Meijer", "Moreau", "Mueller", "Nguyen", "Novak", "Okafor", "Peeters", "Petrov", "Rossi",
            "Santos", "Schmidt", "Silva", "Smit", "Tanaka", "van Dijk", "Visser", "Wagner", "Weber", "Wilson",
            "Yilmaz", "Zhang", "Evans"};
    /** Every mailbox has these; users add their own subfolders. Calendar and contacts sync like mail does. */
    private static final String[] STANDARD_FOLDERS = {"\\Inbox", "\\Sent Items", "\\Drafts", "\\Deleted Items",
            "\\Archive", "\\Junk Email", "\\Outbox", "\\Calendar", "\\Contacts", "\\Conversation History",
            "\\Notes", "\\Tasks", "\\Sync Issues", "\\Inbox\\Newsletters"};
    private static final String[] OWN_FOLDERS = {"\\Inbox\\Projects", "\\Inbox\\Finance", "\\Inbox\\Customers",
            "\\Inbox\\HR", "\\Inbox\\Travel", "\\Inbox\\Board", "\\Inbox\\Suppliers", "\\Inbox\\Contracts",
            "\\Archive\\2025", "\\Archive\\2024", "\\Inbox\\Team", "\\Inbox\\Invoices"};
    static final int INBOX = 0;
    static final int SENT_ITEMS = 1;
    static final int DELETED_ITEMS = 3;
    static final int ARCHIVE = 4;

    /** Where a request came from and with what, as one shared value per profile. */
    record ClientProfile(ExchangeAuditEvent.Client client, String appId, String clientAppId) {
    }

    /** How a user mostly reads mail. */
    enum PrimaryClient { DESKTOP, OWA, MOBILE, REST }

    /** One user and their mailbox. {@code activity} scales how much they do; 1 is typical. */
    record Person(int index, String upn, String displayName, ExchangeAuditEvent.Actor actor,
            ExchangeAuditEvent.Mailbox mailbox, List<ExchangeAuditEvent.Folder> folders, double activity,
            PrimaryClient primary, boolean hasMobile, ClientProfile desktop, ClientProfile owa,
            ClientProfile owaFromHome, ClientProfile mobile, ClientProfile rest) {
    }

    final String tenantId;
    final String domain = "contoso.com";
    final String organizationName = "contoso.onmicrosoft.com";
    /** The number before {@code _20893_} in every ReportId, fixed per tenant. */
    final String reportIdPrefix;
    final List<Person> people;
    private final String sidPrefix;

    TenantDirectory(SplittableRandom random, int mailboxes) {
        tenantId = uuid(random);
        reportIdPrefix = Integer.toString(100_000_000 + random.nextInt(10_000_000));
        sidPrefix = "S-1-5-21-" + (1_000_000_000L + random.nextInt(1_000_000_000)) + "-"
                + (1_000_000_000L + random.nextInt(1_000_000_000)) + "-"
                + (1_000_000_000L + random.nextInt(1_000_000_000));
        ClientProfile[] officeDesktop = new ClientProfile[4];
        ClientProfile[] officeOwa = new ClientProfile[4];
        for (int i = 0; i < officeDesktop.length; i++) {
            // The office's few NAT egress addresses: most users share them, as real tenants show.
            String ip = "198.51.100." + (10 + i);
            officeDesktop[i] = profile(DESKTOP_CLIENT, ip, "NL", "Amsterdam", "Contoso Office Network", "Desktop",
                    "Windows", null, null);
            officeOwa[i] = profile(OWA_CLIENT, ip, "NL", "Amsterdam", "Contoso Office Network", "Desktop", "Windows",
                    null, null);
        }
        String intranetAppId = uuid(random);
        List<Person> created = new ArrayList<>(mailboxes);
        Set<String> upns = new HashSet<>();
        for (int i = 0; i < mailboxes; i++) {
            String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            String local = (first + "." + last.replace(" ", "")).toLowerCase(Locale.ROOT);
            String upn = local + "@" + domain;
            for (int n = 2; !upns.add(upn); n++) {
                upn = local + n + "@" + domain;
            }
            String displayName = first + " " + last;
            String objectId = uuid(random);
            String sid = sidPrefix + "-" + (10_000 + i * 7 + random.nextInt(7));
            String userKey = String.format("%016X", 0x1003200000000000L + random.nextLong(0x0000FFFFFFFFFFFFL));
            String mailboxGuid = uuid(random);
            ExchangeAuditEvent.Actor actor = new ExchangeAuditEvent.Actor(objectId, displayName, "Regular", false,
                    upn, userKey, 0, sid);
            ExchangeAuditEvent.Mailbox mailbox = new ExchangeAuditEvent.Mailbox(upn, mailboxGuid, displayName,
                    objectId, sid);
            List<ExchangeAuditEvent.Folder> folders = folders(random, mailboxGuid);
            // Log-normal-like spread: a few very busy people, many average ones, some who rarely read mail.
            double activity = Math.min(4.0, Math.exp(random.nextGaussian() * 0.6 - 0.18));
            int roll = random.nextInt(100);
            PrimaryClient primary = roll < 60 ? PrimaryClient.DESKTOP : roll < 85 ? PrimaryClient.OWA
                    : roll < 95 ? PrimaryClient.MOBILE : PrimaryClient.REST;
            boolean hasMobile = primary == PrimaryClient.MOBILE || random.nextInt(100) < 55;
            int office = random.nextInt(officeDesktop.length);
            String homeIp = "192.0.2." + (1 + random.nextInt(250));
            String mobileIp = "100.64." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            ClientProfile owaFromHome = profile(OWA_CLIENT, homeIp, "NL", "Utrecht", "KPN B.V.", "Desktop", "Windows",
                    null, null);
            ClientProfile mobile = profile(MOBILE_CLIENT, mobileIp, "NL", "Amsterdam", "Vodafone Libertel B.V.",
                    "Mobile", "iOS", null, null);
            // Users on REST use the company's own intranet app with delegated Graph permissions.
            ClientProfile rest = profile(REST_CLIENT, officeDesktop[office].client().ipAddress(), "NL", "Amsterdam",
                    "Contoso Office Network", "Other", "Unknown", GRAPH_APP_ID, intranetAppId);
            created.add(new Person(i, upn, displayName, actor, mailbox, folders, activity, primary, hasMobile,
                    officeDesktop[office], officeOwa[office], owaFromHome, mobile, rest));
        }
        people = List.copyOf(created);
    }

    static ClientProfile profile(String clientInfoString, String ip, String country, String city, String isp,
            String deviceType, String osPlatform, String appId, String clientAppId) {
        return new ClientProfile(new ExchangeAuditEvent.Client(clientInfoString, ip, country, city, isp, deviceType,
                osPlatform), appId, clientAppId);
    }

    /** A service account of this tenant, with its own SID and PUID, as a UAL actor. */
    ExchangeAuditEvent.Actor serviceAccount(SplittableRandom random, String upn, String displayName,
            String accountType, boolean admin, int userType) {
        String userKey = String.format("%016X", 0x1003200000000000L + random.nextLong(0x0000FFFFFFFFFFFFL));
        return new ExchangeAuditEvent.Actor(uuid(random), displayName, accountType, admin, upn, userKey, userType,
                sidPrefix + "-" + (500_000 + random.nextInt(100_000)));
    }

    /**
     * An app acting with application permissions. CloudAppEvents names the app as the account (its id as
     * AccountObjectId, as in the real Graph record); the UAL has no user for it, so the app id is its UserId.
     */
    static ExchangeAuditEvent.Actor app(String clientAppId, String displayName) {
        return new ExchangeAuditEvent.Actor(clientAppId, displayName, "Application", false, clientAppId, clientAppId,
                5, null);
    }

    private static List<ExchangeAuditEvent.Folder> folders(SplittableRandom random, String mailboxGuid) {
        List<ExchangeAuditEvent.Folder> folders = new ArrayList<>();
        for (String path : STANDARD_FOLDERS) {
            folders.add(new ExchangeAuditEvent.Folder(folderId(mailboxGuid, folders.size()), path, List.of()));
        }
        int own = random.nextInt(OWN_FOLDERS.length + 1);
        int offset = random.nextInt(OWN_FOLDERS.length);
        for (int i = 0; i < own; i++) {
            folders.add(new ExchangeAuditEvent.Folder(folderId(mailboxGuid, folders.size()),
                    OWN_FOLDERS[(offset + i) % OWN_FOLDERS.length], List.of()));
        }
        return List.copyOf(folders);
    }

    /** Exchange folder ids are opaque base64; this one is stable per mailbox and folder. */
    private static String folderId(String mailboxGuid, int folder) {
        UUID guid = UUID.fromString(mailboxGuid);
        byte[] bytes = new byte[46];
        bytes[0] = 0x2E;
        for (int i = 0; i < 8; i++) {
            bytes[6 + i] = (byte) (guid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[14 + i] = (byte) (guid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        bytes[45] = (byte) (folder + 1);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A random (version 4) UUID from the given stream. */
    static String uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
