package dev.trawl.store.parquet;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which properties of which dynamic columns are also stored as columns of their own: the paths hunting rules
 * over CloudAppEvents read most (the seed rule's {@code RawEventData.ResultStatus} among them), so a filter on
 * one reads a small column instead of parsing every record. A shredded column is named
 * {@code <column>.<property>} in the Parquet file and holds the property's JSON text (null when the record
 * lacks it); it is not part of the table's schema, so queries see exactly the table they expect.
 * OperationProperties is kept whole (a two-element array), which covers its MailAccessType and IsThrottled.
 * After the mail-access properties come the ones the public hunting queries read most besides them (counted
 * over the 523 corpus queries: Parameters 18, ModifiedProperties 16, Target 12, Workload 12 uses): an admin
 * hunt's {@code RawEventData.Parameters} then reads a column too. A record without one stores a null, which
 * costs next to nothing; segments written before a property was added simply lack its column.
 */
public final class Shredding {
    public static final Map<String, List<String>> PROPERTIES = Map.of("RawEventData", List.of("ResultStatus",
            "MailboxOwnerUPN", "MailboxGuid", "ClientInfoString", "ClientAppId", "AppId", "UserId", "LogonType",
            "Operation", "OperationProperties", "Workload", "Parameters", "ModifiedProperties", "Target"));

    private Shredding() {
    }

    /** The file's columns for a table schema: the table's own, then the shredded ones. */
    public static Schema physical(Schema logical) {
        List<Schema.Field> fields = new ArrayList<>(logical.fields());
        for (Schema.Field field : logical.fields()) {
            List<String> properties = PROPERTIES.get(field.name());
            if (properties != null && field.type() == ScalarType.DYNAMIC) {
                for (String property : properties) {
                    fields.add(new Schema.Field(field.name() + "." + property, ScalarType.DYNAMIC));
                }
            }
        }
        return new Schema(fields);
    }
}
