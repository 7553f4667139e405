package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.LogCapture;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.scaledeck.engine.balancer.Balancers.balancer;
import static dev.scaledeck.engine.balancer.Balancers.fail;
import static dev.scaledeck.engine.balancer.Balancers.picks;
import static dev.scaledeck.engine.balancer.Balancers.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** DEBUG=scaling:balancer: the rotation when it changes, ejections, and where requests went; not a line per pick. */
class BalancerDebugLogTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void shouldLogRotationChangesEjectionsAndATrafficSummaryWithoutALinePerPick() {
        try (LogCapture log = LogCapture.atDebug("dev.scaledeck.engine.balancer")) {
            LoadBalancer lb = balancer(Balancers.noSlowStart().breakerMinimumCalls(10_000).build(), clock,
                    new EventJournal(100, null), spec("a", 1), spec("b", 2));
            lb.tick();
            picks(lb, 300);
            fail(lb, "a", 5, FailureKind.HTTP_5XX);
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofSeconds(1));
                picks(lb, 30);
                lb.tick();
            }

            assertThat(log.lines()).contains(
                    "DEBUG Rotation (SMOOTH_WEIGHTED_ROUND_ROBIN): [a (weight 1), b (weight 2)]",
                    "DEBUG Instance a: HEALTHY -> EJECTED (5 consecutive failures (last HTTP_5XX); ejected for 30s (ejection #1))",
                    "DEBUG Rotation (SMOOTH_WEIGHTED_ROUND_ROBIN): [b (weight 2)]");
            assertThat(log.lines()).filteredOn(l -> l.startsWith("DEBUG Requests completed in the last 10 s: "))
                    .singleElement().asString().matches(".*: a \\d+ \\(EJECTED\\), b \\d+ \\(HEALTHY\\)");
            assertThat(log.lines()).hasSizeLessThan(10);
        }
    }
}
