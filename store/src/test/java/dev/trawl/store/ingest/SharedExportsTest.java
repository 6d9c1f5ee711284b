package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.QueryResult;
import dev.trawl.store.StoreFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every export file in shared/data (formats/ and samples/) ingests with nothing quarantined, and the real
 * MailItemsAccessed record comes out as one CloudAppEvents row (and one OfficeActivity row where the file
 * carries the UAL record) whose fields are checked one by one against the record in the file.
 */
class SharedExportsTest {
    private static final Path DATA = StoreFixture.shared().resolve("data");
    private static final Path OTRF = DATA.resolve("samples/OTRF-Security-Datasets/GoldenSAMLADFSMailAccess");

    @TempDir
    Path store;

    static Stream<Path> exportFiles() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(DATA.resolve("formats")), Files.walk(DATA.resolve("samples")))) {
            return files.filter(Files::isRegularFile).filter(f -> !Ingest.isDocument(f)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exportFiles")
    void everyExportFileIngestsWithoutQuarantine(Path file) {
        IngestSummary summary = StoreFixture.ingest(store, file);
        assertEquals(0, summary.quarantined(), "quarantined records of " + file);
        assertTrue(summary.recordsRead() > 0, "records read from " + file);
        long rows = summary.ingested().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(rows > 0, "rows stored from " + file);
    }

    /** The fields of the real record, as CloudAppEvents shows them. */
    private static final String CLOUD_QUERY = """
            CloudAppEvents
            | where ActionType == "MailItemsAccessed"
            | project Timestamp, ActionType, Application, ApplicationId, AccountObjectId, IPAddress, UserAgent,
                OAuthAppId, Status = tostring(RawEventData.ResultStatus), Owner = tostring(RawEventData.MailboxOwnerUPN),
                Mailbox = tostring(RawEventData.MailboxGuid), Client = tostring(RawEventData.ClientAppId),
                Access = tostring(RawEventData.OperationProperties[0].Value), Throttled = tostring(RawEventData.OperationProperties[1].Value),
                Logon = toint(RawEventData.LogonType), Count = toint(RawEventData.OperationCount), Id = tostring(RawEventData.Id)
            """;
    private static final List<String> CLOUD_ROW = List.of("2021-08-02T13:32:07.0000000Z", "MailItemsAccessed",
            "Microsoft Exchange Online", "20893", "5a95e683-08ad-424e-a441-1d1aec52c02c", "1.2.3.4", "Client=REST;;",
            "5a95e683-08ad-424e-a441-1d1aec52c02c", "Succeeded", "pgustavo@simulandlabs.com",
            "d0c5f8ae-9ed7-4e46-bfdf-ea1460f5a31b", "5a95e683-08ad-424e-a441-1d1aec52c02c", "Bind", "False", "0", "7",
            "699e0b10-1c53-403e-976f-ce0847a92b44");

    private static final String OFFICE_QUERY = """
            OfficeActivity
            | where Operation == "MailItemsAccessed"
            | project TimeGenerated, Operation, OfficeWorkload, RecordType, UserType, UserId, ResultStatus, Logon_Type,
                MailboxOwnerUPN, MailboxGuid, ClientInfoString, Client_IPAddress, ClientAppId, AppId, ExternalAccess,
                OfficeId, Access = tostring(OperationProperties[0].Value), Folder = tostring(parse_json(Folders)[0].Path)
            """;
    private static final List<String> OFFICE_ROW = List.of("2021-08-02T13:32:07.0000000Z", "MailItemsAccessed", "Exchange",
            "50", "Regular", "pgustavo@simulandlabs.com", "Succeeded", "Owner", "pgustavo@simulandlabs.com",
            "d0c5f8ae-9ed7-4e46-bfdf-ea1460f5a31b", "Client=REST;;", "1.2.3.4", "5a95e683-08ad-424e-a441-1d1aec52c02c",
            "00000003-0000-0000-c000-000000000000", "False", "699e0b10-1c53-403e-976f-ce0847a92b44", "Bind", "\\Inbox");

    private List<String> only(String query) {
        QueryResult result = StoreFixture.query(store, query);
        assertEquals(1, result.rowCount(), "rows of\n" + query);
        return List.of(StoreFixture.rows(result).get(0).split("\\|", -1));
    }

    private void assertRow(List<String> expected, List<String> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), what + " field " + i);
        }
    }

    @Test
    void streamingApiEventHubMessage() {
        StoreFixture.ingest(store, DATA.resolve("formats/defender_streaming_api_eventhub_message.CONSTRUCTED.json"));
        assertRow(CLOUD_ROW, only(CLOUD_QUERY), "CloudAppEvents");
        // Defender's own enrichment comes through as the export carries it.
        assertEquals(List.of("SimuLandApp|US|chicago|Microsoft 365 Common and Office Online server|Other|false|Run"),
                StoreFixture.rows(StoreFixture.query(store, "CloudAppEvents | project AccountDisplayName, CountryCode, City, ISP, DeviceType, IsAdminOperation, ActivityType")));
        assertEquals(List.of(), tables().keySet().stream().filter(t -> !t.equals("CloudAppEvents")).toList());
    }

    @Test
    void streamingApiStorageBlob() {
        StoreFixture.ingest(store, DATA.resolve("formats/defender_streaming_api_storage_PT1H.CONSTRUCTED.json"));
        assertRow(CLOUD_ROW, only(CLOUD_QUERY), "CloudAppEvents");
    }

    @Test
    void managementActivityContentBlobFillsBothTables() {
        StoreFixture.ingest(store, DATA.resolve("formats/o365_management_activity_api_content_blob.CONSTRUCTED.json"));
        assertRow(CLOUD_ROW, only(CLOUD_QUERY), "CloudAppEvents");
        assertRow(OFFICE_ROW, only(OFFICE_QUERY), "OfficeActivity");
        assertEquals(List.of("0"), StoreFixture.rows(StoreFixture.query(store, "OfficeActivity | project InternalLogonType")));
        // The UAL record names no app, so the actor's display name is unknown rather than invented.
        assertEquals(List.of("|pgustavo@simulandlabs.com|Regular|false"), StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | project AccountDisplayName, AccountId, AccountType, IsAdminOperation")));
    }

    @Test
    void purviewCsvFillsBothTables() {
        StoreFixture.ingest(store, DATA.resolve("formats/purview_audit_search_export.CONSTRUCTED.csv"));
        assertRow(CLOUD_ROW, only(CLOUD_QUERY), "CloudAppEvents");
        assertRow(OFFICE_ROW, only(OFFICE_QUERY), "OfficeActivity");
    }

    @Test
    void logAnalyticsOfficeActivityExport() {
        StoreFixture.ingest(store, OTRF.resolve("OfficeActivityEvents.json"));
        assertRow(OFFICE_ROW, only(OFFICE_QUERY), "OfficeActivity");
        // The export has no InternalLogonType field, so the column is null, not a made-up 0.
        assertEquals(List.of(""), StoreFixture.rows(StoreFixture.query(store, "OfficeActivity | project tostring(InternalLogonType)")));
        // Columns the export has beyond Trawl's schema are kept, not dropped.
        assertEquals(List.of("Succeeded|2021-08-02T13:41:16.0000000Z"), StoreFixture.rows(StoreFixture.query(store,
                "OfficeActivity | project ResultReasonType, ElevationTime")));
    }

    @Test
    void advancedHuntingUnionExportWithPowerShellStringifiedFields() {
        IngestSummary summary = StoreFixture.ingest(store, OTRF.resolve("Microsoft365DefenderEvents.json"));
        assertEquals(Map.of("CloudAppEvents", 2L, "DeviceEvents", 5L, "IdentityDirectoryEvents", 2L), summary.ingested());
        // UserAgent came as UserAgent_string (the union's type suffix); OperationProperties as
        // "@{Value=Bind; Name=MailAccessType}" strings, read back as the bags they stand for.
        assertRow(CLOUD_ROW, only(CLOUD_QUERY), "CloudAppEvents");
        assertEquals(List.of("System.Object[]"), StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | where ActionType == 'MailItemsAccessed' | project tostring(RawEventData.Folders[0].FolderItems)")));
    }

    @Test
    void theSameRecordFromEveryExportIsStoredOnce() {
        IngestSummary summary = StoreFixture.ingest(store, DATA.resolve("formats"), OTRF);
        assertEquals(0, summary.quarantined());
        assertRow(CLOUD_ROW, only(CLOUD_QUERY), "CloudAppEvents");
        assertRow(OFFICE_ROW, only(OFFICE_QUERY), "OfficeActivity");
        // The folder's README, LICENSE and metadata are not exports: listed as skipped, not read.
        assertEquals(3, summary.skippedFiles().size(), summary.skippedFiles().toString());
    }

    private Map<String, dev.trawl.store.Manifest.TableInfo> tables() {
        try {
            return dev.trawl.store.Store.open(store).tables();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
