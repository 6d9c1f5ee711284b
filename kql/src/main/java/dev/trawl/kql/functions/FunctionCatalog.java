package dev.trawl.kql.functions;

/** The single registry of functions the binder resolves calls against. */
public interface FunctionCatalog {
    /** The function of that name (KQL names are case-sensitive), or null. */
    FunctionSpec lookup(String name);

    /** Every function name, for did-you-mean suggestions. */
    java.util.Set<String> names();
}
