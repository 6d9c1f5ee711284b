package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * IPv4 and IPv6 functions: parsing and formatting, comparison under IP-prefix (CIDR) masks, range tests, and
 * the text-match functions has_ipv4, has_ipv4_prefix, has_any_ipv4 and has_any_ipv4_prefix.
 *
 * <p>Addresses are strings (or dynamics holding strings) in the forms the docs use: dotted IPv4
 * {@code 192.168.1.1}, IPv6 with {@code ::} compression and an optional dotted IPv4 tail, each with an
 * optional {@code /prefix}. Parsing is strict (no spaces, four decimal octets of at most three digits);
 * what does not parse makes the function return its documented failure value: null for bool, int and long
 * results, "" for strings, false for the has_* functions. Where two prefixes apply (one written in an
 * address, one passed as an argument) the shorter wins, as in the docs' examples.
 */
final class IpFunctions {
    private IpFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        ipv4(registry);
        ipv6(registry);
        textMatch(registry);
        geoInfo(registry);
    }

    /**
     * geo_info_from_ip_address(ip) returns a dynamic bag (country, state, city, latitude, longitude) looked up
     * in MaxMind's GeoLite2 data (docs: geo-info-from-ip-address-function.md). Trawl ships no such database, so
     * the function binds (rules that use it can be checked) but fails the query when it is given an address to
     * look up, rather than answer with a location it does not know. A query over no rows still runs.
     */
    private static void geoInfo(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("geo_info_from_ip_address", 1, 1, Types.fixed(ScalarType.DYNAMIC, ScalarType.STRING),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    throw new QueryException(List.of(Diagnostic.error(DiagnosticCode.RUNTIME_ERROR, new Span(0, 0),
                            "geo_info_from_ip_address() needs a GeoIP database (Kusto uses MaxMind's GeoLite2 data), "
                                    + "which Trawl does not have: it cannot tell where an address is")));
                }, "geo_info_from_ip_address('20.53.203.50') is a bag of country, state, city, latitude and longitude;"
                        + " Trawl has no GeoIP data, so running it is an error"));
    }

    // ---------------------------------------------------------------------------------------------
    // Type rules

    private static boolean isText(ScalarType type) {
        return type == ScalarType.STRING || type == ScalarType.DYNAMIC;
    }

    private static boolean isWhole(ScalarType type) {
        return type == ScalarType.INT || type == ScalarType.LONG || type == ScalarType.DYNAMIC;
    }

    /** {@code result} for (text, text, ..., [whole]): the first {@code texts} arguments addresses, the rest prefixes. */
    private static ScalarFunction.TypeRule addresses(ScalarType result, int texts) {
        return types -> {
            for (int i = 0; i < types.size(); i++) {
                if (i < texts ? !isText(types.get(i)) : !isWhole(types.get(i))) {
                    return null;
                }
            }
            return result;
        };
    }

    /** {@code result} when every argument is text or a dynamic (an array of texts). */
    private static ScalarFunction.TypeRule allText(ScalarType result) {
        return types -> {
            for (ScalarType type : types) {
                if (!isText(type)) {
                    return null;
                }
            }
            return result;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // IPv4

    /** An IPv4 address (0 to 2^32-1) and its prefix length (32 when none is written). */
    record Ipv4(long address, int prefix) {
        long network() {
            return address & ipv4Mask(prefix);
        }
    }

    private static void ipv4(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("parse_ipv4", 1, 1, addresses(ScalarType.LONG, 1), (a, call) -> {
            Ipv4 ip = ipv4(a[0]);
            return ip == null ? null : (Object) ip.network();
        }, "parse_ipv4('192.168.1.1') is 3232235777; '192.168.1.1/24' gives 3232235776"));

        registry.add(ScalarFunction.of("parse_ipv4_mask", 2, 2, addresses(ScalarType.LONG, 1), (a, call) -> {
            Ipv4 ip = ipv4(a[0]);
            Integer prefix = prefixArgument(a[1], 32);
            return ip == null || prefix == null ? null : (Object) (ip.address() & ipv4Mask(Math.min(ip.prefix(), prefix)));
        }, "parse_ipv4_mask('127.0.0.1', 24) is 2130706432"));

        registry.add(ScalarFunction.of("format_ipv4", 1, 2, IpFunctions::formatType, KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    Ipv4 ip = formatInput(a);
                    return ip == null ? "" : dotted(ip.network());
                }, "format_ipv4('192.168.1.255', 24) is '192.168.1.0'; format_ipv4(3232235777) is '192.168.1.1'"));

        registry.add(ScalarFunction.of("format_ipv4_mask", 1, 2, IpFunctions::formatType, KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    Ipv4 ip = formatInput(a);
                    return ip == null ? "" : dotted(ip.network()) + "/" + ip.prefix();
                }, "format_ipv4_mask('192.168.1.255', 24) is '192.168.1.0/24'"));

        registry.add(ScalarFunction.of("ipv4_compare", 2, 3, addresses(ScalarType.LONG, 2), (a, call) -> {
            Ipv4 left = ipv4(a[0]);
            Ipv4 right = ipv4(a[1]);
            Integer prefix = a.length > 2 ? prefixArgument(a[2], 32) : Integer.valueOf(32);
            if (left == null || right == null || prefix == null) {
                return null;
            }
            long mask = ipv4Mask(Math.min(prefix, Math.min(left.prefix(), right.prefix())));
            return (long) Long.signum(Long.compare(left.address() & mask, right.address() & mask));
        }, "ipv4_compare('192.168.1.1', '192.168.1.255/24') is 0 (the shorter prefix applies)"));

        registry.add(ScalarFunction.of("ipv4_is_match", 2, 3, addresses(ScalarType.BOOL, 2), (a, call) -> {
            Ipv4 left = ipv4(a[0]);
            Ipv4 right = ipv4(a[1]);
            Integer prefix = a.length > 2 ? prefixArgument(a[2], 32) : Integer.valueOf(32);
            if (left == null || right == null || prefix == null) {
                return null;
            }
            long mask = ipv4Mask(Math.min(prefix, Math.min(left.prefix(), right.prefix())));
            return (left.address() & mask) == (right.address() & mask);
        }, "ipv4_is_match('192.168.1.1/24', '192.168.1.255') is true"));

        registry.add(ScalarFunction.of("ipv4_is_in_range", 2, 2, addresses(ScalarType.BOOL, 2), (a, call) -> {
            Ipv4 ip = ipv4(a[0]);
            Ipv4 range = ipv4(a[1]);
            return ip == null || range == null ? null : (Object) inRange(ip, range);
        }, "ipv4_is_in_range('10.1.2.3', '10.0.0.0/8') is true"));

        registry.add(ScalarFunction.of("ipv4_is_in_any_range", 2, Integer.MAX_VALUE, allText(ScalarType.BOOL), (a, call) -> inAnyRange(a, IpFunctions::ipv4, IpFunctions::inRange),
                "ipv4_is_in_any_range('10.1.2.3', dynamic(['192.168.0.0/16', '10.0.0.0/8'])) is true"));

        registry.add(ScalarFunction.of("ipv4_is_private", 1, 1, addresses(ScalarType.BOOL, 1), (a, call) -> {
            Ipv4 ip = ipv4(a[0]);
            if (ip == null) {
                return null;
            }
            // A network is private when it lies inside 10/8, 172.16/12 or 192.168/16; a prefix shorter than
            // the block's (10.1.2.3/7) reaches outside it, so it is not.
            return inBlock(ip, 0x0A00_0000L, 8) || inBlock(ip, 0xAC10_0000L, 12) || inBlock(ip, 0xC0A8_0000L, 16);
        }, "ipv4_is_private('192.168.1.1/24') is true, ipv4_is_private('127.0.0.1') false"));

        registry.add(ScalarFunction.of("ipv4_netmask_suffix", 1, 1, addresses(ScalarType.LONG, 1), (a, call) -> {
            Ipv4 ip = ipv4(a[0]);
            return ip == null ? null : (Object) (long) ip.prefix();
        }, "ipv4_netmask_suffix('192.168.1.1/24') is 24; without a suffix, 32"));

        registry.add(ScalarFunction.of("ipv4_range_to_cidr_list", 2, 2, addresses(ScalarType.DYNAMIC, 2), (a, call) -> {
            Ipv4 start = ipv4(a[0]);
            Ipv4 end = ipv4(a[1]);
            if (start == null || end == null) {
                return null;
            }
            // Undocumented: a prefix on the start means its network's first address, on the end its last;
            // an end before the start gives an empty list.
            return cidrList(start.network(), end.network() | (~ipv4Mask(end.prefix()) & 0xFFFF_FFFFL));
        }, "ipv4_range_to_cidr_list('1.1.128.0', '1.1.140.255') is [\"1.1.128.0/21\",\"1.1.136.0/22\",\"1.1.140.0/24\"]"));
    }

    private static ScalarType formatType(List<ScalarType> types) {
        ScalarType ip = types.get(0);
        boolean address = isText(ip) || ip == ScalarType.INT || ip == ScalarType.LONG || ip == ScalarType.REAL;
        return address && (types.size() < 2 || isWhole(types.get(1))) ? ScalarType.STRING : null;
    }

    /** format_ipv4's input: a string, or a number in big-endian order (0 to 2^32-1), masked by the prefix argument. */
    private static Ipv4 formatInput(Object[] a) {
        Ipv4 ip;
        if (a[0] instanceof String) {
            ip = ipv4(a[0]);
        } else if (a[0] instanceof Number number && !(a[0] instanceof Double d && d != Math.rint(d))) {
            long value = number.longValue();
            ip = value >= 0 && value <= 0xFFFF_FFFFL ? new Ipv4(value, 32) : null;
        } else {
            ip = null;
        }
        if (ip == null || a.length < 2) {
            return ip;
        }
        Integer prefix = prefixArgument(a[1], 32);
        return prefix == null ? null : new Ipv4(ip.address(), Math.min(ip.prefix(), prefix));
    }

    /**
     * ipv4/ipv6_is_in_any_range: whether the address (first argument) lies in any of the ranges
     * after it. A range that does not parse gives null (the docs: "null if conversion ... wasn't
     * successful"), unless another range already contains the address.
     */
    private static <A> Object inAnyRange(Object[] a, Function<Object, A> parse, BiPredicate<A, A> contains) {
        A ip = parse.apply(a[0]);
        if (ip == null) {
            return null;
        }
        boolean invalid = false;
        for (Object text : flatten(a, 1)) {
            A range = parse.apply(text);
            if (range == null) {
                invalid = true;
            } else if (contains.test(ip, range)) {
                return true;
            }
        }
        return invalid ? null : (Object) false;
    }

    private static boolean inRange(Ipv4 ip, Ipv4 range) {
        long mask = ipv4Mask(range.prefix());
        return (ip.network() & mask) == (range.address() & mask) && ip.prefix() >= range.prefix();
    }

    private static boolean inBlock(Ipv4 ip, long block, int blockPrefix) {
        return ip.prefix() >= blockPrefix && (ip.address() & ipv4Mask(blockPrefix)) == block;
    }

    private static List<Object> cidrList(long start, long end) {
        List<Object> out = new ArrayList<>();
        while (start <= end) {
            // The largest block that starts at `start` (aligned) and ends by `end`.
            int size = start == 0 ? 32 : Long.numberOfTrailingZeros(start);
            size = Math.min(size, 32);
            while (size > 0 && start + (1L << size) - 1 > end) {
                size--;
            }
            out.add(dotted(start) + "/" + (32 - size));
            start += 1L << size;
        }
        return out;
    }

    static long ipv4Mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    private static String dotted(long address) {
        return (address >>> 24 & 0xFF) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    /** A prefix argument in 0..max, or null (out of range or not a number: the conversion fails). */
    private static Integer prefixArgument(Object value, int max) {
        if (!(value instanceof Long || value instanceof Integer)) {
            return null;
        }
        long prefix = ((Number) value).longValue();
        return prefix >= 0 && prefix <= max ? (Integer) (int) prefix : null;
    }

    /** The IPv4 address of a string (or dynamic string) with an optional {@code /prefix}, or null. */
    static Ipv4 ipv4(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        int slash = text.indexOf('/');
        int end = slash < 0 ? text.length() : slash;
        long address = dottedQuad(text, 0, end);
        if (address < 0) {
            return null;
        }
        int prefix = 32;
        if (slash >= 0) {
            prefix = smallNumber(text, slash + 1, text.length(), 32);
            if (prefix < 0) {
                return null;
            }
        }
        return new Ipv4(address, prefix);
    }

    /** The decimal number text[from, to) if it is 1-3 digits and at most max, else -1. */
    private static int smallNumber(String text, int from, int to, int max) {
        if (to - from < 1 || to - from > 3) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    /** The 32-bit value of dotted-decimal text[from, to) (four octets of 1-3 digits), or -1. */
    private static long dottedQuad(String text, int from, int to) {
        long address = 0;
        int start = from;
        for (int part = 0; part < 4; part++) {
            int dot = part < 3 ? text.indexOf('.', start) : to;
            if (dot < 0 || dot > to) {
                return -1;
            }
            int octet = smallNumber(text, start, dot, 255);
            if (octet < 0) {
                return -1;
            }
            address = address << 8 | octet;
            start = dot + 1;
        }
        return address;
    }

    /** The string values of arguments from {@code first} on, arrays flattened (non-strings kept, to fail parsing). */
    private static List<Object> flatten(Object[] arguments, int first) {
        List<Object> values = new ArrayList<>();
        for (int i = first; i < arguments.length; i++) {
            if (arguments[i] instanceof List<?> list) {
                values.addAll(list);
            } else {
                values.add(arguments[i]);
            }
        }
        return values;
    }

    // ---------------------------------------------------------------------------------------------
    // IPv6

    /**
     * A 128-bit address as two longs and its prefix length in IPv6 bits (128 when none is written). An IPv4
     * address, or an IPv6 text ending in a dotted IPv4 whose upper 96 bits are {@code ::} or
     * {@code ::ffff:}, is the IPv4-mapped address {@code ::ffff:a.b.c.d} and its written prefix counts
     * IPv4 bits (so {@code /24} is 120): the docs' parse_ipv6_mask example turns
     * {@code ::192.168.255.255/24} into {@code ...:ffff:c0a8:ff00}.
     */
    record Ipv6(long high, long low, int prefix) {
        Ipv6 masked(int bits) {
            return new Ipv6(high & highMask(bits), low & lowMask(bits), bits);
        }
    }

    private static void ipv6(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("parse_ipv6", 1, 1, addresses(ScalarType.STRING, 1), KERNEL_HANDLES_NULLS, (a, call) -> {
            Ipv6 ip = ipv6(a[0]);
            return ip == null ? "" : canonical(ip.masked(ip.prefix()));
        }, "parse_ipv6('192.168.255.255/24') is '0000:0000:0000:0000:0000:ffff:c0a8:ff00'"));

        registry.add(ScalarFunction.of("parse_ipv6_mask", 2, 2, addresses(ScalarType.STRING, 1), KERNEL_HANDLES_NULLS, (a, call) -> {
            Ipv6 ip = ipv6(a[0]);
            Integer prefix = prefixArgument(a[1], 128);
            return ip == null || prefix == null ? "" : canonical(ip.masked(Math.min(ip.prefix(), prefix)));
        }, "parse_ipv6_mask('fe80::85d:e82c:9446:7994', 120) is 'fe80:0000:0000:0000:085d:e82c:9446:7900'"));

        registry.add(ScalarFunction.of("ipv6_compare", 2, 3, addresses(ScalarType.LONG, 2), (a, call) -> {
            Integer order = compareIpv6(a);
            return order == null ? null : (Object) (long) order;
        }, "ipv6_compare('fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998') is 0"));

        registry.add(ScalarFunction.of("ipv6_is_match", 2, 3, addresses(ScalarType.BOOL, 2), (a, call) -> {
            Integer order = compareIpv6(a);
            return order == null ? null : (Object) (order == 0);
        }, "ipv6_is_match('192.168.1.1', '::ffff:c0a8:0101') is true"));

        registry.add(ScalarFunction.of("ipv6_is_in_range", 2, 2, addresses(ScalarType.BOOL, 2), (a, call) -> {
            Ipv6 ip = ipv6(a[0]);
            Ipv6 range = ipv6(a[1]);
            return ip == null || range == null ? null : (Object) inRange(ip, range);
        }, "ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112') is true"));

        registry.add(ScalarFunction.of("ipv6_is_in_any_range", 2, Integer.MAX_VALUE, allText(ScalarType.BOOL), (a, call) -> inAnyRange(a, IpFunctions::ipv6, IpFunctions::inRange),
                "ipv6_is_in_any_range('fe80::1', dynamic(['fe80::/16'])) is true"));
    }

    /** ipv6_compare's result: -1, 0 or 1 under the shortest of the written and passed prefixes; null on failure. */
    private static Integer compareIpv6(Object[] a) {
        Ipv6 left = ipv6(a[0]);
        Ipv6 right = ipv6(a[1]);
        Integer prefix = a.length > 2 ? prefixArgument(a[2], 128) : Integer.valueOf(128);
        if (left == null || right == null || prefix == null) {
            return null;
        }
        int bits = Math.min(prefix, Math.min(left.prefix(), right.prefix()));
        return compareUnsigned(left.masked(bits), right.masked(bits));
    }

    private static int compareUnsigned(Ipv6 x, Ipv6 y) {
        int high = Long.compareUnsigned(x.high(), y.high());
        return Integer.signum(high != 0 ? high : Long.compareUnsigned(x.low(), y.low()));
    }

    private static boolean inRange(Ipv6 ip, Ipv6 range) {
        int bits = range.prefix();
        Ipv6 network = ip.masked(ip.prefix());
        return ip.prefix() >= bits && compareUnsigned(network.masked(bits), range.masked(bits)) == 0;
    }

    private static long highMask(int bits) {
        return bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
    }

    private static long lowMask(int bits) {
        return bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
    }

    /** Eight groups of four lower-case hex digits, as parse_ipv6 writes them. */
    private static String canonical(Ipv6 ip) {
        StringBuilder out = new StringBuilder(39);
        for (int group = 0; group < 8; group++) {
            long word = group < 4 ? ip.high() >>> (48 - 16 * group) : ip.low() >>> (48 - 16 * (group - 4));
            if (group > 0) {
                out.append(':');
            }
            String hex = Long.toHexString(word & 0xFFFF);
            out.append("0000", hex.length(), 4).append(hex);
        }
        return out.toString();
    }

    /** The IPv6 (or IPv4, as IPv4-mapped) address of a string with an optional {@code /prefix}, or null. */
    static Ipv6 ipv6(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        int slash = text.indexOf('/');
        int end = slash < 0 ? text.length() : slash;
        long[] words = new long[8];
        boolean mapped;
        if (text.lastIndexOf(':', end - 1) < 0) {
            long v4 = dottedQuad(text, 0, end);
            if (v4 < 0) {
                return null;
            }
            words[5] = 0xFFFF;
            words[6] = v4 >>> 16;
            words[7] = v4 & 0xFFFF;
            mapped = true;
        } else {
            Boolean tail = ipv6Words(text, end, words);
            if (tail == null) {
                return null;
            }
            mapped = tail && words[0] == 0 && words[1] == 0 && words[2] == 0 && words[3] == 0 && words[4] == 0
                    && (words[5] == 0 || words[5] == 0xFFFF);
            if (mapped) {
                words[5] = 0xFFFF;
            }
        }
        int prefix = 128;
        if (slash >= 0) {
            int written = smallNumber(text, slash + 1, text.length(), mapped ? 32 : 128);
            if (written < 0) {
                return null;
            }
            prefix = mapped ? 96 + written : written;
        }
        long high = words[0] << 48 | words[1] << 32 | words[2] << 16 | words[3];
        long low = words[4] << 48 | words[5] << 32 | words[6] << 16 | words[7];
        return new Ipv6(high, low, prefix);
    }

    /**
     * Fills the eight 16-bit words of IPv6 text[0, end): hex groups of 1-4 digits, at most one {@code ::},
     * optionally ending in a dotted IPv4 (two words). Returns whether it ended in a dotted IPv4, or null
     * if the text is not an IPv6 address.
     */
    private static Boolean ipv6Words(String text, int end, long[] words) {
        int gap = text.indexOf("::");
        if (gap >= end) {
            gap = -1;
        }
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0 && text.indexOf("::", gap + 1) < end) {
            return null;
        }
        List<long[]> head = new ArrayList<>();
        List<long[]> tail = new ArrayList<>();
        boolean dottedTail;
        if (gap < 0) {
            Boolean dotted = groups(text, 0, end, head);
            if (dotted == null || head.size() != 8) {
                return null;
            }
            dottedTail = dotted;
        } else {
            Boolean headDotted = gap == 0 ? Boolean.FALSE : groups(text, 0, gap, head);
            Boolean tailDotted = gap + 2 == end ? Boolean.FALSE : groups(text, gap + 2, end, tail);
            if (headDotted == null || tailDotted == null || headDotted || head.size() + tail.size() > 7) {
                return null;
            }
            dottedTail = tailDotted;
        }
        for (int i = 0; i < head.size(); i++) {
            words[i] = head.get(i)[0];
        }
        for (int i = 0; i < tail.size(); i++) {
            words[8 - tail.size() + i] = tail.get(i)[0];
        }
        return dottedTail;
    }

    /** Parses colon-separated groups of text[from, to) into 16-bit words; whether the last was a dotted IPv4, or null. */
    private static Boolean groups(String text, int from, int to, List<long[]> out) {
        int start = from;
        while (true) {
            int colon = text.indexOf(':', start);
            int stop = colon < 0 || colon >= to ? to : colon;
            if (stop == to && text.lastIndexOf('.', to - 1) >= start) {
                long v4 = dottedQuad(text, start, to);
                if (v4 < 0) {
                    return null;
                }
                out.add(new long[] {v4 >>> 16});
                out.add(new long[] {v4 & 0xFFFF});
                return true;
            }
            int length = stop - start;
            if (length < 1 || length > 4) {
                return null;
            }
            long word = 0;
            for (int i = start; i < stop; i++) {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0) {
                    return null;
                }
                word = word << 4 | digit;
            }
            out.add(new long[] {word});
            if (stop == to) {
                return false;
            }
            start = stop + 1;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // has_ipv4 and friends

    private static void textMatch(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("has_ipv4", 2, 2, allText(ScalarType.BOOL), KERNEL_HANDLES_NULLS, (a, call) -> {
            long[] wanted = ipv4Needle(a[1]);
            return wanted != null && containsIpv4(a[0], List.of(wanted));
        }, "has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico', '127.0.0.1') is true"));

        registry.add(ScalarFunction.of("has_ipv4_prefix", 2, 2, allText(ScalarType.BOOL), KERNEL_HANDLES_NULLS, (a, call) -> {
            long[] wanted = ipv4PrefixNeedle(a[1]);
            return wanted != null && containsIpv4(a[0], List.of(wanted));
        }, "has_ipv4_prefix('from 127.0.0.1', '127.0.') is true; '127.0' is not a valid prefix"));

        registry.add(ScalarFunction.of("has_any_ipv4", 2, Integer.MAX_VALUE, allText(ScalarType.BOOL), KERNEL_HANDLES_NULLS, (a, call) -> {
            List<long[]> wanted = new ArrayList<>();
            for (Object needle : flatten(a, 1)) {
                long[] parsed = ipv4Needle(needle);
                if (parsed != null) {
                    wanted.add(parsed);
                }
            }
            return containsIpv4(a[0], wanted);
        }, "has_any_ipv4('from 127.0.0.1', dynamic(['127.0.0.1', '10.0.0.1'])) is true"));

        registry.add(ScalarFunction.of("has_any_ipv4_prefix", 2, Integer.MAX_VALUE, allText(ScalarType.BOOL), KERNEL_HANDLES_NULLS, (a, call) -> {
            List<long[]> wanted = new ArrayList<>();
            for (Object needle : flatten(a, 1)) {
                long[] parsed = ipv4PrefixNeedle(needle);
                if (parsed != null) {
                    wanted.add(parsed);
                }
            }
            return containsIpv4(a[0], wanted);
        }, "has_any_ipv4_prefix('from 127.0.0.1', '10.', '127.0.') is true"));
    }

    /** A full IPv4 address to look for, as {value, octets = 4}; null if the needle is not one (no prefix allowed). */
    private static long[] ipv4Needle(Object needle) {
        if (!(needle instanceof String text) || text.indexOf('/') >= 0) {
            return null;
        }
        long address = dottedQuad(text, 0, text.length());
        return address < 0 ? null : new long[] {address, 4};
    }

    /**
     * An IPv4 prefix to look for, as {value of its octets, number of octets}: the docs accept a full address
     * ({@code 192.168.1.11}) or one to three octets each followed by a dot ({@code 192.}, {@code 192.168.1.}).
     */
    private static long[] ipv4PrefixNeedle(Object needle) {
        if (!(needle instanceof String text)) {
            return null;
        }
        long[] full = ipv4Needle(text);
        if (full != null) {
            return full;
        }
        if (!text.endsWith(".")) {
            return null;
        }
        long value = 0;
        int octets = 0;
        int start = 0;
        while (start < text.length()) {
            int dot = text.indexOf('.', start);
            int octet = smallNumber(text, start, dot, 255);
            if (octet < 0 || ++octets > 3) {
                return null;
            }
            value = value << 8 | octet;
            start = dot + 1;
        }
        return new long[] {value, octets};
    }

    /**
     * Whether the text holds, as a term, an IPv4 address whose leading octets equal one of the needles.
     * The docs require addresses "properly delimited with non-alphanumeric characters": an address here is
     * four dotted octets (1-3 digits, at most 255) not joined to a letter or digit on either side, nor to a
     * further dotted number (so {@code 1.2.3.4.5} holds no address, while a sentence's final dot is fine).
     * {@code 05:04:54127.0.0.1} holds none: its first "octet" is {@code 54127}.
     */
    private static boolean containsIpv4(Object source, List<long[]> needles) {
        if (needles.isEmpty()) {
            return false;
        }
        String text = OperatorFunctions.searchable(source);
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || !termStart(text, i)) {
                i++;
                continue;
            }
            long address = 0;
            int at = i;
            boolean valid = true;
            for (int part = 0; part < 4 && valid; part++) {
                int start = at;
                while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                    at++;
                }
                int octet = smallNumber(text, start, at, 255);
                if (octet < 0) {
                    valid = false;
                } else {
                    address = address << 8 | octet;
                    if (part < 3) {
                        if (at < length && text.charAt(at) == '.') {
                            at++;
                        } else {
                            valid = false;
                        }
                    }
                }
            }
            if (valid && termEnd(text, at) && matchesAny(address, needles)) {
                return true;
            }
            // Skip the rest of this digit run: an address cannot start inside a number.
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
        }
        return false;
    }

    private static boolean matchesAny(long address, List<long[]> needles) {
        for (long[] needle : needles) {
            if (address >>> (8 * (4 - needle[1])) == needle[0]) {
                return true;
            }
        }
        return false;
    }

    private static boolean termStart(String text, int at) {
        if (at == 0) {
            return true;
        }
        char before = text.charAt(at - 1);
        return !Values.isAlphanumeric(before) && !(before == '.' && at >= 2 && isDigit(text.charAt(at - 2)));
    }

    private static boolean termEnd(String text, int at) {
        if (at == text.length()) {
            return true;
        }
        char after = text.charAt(at);
        return !Values.isAlphanumeric(after) && !(after == '.' && at + 1 < text.length() && isDigit(text.charAt(at + 1)));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
