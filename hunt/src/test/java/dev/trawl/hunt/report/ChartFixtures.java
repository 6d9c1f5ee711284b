package dev.trawl.hunt.report;

import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeedFixture;
import dev.trawl.series.TrendKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Series shaped like the seed rule's (hourly mailbox accesses over 14 days) and helpers to read the SVG back. */
public final class ChartFixtures {
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    static final int HOURS = SeedFixture.HOURS;
    static final int SPIKE_INDEX = SeedFixture.SPIKE_INDEX;
    static final int DIP_INDEX = 10 * 24 + 12;

    private ChartFixtures() {
    }

    static List<Instant> hourly(int count) {
        List<Instant> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(START.plus(Duration.ofHours(i)));
        }
        return times;
    }

    /** The series module's seed fixture (office hours, drift, jitter, a spike of +80), plus a working-hours dip. */
    static double[] mailboxAccesses(long seed) {
        double[] x = SeedFixture.hourlyCounts(seed);
        x[DIP_INDEX] = 1;
        return x;
    }

    /** The seed rule's decomposition: series_decompose_anomalies(counts, 1.5, -1, 'linefit'). */
    static ChartSeries decomposedAccesses(String label, long seed) {
        return ChartSeries.decomposed(label, hourly(HOURS), mailboxAccesses(seed), 1.5, -1, TrendKind.LINEFIT, 0,
                OutlierKind.CTUKEY);
    }

    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** Elements of a tag whose class attribute holds the class. */
    public static List<Element> byClass(Document document, String tag, String className) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (List.of(element.getAttribute("class").split(" ")).contains(className)) {
                found.add(element);
            }
        }
        return found;
    }

    static List<Element> byClass(Element parent, String tag, String className) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (List.of(element.getAttribute("class").split(" ")).contains(className)) {
                found.add(element);
            }
        }
        return found;
    }

    /** A path's d as (command, x, y) vertices; the renderer writes only M, L and Z. */
    record Vertex(char command, double x, double y) {
    }

    static List<Vertex> vertices(String d) {
        List<Vertex> vertices = new ArrayList<>();
        String[] tokens = d.trim().split("\\s+");
        int i = 0;
        while (i < tokens.length) {
            String token = tokens[i];
            char command = token.charAt(0);
            if (command == 'Z') {
                i++;
                continue;
            }
            if (command != 'M' && command != 'L') {
                throw new AssertionError("unexpected path command in " + d);
            }
            vertices.add(new Vertex(command, Double.parseDouble(token.substring(1)), Double.parseDouble(tokens[i + 1])));
            i += 2;
        }
        return vertices;
    }
}
