package dev.trawl.hunt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.hunt.Alert;
import dev.trawl.hunt.Backtest;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed rule replayed over the demo tenant as a scheduler would run it, with a threshold sweep. */
class DemoBacktestTest {
    private static final DemoFixture.Tenant TENANT = DemoFixture.tenant();

    @Test
    void eachRunHasItsOwnNowAndTheSweepRaisesFewerAlertsAtHigherThresholds() throws Exception {
        Rule seed = Demo.shippedRule(Demo.SEED_RULE);
        Instant last = TENANT.truth().now();
        Instant first = last.minus(Duration.ofHours(12));
        List<Instant> seen = new ArrayList<>();
        Backtest.Result result = Backtest.run(seed, TENANT.tables(), Exclusions.NONE, first, last, Duration.ofHours(6),
                List.of(1.5, 3.0, 10.0), seen::add);
        assertEquals(List.of(first, first.plus(Duration.ofHours(6)), last), seen);
        assertEquals(3, result.runs().size());
        // The last run is the hunt as of the demo's now, alert for alert.
        List<Alert> direct = Hunt.run(seed, TENANT.tables(), new Hunt.Options(last, Exclusions.NONE, 0)).alerts();
        assertEquals(direct.stream().map(Alert::windowStart).toList(),
                result.runs().get(2).alerts().stream().map(Alert::windowStart).toList());
        assertEquals("1.5", result.site().orElseThrow().text());
        // 1.5 is the rule's own threshold: the sweep's row for it is the runs' own alerts.
        int own = result.runs().stream().mapToInt(r -> r.alerts().size()).sum();
        assertEquals(own, result.sweep().get(0).alerts());
        assertTrue(own > 0);
        for (int i = 1; i < result.sweep().size(); i++) {
            assertTrue(result.sweep().get(i).distinctWindows() <= result.sweep().get(i - 1).distinctWindows(),
                    result.sweep().toString());
        }
        assertTrue(result.sweep().get(2).alerts() < own, "a threshold of 10 raises fewer: " + result.sweep());
    }

    @Test
    void aBacktestThatCannotRunSaysWhy() {
        Rule seed = Demo.shippedRule(Demo.SEED_RULE);
        Instant now = TENANT.truth().now();
        Backtest.BacktestException backwards = org.junit.jupiter.api.Assertions.assertThrows(Backtest.BacktestException.class,
                () -> Backtest.run(seed, TENANT.tables(), Exclusions.NONE, now, now.minusSeconds(1), Duration.ofHours(1),
                        List.of(), t -> { }));
        assertTrue(backwards.getMessage().contains("is before"), backwards.getMessage());
        Backtest.BacktestException tooMany = org.junit.jupiter.api.Assertions.assertThrows(Backtest.BacktestException.class,
                () -> Backtest.run(seed, TENANT.tables(), Exclusions.NONE, now.minus(Duration.ofDays(700)), now,
                        Duration.ofHours(1), List.of(), t -> { }));
        assertTrue(tooMany.getMessage().contains("more than 10,000"), tooMany.getMessage());
    }
}
