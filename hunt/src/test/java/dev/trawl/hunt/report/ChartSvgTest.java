package dev.trawl.hunt.report;

import static dev.trawl.hunt.report.ChartFixtures.byClass;
import static dev.trawl.hunt.report.ChartFixtures.parse;
import static dev.trawl.hunt.report.ChartFixtures.vertices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.hunt.report.ChartFixtures.Vertex;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SVG read back as XML: one vertex per value, the baseline, the band, one marker per anomaly where it belongs. */
class ChartSvgTest {
    private static final double PIXEL = 0.006; // coordinates are written to a hundredth of a pixel

    private static final ChartSeries SEED = ChartFixtures.decomposedAccesses("alice@contoso.com", 0);
    private static final Chart CHART = new Chart("MailItemsAccessed per hour", ChartKind.ANOMALYCHART, List.of(SEED),
            "events");

    @Test
    void theSeriesPathHasOneVertexPerValueOnTheScale() {
        Document svg = parse(SvgChart.render(CHART));
        PlotScale scale = SvgChart.scale(CHART, SvgChart.Options.defaults());
        List<Element> paths = byClass(svg, "path", "series");
        assertEquals(1, paths.size());
        List<Vertex> vertices = vertices(paths.get(0).getAttribute("d"));
        assertEquals(SEED.size(), vertices.size());
        double[] values = SEED.values();
        for (int i = 0; i < values.length; i++) {
            assertEquals(scale.x(SEED.times().get(i)), vertices.get(i).x(), PIXEL, "x of point " + i);
            assertEquals(scale.y(values[i]), vertices.get(i).y(), PIXEL, "y of point " + i);
            assertEquals(i == 0 ? 'M' : 'L', vertices.get(i).command());
        }
        assertEquals(scale.left(), vertices.get(0).x(), PIXEL, "the first point is on the left edge");
        assertEquals(scale.right(), vertices.get(values.length - 1).x(), PIXEL, "the last point is on the right edge");
    }

    @Test
    void theSpikeIsTheHighestVertex() {
        List<Vertex> vertices = vertices(byClass(parse(SvgChart.render(CHART)), "path", "series").get(0)
                .getAttribute("d"));
        int highest = 0;
        for (int i = 1; i < vertices.size(); i++) {
            highest = vertices.get(i).y() < vertices.get(highest).y() ? i : highest;
        }
        assertEquals(ChartFixtures.SPIKE_INDEX, highest, "SVG y grows downwards, so the spike has the smallest y");
    }

    @Test
    void theBaselinePathFollowsTheBaseline() {
        Document svg = parse(SvgChart.render(CHART));
        PlotScale scale = SvgChart.scale(CHART, SvgChart.Options.defaults());
        List<Vertex> vertices = vertices(byClass(svg, "path", "baseline").get(0).getAttribute("d"));
        double[] baseline = SEED.anomalies().orElseThrow().baseline();
        assertEquals(baseline.length, vertices.size());
        for (int i = 0; i < baseline.length; i++) {
            assertEquals(scale.y(baseline[i]), vertices.get(i).y(), PIXEL, "baseline at " + i);
        }
    }

    /** The band goes out along baseline + upper fence and back along baseline + lower fence, around the baseline. */
    @Test
    void theBandIsTheBaselineShiftedByTheFences() {
        Document svg = parse(SvgChart.render(CHART));
        PlotScale scale = SvgChart.scale(CHART, SvgChart.Options.defaults());
        Element bandPath = byClass(svg, "path", "band").get(0);
        List<Vertex> vertices = vertices(bandPath.getAttribute("d"));
        AnomalyBand band = AnomalyBand.of(SEED).orElseThrow();
        double[] baseline = SEED.anomalies().orElseThrow().baseline();
        int n = SEED.size();
        assertEquals(2 * n, vertices.size());
        assertTrue(band.fences().lower() < 0 && band.fences().upper() > 0, "the fences straddle a zero residual");
        for (int i = 0; i < n; i++) {
            Vertex up = vertices.get(i);
            Vertex down = vertices.get(2 * n - 1 - i);
            assertEquals(scale.x(SEED.times().get(i)), up.x(), PIXEL);
            assertEquals(up.x(), down.x(), PIXEL, "the way back passes the same times");
            assertEquals(scale.y(baseline[i] + band.fences().upper()), up.y(), PIXEL, "upper bound at " + i);
            assertEquals(scale.y(baseline[i] + band.fences().lower()), down.y(), PIXEL, "lower bound at " + i);
        }
        assertEquals("1.5", bandPath.getAttribute("data-threshold"));
        assertEquals(band.fences().upper(), Double.parseDouble(bandPath.getAttribute("data-upper-fence")));
    }

