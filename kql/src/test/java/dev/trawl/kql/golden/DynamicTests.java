package dev.trawl.kql.golden;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/** Running the golden runner's dynamic tests from a test about the runner itself. */
public final class DynamicTests {
    private DynamicTests() {
    }

    /** The tests under these nodes, containers opened, in order. */
    public static List<DynamicTest> flatten(List<DynamicNode> nodes) {
        List<DynamicTest> tests = new ArrayList<>();
        for (DynamicNode node : nodes) {
            if (node instanceof DynamicTest test) {
                tests.add(test);
            } else if (node instanceof DynamicContainer container) {
                tests.addAll(flatten(container.getChildren().map(DynamicNode.class::cast).toList()));
            }
        }
        return tests;
    }

    /** Whether each test passes, in order. */
    public static List<Boolean> outcomes(List<DynamicTest> tests) {
        return tests.stream().map(t -> failure(t) == null).toList();
    }

    /** Runs the test: null when it passes, else its failure's message. */
    public static String failure(DynamicTest test) {
        try {
            test.getExecutable().execute();
            return null;
        } catch (Throwable t) {
            return String.valueOf(t.getMessage());
        }
    }
}
