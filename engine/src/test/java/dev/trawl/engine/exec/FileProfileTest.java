package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * invoke FileProfile() (Defender XDR docs: advanced-hunting-fileprofile-function.md): it binds with the
 * documented columns, and running it with files to enrich is an error, since Trawl has no file profiles.
 */
class FileProfileTest {
    private final Engine engine = TestTables.register(new Engine(Instant.parse("2024-01-31T12:00:00Z")),
            "Files", """
                    datatable(FileName:string, SHA1:string, SHA256:string)
                    ['a.exe', '4388963aaa83afe2042a46a3c017ad50bdcdafb3',
                     '413c58c8267d2c8648d8f6384bacc2ae9c929b2b96578b6860b5087cd1bd6462']""");

    @Test
    void theInputColumnsComeFirstThenTheProfileColumnsItLacks() {
        assertEquals(List.of("FileName:string|SHA1:string|SHA256:string|MD5:string|FileSize:int|GlobalPrevalence:int"
                + "|GlobalFirstSeen:datetime|GlobalLastSeen:datetime|Signer:string|Issuer:string|SignerHash:string"
                + "|IsCertificateValid:bool|IsRootSignerMicrosoft:bool|SignatureState:string|IsExecutable:bool"
                + "|ThreatName:string|Publisher:string|SoftwareName:string|ProfileAvailability:string"),
                TestTables.rows(engine.run("Files | where FileName == 'none' | invoke FileProfile(\"SHA1\", 500)")));
        assertEquals(List.of("FileName:string|SHA256:string|SHA1:string|MD5:string"), TestTables.rows(engine.run("""
                Files | where FileName == 'none' | project FileName, SHA256 | invoke FileProfile(SHA256, 1000)
                | project FileName, SHA256, SHA1, MD5""")));
    }

    @Test
    void runningItOverFilesIsAnErrorThatSaysWhy() {
        QueryException failed = assertThrows(QueryException.class,
                () -> engine.run("Files | invoke FileProfile() | where GlobalPrevalence < 15"));
        assertEquals("KQL3002", failed.diagnostics().get(0).code());
        assertTrue(failed.diagnostics().get(0).message().startsWith("FileProfile() enriches files from Microsoft "
                + "Defender's file profiles"), failed.diagnostics().get(0).message());
    }

    @Test
    void itsArgumentsAreTheDocumentedOnes() {
        assertEquals("KQL2008", code("Files | invoke FileProfile(FileName)"), "not a file ID column");
        assertEquals("KQL2001", code("Files | project FileName | invoke FileProfile()"), "the default SHA1 is missing");
        assertEquals("KQL2008", code("Files | invoke FileProfile(SHA1, 5000)"), "at most 1000 records");
        assertEquals("KQL2004", code("Files | invoke FileProfile(SHA1, 10, 1)"));
    }

    private String code(String query) {
        return assertThrows(QueryException.class, () -> engine.run(query)).diagnostics().get(0).code();
    }
}