    @Test
    void exactlyOneMarkerPerAnomalyOnItsVertex() {
        Document svg = parse(SvgChart.render(CHART));
        List<Vertex> series = vertices(byClass(svg, "path", "series").get(0).getAttribute("d"));
        List<Element> markers = byClass(svg, "circle", "anomaly");
        AnomalyOverlay overlay = SEED.anomalies().orElseThrow();
        double[] flags = overlay.flags();
        double[] scores = overlay.scores();
        double[] values = SEED.values();
        assertTrue(flags[ChartFixtures.SPIKE_INDEX] == 1 && flags[ChartFixtures.DIP_INDEX] == -1,
                "the fixture's spike and dip are flagged");
        assertEquals(SEED.anomalyCount(), markers.size());
        Set<Integer> marked = new HashSet<>();
        for (Element marker : markers) {
            int i = Integer.parseInt(marker.getAttribute("data-index"));
            assertTrue(marked.add(i), "one marker for point " + i);
            assertNotEquals(0.0, flags[i], "point " + i + " is flagged");
            assertTrue(marker.getAttribute("class").contains(flags[i] > 0 ? "anomaly-up" : "anomaly-down"));
            assertEquals(series.get(i).x(), Double.parseDouble(marker.getAttribute("cx")), PIXEL);
            assertEquals(series.get(i).y(), Double.parseDouble(marker.getAttribute("cy")), PIXEL);
            assertEquals(SEED.times().get(i), Instant.parse(marker.getAttribute("data-time")));
            assertEquals(values[i], Double.parseDouble(marker.getAttribute("data-value")));
            assertEquals(scores[i], Double.parseDouble(marker.getAttribute("data-score")));
        }
        for (int i = 0; i < flags.length; i++) {
            assertEquals(flags[i] != 0, marked.contains(i), "marker at " + i);
        }
    }

    @Test
    void aTimechartDrawsLinesWithoutBandOrMarkers() {
        Chart timechart = new Chart("plain", ChartKind.TIMECHART, List.of(SEED), "events");
        Document svg = parse(SvgChart.render(timechart));
        assertEquals(1, byClass(svg, "path", "series").size());
        assertEquals(1, byClass(svg, "path", "baseline").size(), "the baseline is a column like any other");
        assertEquals(0, byClass(svg, "path", "band").size());
        assertEquals(0, byClass(svg, "circle", "anomaly").size());
        ChartSeries plain = ChartSeries.of("counts", ChartFixtures.hourly(3), new double[] {1, 2, 3});
        Document plainSvg = parse(SvgChart.render(new Chart("p", ChartKind.ANOMALYCHART, List.of(plain), "n")));
        assertEquals(0, byClass(plainSvg, "path", "baseline").size(), "no overlay, no baseline");
        assertEquals(0, byClass(plainSvg, "path", "band").size());
    }

