package dev.trawl.store.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * How a Unified Audit Log record (the Management Activity API's AuditData, also Purview's AuditData column)
 * becomes a row of each of the two tables hunting rules read. Documented here, and only here:
 *
 * <h2>CloudAppEvents (Defender XDR)</h2>
 * <table>
 * <tr><th>column</th><th>from the record</th></tr>
 * <tr><td>Timestamp</td><td>CreationTime (UTC, no zone suffix in the API)</td></tr>
 * <tr><td>ActionType, ObjectName</td><td>Operation</td></tr>
 * <tr><td>Application, ApplicationId</td><td>Workload: Exchange is "Microsoft Exchange Online" / 20893,
 * SharePoint "Microsoft SharePoint Online" / 20892, OneDrive "Microsoft OneDrive for Business" / 15600,
 * MicrosoftTeams "Microsoft Teams" / 28375, AzureActiveDirectory and others "Office 365" / 11161 (the ids
 * Defender uses; 20893 and 11161 are seen in the real export)</td></tr>
 * <tr><td>AccountObjectId</td><td>the actor: ClientAppId when an app did the access (Defender names the app as the
 * actor, as the real record shows), else UserKey when it is a GUID (Entra object id), else null</td></tr>
 * <tr><td>AccountDisplayName</td><td>AppAccessContext.ClientAppName for app access (the record has no other app
 * name, so it may be null), else UserId</td></tr>
 * <tr><td>AccountId</td><td>UserId</td></tr>
 * <tr><td>AccountType</td><td>UserType: 0 Regular, 2/3 Admin, 4 System, 5/6 Application</td></tr>
 * <tr><td>IsAdminOperation</td><td>UserType is 2 (Admin) or 3 (DcAdmin)</td></tr>
 * <tr><td>IPAddress</td><td>ClientIPAddress, else ClientIP, with a {@code [ip]:port} or {@code ip:port} wrapper
 * removed</td></tr>
 * <tr><td>UserAgent</td><td>ClientInfoString (Exchange), else UserAgent</td></tr>
 * <tr><td>OAuthAppId</td><td>ClientAppId</td></tr>
 * <tr><td>ObjectId</td><td>ObjectId</td></tr>
 * <tr><td>ReportId</td><td>the record's Id (Defender's own ReportId prefixes it with tenant and app numbers, which
 * the record does not carry)</td></tr>
 * <tr><td>RawEventData</td><td>the whole record</td></tr>
 * </table>
 * Columns Defender computes from its own enrichment (CountryCode, City, ISP, IPTags, ActivityObjects, DeviceType,
 * OSPlatform...) stay null: the record does not hold them and Trawl does not invent them.
 *
 * <h2>OfficeActivity (Sentinel)</h2>
 * Every top-level field of the record under its own name, then Sentinel's renames and retypings: TimeGenerated =
 * CreationTime; OfficeWorkload = Workload; RecordType as text ("50"); UserType as its enum name ("Regular");
 * Logon_Type = LogonType's enum name ("Owner"); Client_IPAddress = ClientIPAddress; OfficeId and SourceRecordId =
 * Id; OfficeTenantId = OrganizationId; ExternalAccess as "True"/"False"; Folders as JSON text (the export's own,
 * as dynamic columns keep it);
 * Type = "OfficeActivity".
 */
