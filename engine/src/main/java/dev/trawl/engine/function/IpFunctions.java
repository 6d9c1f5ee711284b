package dev.trawl.engine.function;

/** IPv4 and IPv6 functions and operators (ipv4_is_private, ipv4_is_in_range, parse_ipv4, has_ipv4, ...). */
final class IpFunctions {
    private IpFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
    }
}