    @Test
    void severalSeriesShareOneChartOrGetOneEach() {
        ChartSeries bob = ChartFixtures.decomposedAccesses("bob@contoso.com", 1);
        Chart shared = new Chart("two mailboxes", ChartKind.ANOMALYCHART, List.of(SEED, bob), "events");
        Document svg = parse(SvgChart.render(shared));
        List<Element> groups = byClass(svg, "g", "series-group");
        assertEquals(2, groups.size());
        assertEquals("alice@contoso.com", groups.get(0).getAttribute("data-series"));
        assertEquals("bob@contoso.com", groups.get(1).getAttribute("data-series"));
        for (int g = 0; g < 2; g++) {
            ChartSeries series = g == 0 ? SEED : bob;
            Element group = groups.get(g);
            assertEquals(series.size(), vertices(byClass(group, "path", "series").get(0).getAttribute("d")).size());
            assertEquals(1, byClass(group, "path", "band").size());
            assertEquals(series.anomalyCount(), byClass(group, "circle", "anomaly").size());
        }
        assertNotEquals(byClass(groups.get(0), "path", "series").get(0).getAttribute("stroke"),
                byClass(groups.get(1), "path", "series").get(0).getAttribute("stroke"), "each series its colour");
        assertEquals(SEED.anomalyCount() + bob.anomalyCount(), byClass(svg, "circle", "anomaly").size());

        List<Chart> separate = Chart.onePerSeries("mailbox", ChartKind.ANOMALYCHART, List.of(SEED, bob), "events");
        assertEquals(List.of("mailbox: alice@contoso.com", "mailbox: bob@contoso.com"),
                separate.stream().map(Chart::title).toList());
        for (Chart chart : separate) {
            assertEquals(1, byClass(parse(SvgChart.render(chart)), "g", "series-group").size());
        }
    }

