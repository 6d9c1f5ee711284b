package dev.trawl.store.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What an ingest did. {@code recordsRead} counts every record met (a UAL record once, though it lands in two
 * tables); each was ingested, skipped as a duplicate, or quarantined. {@code skippedFiles}: documentation and
 * licence files met in folders, not read.
 */
public record IngestSummary(String store, String ingestId, int files, long bytes, long recordsRead,
        Map<String, Long> ingested, long duplicates, long quarantined, List<String> skippedFiles, String quarantineFile,
        double seconds) {

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("store", store);
        json.put("ingest", ingestId);
        json.put("files", files);
        json.put("bytes", bytes);
        json.put("recordsRead", recordsRead);
        ObjectNode tables = json.putObject("ingested");
        ingested.forEach(tables::put);
        json.put("duplicates", duplicates);
        json.put("quarantined", quarantined);
        skippedFiles.forEach(json.putArray("skippedFiles")::add);
        if (quarantineFile != null) {
            json.put("quarantineFile", quarantineFile);
        }
        json.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return json;
    }
}
