package dev.trawl.engine.function;

import dev.trawl.kql.functions.FunctionCatalog;
import dev.trawl.kql.functions.FunctionSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one registry of functions, built from an explicit list of families (no classpath scanning). Adding
 * a function is one entry in its family's {@code register} method and a test.
 */
public final class FunctionRegistry implements FunctionCatalog {
    private static final FunctionRegistry STANDARD = build();

    private final Map<String, FunctionSpec> functions;

    private FunctionRegistry(Map<String, FunctionSpec> functions) {
        this.functions = Collections.unmodifiableMap(functions);
    }

    public static FunctionRegistry standard() {
        return STANDARD;
    }

    /** Collects the families' functions; a name registered twice is a programming error. */
    public static final class Builder {
        private final Map<String, FunctionSpec> functions = new LinkedHashMap<>();

        public Builder add(FunctionSpec function) {
            if (functions.putIfAbsent(function.name(), function) != null) {
                throw new IllegalStateException("function registered twice: " + function.name());
            }
            return this;
        }

        /** A function registered so far, or null. */
        public FunctionSpec get(String name) {
            return functions.get(name);
        }

        /** Another name for a registered function (KQL has many: iif/iff, todynamic/parse_json, ...). */
        public Builder alias(String alias, String name) {
            FunctionSpec function = functions.get(name);
            if (function == null) {
                throw new IllegalStateException("alias of unknown function: " + name);
            }
            if (functions.putIfAbsent(alias, function) != null) {
                throw new IllegalStateException("function registered twice: " + alias);
            }
            return this;
        }
    }

    private static FunctionRegistry build() {
        Builder builder = new Builder();
        OperatorFunctions.register(builder);
        ConversionFunctions.register(builder);
        StringFunctions.register(builder);
        MathFunctions.register(builder);
        DatetimeFunctions.register(builder);
        DynamicFunctions.register(builder);
        IpFunctions.register(builder);
        WindowFunctions.register(builder);
        SeriesFunctions.register(builder);
        Aggregates.register(builder);
        return new FunctionRegistry(builder.functions);
    }

    @Override
    public FunctionSpec lookup(String name) {
        return functions.get(name);
    }

    @Override
    public Set<String> names() {
        return functions.keySet();
    }
}