    @Test
    void theChartIsNamedAndDescribedForAssistiveTechnology() {
        Document svg = parse(SvgChart.render(CHART));
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getAttribute("xmlns"), "a standalone file declares SVG");
        assertEquals("img", root.getAttribute("role"));
        String[] labelledBy = root.getAttribute("aria-labelledby").split(" ");
        assertEquals(2, labelledBy.length);
        Element title = (Element) root.getElementsByTagName("title").item(0);
        Element description = (Element) root.getElementsByTagName("desc").item(0);
        assertEquals(labelledBy[0], title.getAttribute("id"));
        assertEquals(labelledBy[1], description.getAttribute("id"));
        assertEquals("MailItemsAccessed per hour", title.getTextContent());
        String text = description.getTextContent();
        assertTrue(text.contains(SEED.anomalyCount() + " anomalies"), text);
        assertTrue(text.contains("alice@contoso.com at 2024-03-09 13:00 UTC"), "the spike is described: " + text);
        for (Element group : byClass(svg, "g", "series-group")) {
            assertTrue(group.getAttribute("aria-label").startsWith("alice@contoso.com: 336 points"));
        }
        List<Element> legend = byClass(svg, "g", "legend-entry");
        assertEquals(List.of("series", "baseline", "band", "anomaly-up", "anomaly-down"),
                legend.stream().map(e -> e.getAttribute("data-entry")).toList());
        assertEquals("not flagged at threshold 1.5", legend.get(2).getTextContent());
    }

    /** Two weeks put ticks on whole UTC days, labelled with the month and day; the values get round ticks. */
    @Test
    void ticksFallOnWholeUtcDaysAndRoundValues() {
        Document svg = parse(SvgChart.render(CHART));
        List<Element> timeTicks = byClass(svg, "g", "x-tick");
        assertTrue(timeTicks.size() >= 4 && timeTicks.size() <= 10, "a readable number of ticks: " + timeTicks.size());
        Instant last = SEED.times().get(SEED.size() - 1);
        for (Element tick : timeTicks) {
            Instant time = Instant.parse(tick.getAttribute("data-time"));
            assertEquals(0, time.atOffset(ZoneOffset.UTC).getHour(), "on midnight UTC: " + time);
            assertFalse(time.isBefore(ChartFixtures.START) || time.isAfter(last));
        }
        assertEquals("Mar 12024", timeTicks.get(0).getTextContent(), "month, day, and the year beneath");
        List<Element> valueTicks = byClass(svg, "g", "y-tick");
        double[] tickValues = valueTicks.stream().mapToDouble(t -> Double.parseDouble(t.getAttribute("data-value")))
                .toArray();
        double step = tickValues[1] - tickValues[0];
        double power = Math.pow(10, Math.floor(Math.log10(step)));
        assertTrue(List.of(1.0, 2.0, 5.0).contains(Math.rint(step / power)), "a 1-2-5 step: " + step);
        for (int i = 1; i < tickValues.length; i++) {
            assertEquals(step, tickValues[i] - tickValues[i - 1], 1e-9, "evenly spaced");
        }
        AnomalyBand band = AnomalyBand.of(SEED).orElseThrow();
        double lowest = Math.min(0, java.util.Arrays.stream(band.lower()).min().orElseThrow());
        double highest = java.util.Arrays.stream(SEED.values()).max().orElseThrow();
        assertTrue(tickValues[0] <= lowest && tickValues[0] > lowest - step, "the axis starts just below the band");
        assertTrue(tickValues[tickValues.length - 1] >= highest
                && tickValues[tickValues.length - 1] < highest + step, "and ends just above the spike");
        assertTrue(java.util.Arrays.stream(tickValues).anyMatch(v -> v == 0), "0 is a tick");
    }

    @Test
    void aDayOfHoursGetsHourTicksWithTheDateWhereItChanges() {
        List<Instant> times = ChartFixtures.hourly(30);
        double[] values = new double[30];
        for (int i = 0; i < 30; i++) {
            values[i] = i % 5;
        }
        Chart chart = new Chart("hours", ChartKind.TIMECHART, List.of(ChartSeries.of("x", times, values)), "n");
        List<Element> ticks = byClass(parse(SvgChart.render(chart)), "g", "x-tick");
        Duration step = Duration.between(Instant.parse(ticks.get(0).getAttribute("data-time")),
                Instant.parse(ticks.get(1).getAttribute("data-time")));
        assertTrue(step.toHours() >= 1 && step.toHours() <= 12 && 24 % step.toHours() == 0, "step " + step);
        assertEquals("00:002024-03-01", ticks.get(0).getTextContent());
        long dated = ticks.stream().filter(t -> t.getTextContent().length() > 5).count();
        assertEquals(2, dated, "the date is printed on the first tick and where the day changes");
    }

    @Test
    void aMissingValueBreaksTheLineAndHasNoMarker() {
        double[] values = {5, 6, Double.NaN, 7, 8};
        double[] flags = {0, 0, 1, 0, 1};
        AnomalyOverlay overlay = AnomalyOverlay.of(new double[] {6, 6, 6, 6, 6}, flags, new double[] {0, 0, 0, 0, 3},
                1.5);
        ChartSeries series = ChartSeries.of("gappy", ChartFixtures.hourly(5), values, overlay);
        Document svg = parse(SvgChart.render(new Chart("gap", ChartKind.ANOMALYCHART, List.of(series), "n")));
        List<Vertex> vertices = vertices(byClass(svg, "path", "series").get(0).getAttribute("d"));
        assertEquals(List.of('M', 'L', 'M', 'L'), vertices.stream().map(Vertex::command).toList());
        List<Element> markers = byClass(svg, "circle", "anomaly");
        assertEquals(1, markers.size());
        assertEquals("4", markers.get(0).getAttribute("data-index"));
    }

    @Test
    void labelsAreEscaped() {
        String label = "<script>&\"x'</script>";
        ChartSeries series = ChartSeries.of(label, ChartFixtures.hourly(3), new double[] {1, 2, 3});
        String rendered = SvgChart.render(new Chart("a < b & c", ChartKind.TIMECHART, List.of(series), "n"));
        assertFalse(rendered.contains("<script>"));
        Document svg = parse(rendered);
        assertEquals(label, byClass(svg, "g", "series-group").get(0).getAttribute("data-series"));
        assertEquals("a < b & c", svg.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void inconsistentInputIsRejected() {
        List<Instant> times = ChartFixtures.hourly(3);
        assertThrows(IllegalArgumentException.class, () -> ChartSeries.of("x", times, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> ChartSeries.of("x", List.of(times.get(1), times.get(0)), new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> AnomalyOverlay.of(new double[3], new double[] {0, 2, 0}, new double[3], 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> ChartSeries.of("x", times, new double[3], AnomalyOverlay.of(new double[2], new double[2],
                        new double[2], 1.5)));
        assertThrows(IllegalArgumentException.class, () -> new Chart("empty", ChartKind.TIMECHART, List.of(), "n"));
    }
}
