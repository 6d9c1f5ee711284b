package dev.trawl.hunt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import dev.trawl.hunt.AnomalyQueries;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import dev.trawl.hunt.RunReport;
import dev.trawl.hunt.report.ChartFixtures;
import dev.trawl.hunt.report.HtmlReport;
import dev.trawl.kql.syntax.SourceText;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The per-actor rule and the shipped exclusions, as shipped in {@code rules/}, over the demo tenant: with the
 * exclusions they raise the exfiltration and nothing else; without them the benign scenarios show; no exclusion
 * hides a record of the theft; and the report draws what the rule computed.
 */
class DemoDetectionTest {
    private static final DemoFixture.Tenant TENANT = DemoFixture.tenant();

    private static List<Demo.JudgedAlert> run(Rule rule, Exclusions exclusions) {
        Hunt.Run run = Hunt.run(rule, TENANT.tables(), new Hunt.Options(TENANT.truth().now(), exclusions, 5));
        return Demo.judge(run.alerts(), TENANT.truth());
    }

    @Test
    void thePerActorRuleWithTheShippedExclusionsFlagsTheExfiltrationWindowAndNoBenignScenario() {
        List<Demo.JudgedAlert> alerts = run(Demo.shippedRule(Demo.PER_ACTOR_RULE), Demo.shippedExclusions());
        assertEquals(1, alerts.size(), alerts.toString());
        Demo.JudgedAlert alert = alerts.get(0);
        assertTrue(alert.exfiltration(), alert.toString());
        GroundTruth.Exfiltration theft = TENANT.truth().exfiltration();
        // The alert's window is the theft's hours, whole: from its first hour to the end of its last.
        assertEquals(theft.interval().start().truncatedTo(ChronoUnit.HOURS), alert.alert().windowStart());
        assertEquals(theft.interval().end().minusNanos(1).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS),
                alert.alert().windowEnd());
        assertEquals(List.of(theft.accountObjectId()), alert.alert().entities().get("Account").subList(0, 1));
        assertEquals(List.of(theft.clientAppId()), alert.alert().entities().get("CloudApplication"));
    }

    @Test
    void withoutTheExclusionsTheBenignScenariosAreFlaggedToo() {
        List<Demo.JudgedAlert> alerts = run(Demo.shippedRule(Demo.PER_ACTOR_RULE), Exclusions.NONE);
        assertTrue(alerts.stream().anyMatch(Demo.JudgedAlert::exfiltration));
        List<String> benign = alerts.stream().filter(a -> !a.exfiltration()).map(Demo.JudgedAlert::scenario).distinct().toList();
        assertTrue(benign.containsAll(List.of(GroundTruth.Scenario.COMPLIANCE_ADMIN, GroundTruth.Scenario.ARCHIVE_JOB)),
                benign.toString());
        assertFalse(benign.contains("background"), "each benign alert is one of the planted scenarios: " + benign);
    }

    @Test
    void noExclusionHidesARecordOfTheTheft() {
        GroundTruth.Exfiltration theft = TENANT.truth().exfiltration();
        Engine engine = new Engine(TENANT.truth().now());
        TENANT.tables().registerOn(engine);
        for (Exclusions.Exclusion exclusion : Demo.shippedExclusions().exclusions()) {
            engine.hideRows(exclusion.table(), exclusion.where());
        }
        long left = (Long) engine.run("CloudAppEvents | where AccountObjectId == '" + theft.accountObjectId()
                + "' | count").value(0, 0);
        assertEquals(theft.records(), left);
    }

    @Test
    void theSeedRuleUntunedAlsoFlagsBenignHoursAndItsExclusionsRemoveThem() {
        Rule seed = Demo.shippedRule(Demo.SEED_RULE);
        List<Demo.JudgedAlert> untuned = run(seed, Exclusions.NONE);
        List<Demo.JudgedAlert> tuned = run(seed, Demo.shippedExclusions());
        assertTrue(untuned.stream().anyMatch(Demo.JudgedAlert::exfiltration));
        assertTrue(tuned.stream().anyMatch(Demo.JudgedAlert::exfiltration));
        long untunedBenign = untuned.stream().filter(a -> !a.exfiltration()).count();
        long tunedBenign = tuned.stream().filter(a -> !a.exfiltration()).count();
        assertTrue(untunedBenign > tunedBenign, untunedBenign + " benign alerts untuned, " + tunedBenign + " tuned");
    }

    @Test
    void theReportDrawsTheRulesSeriesBaselineAndOneMarkerPerAnomaly() {
        Rule rule = Demo.shippedRule(Demo.PER_ACTOR_RULE);
        Hunt.Options options = new Hunt.Options(TENANT.truth().now(), Demo.shippedExclusions(), 5);
        Hunt.Run run = Hunt.run(rule, TENANT.tables(), options);
        List<AnomalyQueries.SeriesView> series = AnomalyQueries.series(
                new SourceText("q", rule.query().text()), TENANT.tables(), options);
        String html = HtmlReport.render(RunReport.of(run, series, List.of()));
        int from = html.indexOf("<svg");
        String svg = html.substring(from, html.indexOf("</svg>", from) + "</svg>".length());
        Document chart = ChartFixtures.parse(svg.replaceFirst("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\""));
        // The first chart is the alerted actor's: the malicious app.
        String actor = TENANT.truth().exfiltration().accountObjectId();
        AnomalyQueries.SeriesView drawn = series.stream().filter(s -> s.label().equals("Actor=" + actor)).findFirst().orElseThrow();
        Element group = ChartFixtures.byClass(chart, "g", "series-group").get(0);
        assertEquals("Actor=" + actor, group.getAttribute("data-series"));
        Element line = ChartFixtures.byClass(chart, "path", "series").get(0);
        assertEquals(String.valueOf(drawn.values().length), line.getAttribute("data-points"));
        assertEquals(1, ChartFixtures.byClass(chart, "path", "baseline").size());
        long flagged = java.util.Arrays.stream(drawn.flags()).filter(f -> f != 0).count();
        assertTrue(flagged >= 2, "the theft's hours are flagged: " + flagged);
        assertEquals(flagged, ChartFixtures.byClass(chart, "circle", "anomaly").size());
    }
}
