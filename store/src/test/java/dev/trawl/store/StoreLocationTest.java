package dev.trawl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    @Test
    void perUserDataFolderByPlatformAndOverride() {
        assertEquals(Path.of("/home/ana/.local/share/trawl/store"), StoreLocation.defaultStore(Map.of(), "Linux", "/home/ana"));
        assertEquals(Path.of("/data/trawl/store"), StoreLocation.defaultStore(Map.of("XDG_DATA_HOME", "/data"), "Linux", "/home/ana"));
        assertEquals(Path.of("/cases/7"), StoreLocation.defaultStore(Map.of("TRAWL_STORE", "/cases/7"), "Linux", "/home/ana"));
        assertEquals(Path.of("/Users/ana/Library/Application Support/Trawl/store"),
                StoreLocation.defaultStore(Map.of(), "Mac OS X", "/Users/ana"));
        assertEquals(Path.of("C:/Users/ana/AppData/Local", "Trawl", "store"),
                StoreLocation.defaultStore(Map.of("LOCALAPPDATA", "C:/Users/ana/AppData/Local"), "Windows 11", "C:/Users/ana"));
    }
}
