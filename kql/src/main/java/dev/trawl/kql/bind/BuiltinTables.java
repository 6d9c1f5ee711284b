package dev.trawl.kql.bind;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schemas of the Microsoft 365 tables Trawl knows without being told: CloudAppEvents and
 * OfficeActivity, read from {@code name:type} resources beside this class (origins in their headers).
 */
public final class BuiltinTables implements TableCatalog {
    private static final List<String> TABLES = List.of("CloudAppEvents", "OfficeActivity");
    private static final BuiltinTables INSTANCE = new BuiltinTables();

    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    private BuiltinTables() {
        for (String table : TABLES) {
            schemas.put(table, load(table));
        }
    }

    public static BuiltinTables instance() {
        return INSTANCE;
    }

    @Override
    public Schema schema(String name) {
        return schemas.get(name);
    }

    @Override
    public Set<String> names() {
        return schemas.keySet();
    }

    private static Schema load(String table) {
        String resource = "/dev/trawl/kql/tables/" + table + ".schema";
        try (InputStream in = BuiltinTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            List<Schema.Field> fields = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                ScalarType type = ScalarType.fromName(line.substring(colon + 1));
                if (colon <= 0 || type == null) {
                    throw new IllegalStateException(resource + ": bad line '" + line + "'");
                }
                fields.add(new Schema.Field(line.substring(0, colon), type));
            }
            return new Schema(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
