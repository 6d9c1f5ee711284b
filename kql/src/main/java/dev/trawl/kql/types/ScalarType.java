package dev.trawl.kql.types;

import java.util.Locale;
import java.util.Map;

/**
 * KQL's scalar types. {@code int} is 32-bit, {@code long} 64-bit, {@code real} a double, {@code decimal}
 * 128-bit decimal; datetime and timespan are 100 ns ticks (datetime counted from 0001-01-01).
 */
public enum ScalarType {
    BOOL("bool"), INT("int"), LONG("long"), REAL("real"), DECIMAL("decimal"), STRING("string"),
    DATETIME("datetime"), TIMESPAN("timespan"), GUID("guid"), DYNAMIC("dynamic");

    private static final Map<String, ScalarType> NAMES = Map.ofEntries(
            Map.entry("bool", BOOL), Map.entry("boolean", BOOL), Map.entry("int", INT), Map.entry("int32", INT),
            Map.entry("long", LONG), Map.entry("int64", LONG), Map.entry("real", REAL), Map.entry("double", REAL),
            Map.entry("decimal", DECIMAL), Map.entry("string", STRING), Map.entry("datetime", DATETIME),
            Map.entry("date", DATETIME), Map.entry("timespan", TIMESPAN), Map.entry("time", TIMESPAN),
            Map.entry("guid", GUID), Map.entry("uniqueid", GUID), Map.entry("dynamic", DYNAMIC));

    private final String kqlName;

    ScalarType(String kqlName) {
        this.kqlName = kqlName;
    }

    /** The canonical KQL name, as {@code getschema} and result headers spell it. */
    public String kqlName() {
        return kqlName;
    }

    /** The type a KQL type name or alias denotes ({@code int64} is long), or null. */
    public static ScalarType fromName(String name) {
        return NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isNumeric() {
        return this == INT || this == LONG || this == REAL || this == DECIMAL;
    }

    @Override
    public String toString() {
        return kqlName;
    }
}