public final class UnifiedAuditMapping {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] USER_TYPES = {"Regular", "Reserved", "Admin", "DcAdmin", "System", "Application",
            "ServicePrincipal", "CustomPolicy", "SystemPolicy"};
    private static final String[] LOGON_TYPES = {"Owner", "Admin", "Delegated", "Transport", "SystemService",
            "BestAccess", "DelegatedAdmin"};
    private static final Set<String> RENAMED = Set.of("CreationTime", "Workload", "ClientIPAddress", "Id", "LogonType");

    private UnifiedAuditMapping() {
    }

    /** Whether a JSON object looks like a UAL record (the common schema's mandatory fields). */
    public static boolean isRecord(JsonNode node) {
        return node.isObject() && node.hasNonNull("CreationTime") && node.hasNonNull("Operation")
                && node.has("RecordType") && node.hasNonNull("Id");
    }

    public static ObjectNode cloudAppEvents(ObjectNode record) {
        ObjectNode row = NODES.objectNode();
        row.set("Timestamp", record.get("CreationTime"));
        row.set("ActionType", record.get("Operation"));
        row.set("ObjectName", record.get("Operation"));
        row.set("ObjectId", record.get("ObjectId"));
        String workload = text(record, "Workload");
        String[] app = application(workload);
        row.put("Application", app[0]);
        row.put("ApplicationId", Integer.parseInt(app[1]));
        String clientApp = text(record, "ClientAppId");
        if (clientApp == null) {
            clientApp = text(record.path("AppAccessContext"), "ClientAppId");
        }
        String userKey = text(record, "UserKey");
        if (clientApp != null) {
            row.put("AccountObjectId", clientApp);
            row.set("AccountDisplayName", record.path("AppAccessContext").get("ClientAppName"));
        } else {
            row.put("AccountObjectId", userKey != null && dev.trawl.kql.syntax.LiteralValues.isGuid(userKey) ? userKey : null);
            row.set("AccountDisplayName", record.get("UserId"));
        }
        row.set("AccountId", record.get("UserId"));
        JsonNode userType = record.get("UserType");
        if (userType != null && userType.canConvertToInt()) {
            int t = userType.asInt();
            row.put("AccountType", switch (t) {
                case 0 -> "Regular";
                case 2, 3 -> "Admin";
                case 4 -> "System";
                case 5, 6 -> "Application";
                default -> null;
            });
            row.put("IsAdminOperation", t == 2 || t == 3);
        }
        String ip = text(record, "ClientIPAddress");
        if (ip == null) {
            ip = text(record, "ClientIP");
        }
        row.put("IPAddress", ip == null ? null : bareAddress(ip));
        String agent = text(record, "ClientInfoString");
        row.put("UserAgent", agent != null ? agent : text(record, "UserAgent"));
        row.put("OAuthAppId", clientApp);
        row.set("ReportId", record.get("Id"));
        row.set("RawEventData", record);
        return row;
    }

    public static ObjectNode officeActivity(ObjectNode record) {
        ObjectNode row = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!RENAMED.contains(field.getKey())) {
                row.set(field.getKey(), field.getValue());
            }
        }
        row.set("TimeGenerated", record.get("CreationTime"));
        row.set("OfficeWorkload", record.get("Workload"));
        JsonNode recordType = record.get("RecordType");
        if (recordType != null && !recordType.isNull()) {
            row.put("RecordType", recordType.asText());
        }
        row.put("UserType", enumName(record.get("UserType"), USER_TYPES));
        if (record.has("LogonType")) {
            row.put("Logon_Type", enumName(record.get("LogonType"), LOGON_TYPES));
        }
        row.set("Client_IPAddress", record.get("ClientIPAddress"));
        row.set("OfficeId", record.get("Id"));
        row.set("SourceRecordId", record.get("Id"));
        row.set("OfficeTenantId", record.get("OrganizationId"));
        JsonNode external = record.get("ExternalAccess");
        if (external != null && external.isBoolean()) {
            row.put("ExternalAccess", external.booleanValue() ? "True" : "False");
        }
        JsonNode folders = record.get("Folders");
        if (folders != null && folders.isContainerNode()) {
            row.put("Folders", RowConverter.jsonText(folders));
        }
        row.put("Type", "OfficeActivity");
        return row;
    }

    private static String[] application(String workload) {
        if (workload == null) {
            return new String[] {"Office 365", "11161"};
        }
        return switch (workload) {
            case "Exchange" -> new String[] {"Microsoft Exchange Online", "20893"};
            case "SharePoint" -> new String[] {"Microsoft SharePoint Online", "20892"};
            case "OneDrive" -> new String[] {"Microsoft OneDrive for Business", "15600"};
            case "MicrosoftTeams" -> new String[] {"Microsoft Teams", "28375"};
            default -> new String[] {"Office 365", "11161"};
        };
    }

    /** An enum number as its name; a name already (or an unknown number) is kept as text. */
    private static String enumName(JsonNode value, String[] names) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToInt() && value.isNumber()) {
            int n = value.asInt();
            return n >= 0 && n < names.length ? names[n] : Integer.toString(n);
        }
        return value.asText();
    }

    /** {@code [2001:db8::1]:443} and {@code 1.2.3.4:5678} to the address alone; anything else as it is. */
    static String bareAddress(String ip) {
        if (ip.startsWith("[")) {
            int close = ip.indexOf(']');
            return close > 0 ? ip.substring(1, close) : ip;
        }
        int colon = ip.indexOf(':');
        if (colon > 0 && colon == ip.lastIndexOf(':') && ip.indexOf('.') > 0) {
            return ip.substring(0, colon);
        }
        return ip;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
