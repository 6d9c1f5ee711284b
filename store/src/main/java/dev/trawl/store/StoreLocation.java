package dev.trawl.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the store lives when {@code --store} is not given: {@code $TRAWL_STORE} if set, else the platform's
 * per-user data folder — {@code $XDG_DATA_HOME/trawl/store} (default {@code ~/.local/share/trawl/store}) on
 * Linux, {@code ~/Library/Application Support/Trawl/store} on macOS, {@code %LOCALAPPDATA%\Trawl\store} on
 * Windows. Audit data is sensitive and large: a per-user data folder, not the working directory or /tmp.
 */
public final class StoreLocation {
    private StoreLocation() {
    }

    public static Path defaultStore() {
        // $HOME first, as the XDG rules say and as users expect; Java's user.home comes from the account database.
        String home = System.getenv("HOME");
        return defaultStore(System.getenv(), System.getProperty("os.name", ""),
                home != null && !home.isBlank() ? home : System.getProperty("user.home", "."));
    }

    static Path defaultStore(Map<String, String> env, String os, String home) {
        String explicit = env.get("TRAWL_STORE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String name = os.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : Path.of(home, "AppData", "Local")).resolve("Trawl").resolve("store");
        }
        if (name.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Trawl", "store");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("trawl").resolve("store");
    }
}
