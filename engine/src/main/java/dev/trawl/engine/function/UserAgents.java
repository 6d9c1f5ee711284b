package dev.trawl.engine.function;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * parse_user_agent(): a user-agent string read by uap-core's patterns, the public set of regular expressions
 * whose output Kusto's function has (docs: parse-user-agent-function.md: Browser with Family, MajorVersion,
 * MinorVersion, Patch; OperatingSystem with those and PatchMinor; Device with Family, Brand, Model).
 *
 * <p>The browser and OS come from uap-java's parsers over the patterns it ships. uap-java's device parser
 * keeps only the family, so devices are read here from the same file's {@code device_parsers}, by uap-core's
 * rule: the first pattern that matches decides; {@code device_replacement}, {@code brand_replacement} and
 * {@code model_replacement} have {@code $1}..{@code $9} replaced by the match's groups; without a replacement
 * the family and the model are group 1 and the brand is none; each is trimmed, and an empty one is none.
 *
 * <p>Where Kusto leaves it open: which release of the patterns it uses is not documented, so a rare agent may
 * be named differently (these are uap-java 1.6.1's, the two documented examples come out as documented); a
 * part that is none is the empty string, as the documented Patch of "Nokia OSS Browser" is; an agent nothing
 * matches is Family "Other", as uap-core names it.
 */
final class UserAgents {
    /** One of the parts look_for names: "browser", "os" or "device". */
    enum Part { BROWSER, OS, DEVICE }

    private static final int CACHE_LIMIT = 10_000;

    private record DevicePattern(Pattern regex, String family, String brand, String model) {
    }

    private final ua_parser.Parser parser;
    private final List<DevicePattern> devices;
    /** Agents repeat (a tenant has few browsers), and each read tries hundreds of patterns. */
    private final Map<String, Map<Part, Map<String, Object>>> cache = new ConcurrentHashMap<>();

    private UserAgents() {
        parser = new ua_parser.Parser();
        devices = devicePatterns();
    }

    private static final class Holder {
        static final UserAgents INSTANCE = new UserAgents();
    }

    static UserAgents instance() {
        return Holder.INSTANCE;
    }

    /** The bag Kusto returns for these parts, in the order Browser, OperatingSystem, Device. */
    Map<String, Object> parse(String agent, java.util.Set<Part> parts) {
        Map<Part, Map<String, Object>> all = cache.get(agent);
        if (all == null) {
            all = read(agent);
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(agent, all);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (parts.contains(Part.BROWSER)) {
            out.put("Browser", new LinkedHashMap<>(all.get(Part.BROWSER)));
        }
        if (parts.contains(Part.OS)) {
            out.put("OperatingSystem", new LinkedHashMap<>(all.get(Part.OS)));
        }
        if (parts.contains(Part.DEVICE)) {
            out.put("Device", new LinkedHashMap<>(all.get(Part.DEVICE)));
        }
        return out;
    }

    private Map<Part, Map<String, Object>> read(String agent) {
        ua_parser.UserAgent browser = parser.parseUserAgent(agent);
        ua_parser.OS os = parser.parseOS(agent);
        Map<String, Object> browserPart = new LinkedHashMap<>();
        browserPart.put("Family", text(browser.family, "Other"));
        browserPart.put("MajorVersion", text(browser.major, ""));
        browserPart.put("MinorVersion", text(browser.minor, ""));
        browserPart.put("Patch", text(browser.patch, ""));
        Map<String, Object> osPart = new LinkedHashMap<>();
        osPart.put("Family", text(os.family, "Other"));
        osPart.put("MajorVersion", text(os.major, ""));
        osPart.put("MinorVersion", text(os.minor, ""));
        osPart.put("Patch", text(os.patch, ""));
        osPart.put("PatchMinor", text(os.patchMinor, ""));
        Map<Part, Map<String, Object>> all = new java.util.EnumMap<>(Part.class);
        all.put(Part.BROWSER, browserPart);
        all.put(Part.OS, osPart);
        all.put(Part.DEVICE, device(agent));
        return all;
    }

    private Map<String, Object> device(String agent) {
        Map<String, Object> part = new LinkedHashMap<>();
        for (DevicePattern pattern : devices) {
            Matcher match = pattern.regex().matcher(agent);
            if (match.find()) {
                part.put("Family", text(replaced(pattern.family(), match, true), "Other"));
                part.put("Brand", text(replaced(pattern.brand(), match, false), ""));
                part.put("Model", text(replaced(pattern.model(), match, true), ""));
                return part;
            }
        }
        part.put("Family", "Other");
        part.put("Brand", "");
        part.put("Model", "");
        return part;
    }

    /** A replacement with its $N filled in, else group 1 where uap-core says so; trimmed, null when empty. */
    private static String replaced(String replacement, Matcher match, boolean groupOneByDefault) {
        String value;
        if (replacement == null) {
            value = groupOneByDefault && match.groupCount() >= 1 ? match.group(1) : null;
        } else {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < replacement.length(); i++) {
                char c = replacement.charAt(i);
                if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                    int group = replacement.charAt(++i) - '0';
                    String text = group <= match.groupCount() ? match.group(group) : null;
                    out.append(text == null ? "" : text);
                } else {
                    out.append(c);
                }
            }
            value = out.toString();
        }
        if (value == null) {
            return null;
        }
        value = value.trim();
        return value.isEmpty() ? null : value;
    }

    private static String text(String value, String none) {
        return value == null || value.isEmpty() ? none : value;
    }

    @SuppressWarnings("unchecked")
    private static List<DevicePattern> devicePatterns() {
        try (InputStream in = ua_parser.Parser.class.getResourceAsStream("/ua_parser/regexes.yaml")) {
            if (in == null) {
                throw new IllegalStateException("uap-java's regexes.yaml is missing from the class path");
            }
            Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<DevicePattern> patterns = new ArrayList<>();
            for (Map<String, Object> entry : (List<Map<String, Object>>) file.get("device_parsers")) {
                int flags = "i".equals(entry.get("regex_flag")) ? Pattern.CASE_INSENSITIVE : 0;
                patterns.add(new DevicePattern(Pattern.compile((String) entry.get("regex"), flags),
                        (String) entry.get("device_replacement"), (String) entry.get("brand_replacement"),
                        (String) entry.get("model_replacement")));
            }
            return List.copyOf(patterns);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
