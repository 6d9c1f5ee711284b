package dev.trawl.kql.golden;

import dev.trawl.kql.ModuleDirectory;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code src/test/resources/golden/**}{@code /*.kqltest} file. Record or refresh expectations with
 * {@code mvn -q -pl kql test -Dtest=GoldenTest -Dkqltest.update=true [-Dkqltest.filter=diagnostics.kqltest:12]}.
 */
class GoldenTest {
    @TestFactory
    Stream<DynamicNode> golden() {
        return GoldenRunner.fromSystemProperties().tests(ModuleDirectory.path().resolve("src/test/resources/golden"));
    }
}
