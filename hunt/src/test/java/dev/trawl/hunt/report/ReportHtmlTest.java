package dev.trawl.hunt.report;

import static dev.trawl.hunt.report.ChartFixtures.byClass;
import static dev.trawl.hunt.report.ChartFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report: well-formed, self-contained, escaped, and holding every section's content. */
class ReportHtmlTest {
    private static final String HTML = HtmlReport.render(ReportFixture.input());

    @Test
    void theReportIsWellFormed() {
        Document document = parse(HTML);
        assertEquals("html", document.getDocumentElement().getTagName());
        assertTrue(HTML.startsWith("<!DOCTYPE html>"));
        assertEquals(1, document.getElementsByTagName("body").getLength());
    }

    /** Nothing is fetched when the page opens: no URL, script, stylesheet link, image source or CSS import. */
    @Test
    void theReportIsSelfContained() {
        String lower = HTML.toLowerCase(java.util.Locale.ROOT);
        for (String forbidden : List.of("http://", "https://", "<script", "<link", " src=", "@import", "<iframe",
                "<object", "<img")) {
            assertFalse(lower.contains(forbidden), "the report contains " + forbidden);
        }
        Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(lower);
        while (urls.find()) {
            assertTrue(urls.group(1).startsWith("#"), "only in-page references: " + urls.group());
        }
        assertTrue(lower.contains("<style>"), "the CSS is inline");
    }

    @Test
    void everyTextIsEscaped() {
        assertFalse(HTML.contains("<script>alert(1)</script>"));
        assertFalse(HTML.contains("<folder"));
        Document document = parse(HTML);
        assertEquals(ReportFixture.HOSTILE_NAME, document.getElementsByTagName("h1").item(0).getTextContent());
        assertEquals("Trawl report: " + ReportFixture.HOSTILE_NAME,
                document.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void theHeaderNamesTheRuleAndTheRun() {
        Document document = parse(HTML);
        assertEquals("b5c5b6a5-1c8a-4bc4-9b1c-7d1e5c5c8f3a", byClass(document, "dd", "rule-id").get(0).getTextContent());
        assertEquals(List.of("Collection", "Exfiltration"),
                byClass(document, "span", "tactic").stream().map(Element::getTextContent).toList());
        assertEquals("2024-03-15 00:00 UTC", byClass(document, "dd", "now").get(0).getTextContent());
        assertEquals("2024-03-01 00:00 UTC to 2024-03-15 00:00 UTC",
                byClass(document, "dd", "window").get(0).getTextContent());
    }

    /** Each chart is inline SVG with its own ids, so the aria references of one chart never name another's. */
    @Test
    void theChartsAreInlineWithUniqueIds() {
        Document document = parse(HTML);
        NodeList svgs = document.getElementsByTagName("svg");
        assertEquals(2, svgs.getLength());
        Set<String> ids = new HashSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            assertTrue(id.isEmpty() || ids.add(id), "duplicate id " + id);
        }
        for (int i = 0; i < svgs.getLength(); i++) {
            for (String reference : ((Element) svgs.item(i)).getAttribute("aria-labelledby").split(" ")) {
                assertTrue(ids.contains(reference), "aria-labelledby names an element: " + reference);
            }
        }
        int anomalies = ReportFixture.input().charts().stream().mapToInt(Chart::anomalyCount).sum();
        assertEquals(anomalies, byClass(document, "circle", "anomaly").size());
        assertEquals(2, byClass(document, "path", "band").size());
    }

    @Test
    void theAlertsTableShowsWindowEntitiesCountAndAFewEvidenceRows() {
        Document document = parse(HTML);
        List<Element> alerts = byClass(document, "tr", "alert");
        assertEquals(1, alerts.size());
        Element alert = alerts.get(0);
        assertEquals("2024-03-09 13:00 UTC to 2024-03-09 14:00 UTC", byClass(alert, "td", "alert-window").get(0)
                .getTextContent());
        assertEquals(List.of("Account", "IP"),
                byClass(alert, "span", "entity-kind").stream().map(Element::getTextContent).toList());
        assertEquals("203.0.113.7", byClass(alert, "span", "entity-value").get(1).getTextContent());
        assertEquals("130", byClass(alert, "td", "evidence-count").get(0).getTextContent());
        Element evidence = byClass(document, "table", "evidence").get(0);
        assertEquals(HtmlReport.EVIDENCE_ROWS_SHOWN, evidence.getElementsByTagName("tbody").item(0).getChildNodes()
                .getLength() - countText(evidence.getElementsByTagName("tbody").item(0).getChildNodes()));
        assertEquals("Bind <folder 0>", ((Element) evidence.getElementsByTagName("td").item(2)).getTextContent());
        assertEquals("5 of 130 evidence rows shown.", byClass(document, "p", "more").get(0).getTextContent());
    }

    @Test
    void theExclusionsTableCountsRemovedEvents() {
        Document document = parse(HTML);
        List<Element> rows = byClass(document, "tr", "exclusion");
        assertEquals(List.of("Backup service account4210", "eDiscovery search37"),
                rows.stream().map(Element::getTextContent).toList());
    }

    @Test
    void notesComeErrorsFirst() {
        Document document = parse(HTML);
        List<String> classes = byClass(document, "li", "note").stream().map(e -> e.getAttribute("class")).toList();
        assertEquals(List.of("note note-error", "note note-warning", "note note-info"), classes);
        assertTrue(byClass(document, "li", "note-warning").get(0).getTextContent().contains("[lint]"));
    }

    @Test
    void anEmptyRunSaysSoInEverySection(@TempDir Path folder) throws IOException {
        ReportInput empty = new ReportInput("id", "quiet rule", List.of(), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                List.of(), List.of(), List.of(), List.of());
        Path file = folder.resolve("report.html");
        HtmlReport.write(empty, file);
        Document document = parse(Files.readString(file));
        assertEquals(5, byClass(document, "*", "empty").size(), "tactics, charts, alerts, exclusions, notes");
    }

    @Test
    void alertInputIsChecked() {
        EvidenceSample two = new EvidenceSample(List.of("a"), List.of(List.of("1"), List.of("2")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AlertSummary(Instant.EPOCH, Instant.EPOCH, Map.of(), 1, two));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EvidenceSample(List.of("a", "b"), List.of(List.of("1"))));
    }

    private static int countText(NodeList nodes) {
        int text = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            text += nodes.item(i) instanceof Element ? 0 : 1;
        }
        return text;
    }
}
