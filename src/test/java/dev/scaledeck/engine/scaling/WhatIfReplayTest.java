package dev.scaledeck.engine.scaling;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatIfReplayTest {

    /**
     * Ten minutes at 15 s steps recorded on 2 instances: quiet (20 %), a 3-minute burst (90 %),
     * quiet again.
     */
    private static MetricsSeries burst() throws IOException {
        return burst(20);
    }

    private static MetricsSeries burst(double quietCpu) throws IOException {
        StringBuilder csv = new StringBuilder("time,cpu,replicas\n");
        for (int i = 0; i <= 40; i++) {
            double cpu = i >= 8 && i < 20 ? 90 : quietCpu;
            csv.append(i * 15).append(',').append(cpu).append(",2\n");
        }
        return MetricsSeries.readCsv(new StringReader(csv.toString()), "burst.csv", 1);
    }

    @Test
    void targetTrackingShouldRideTheBurstAndComeBackAfterTheStabilizationWindow() throws IOException {
        ScalingRules rules = Rules.targetCpu(60).withTimes(Duration.ZERO, Duration.ofMinutes(2), Duration.ofSeconds(30));

        WhatIfReplay.Result r = WhatIfReplay.replay(rules, burst());

        List<Integer> curve = r.steps().stream().map(WhatIfReplay.Step::replicas).toList();
        // Quiet on 2 at 20 %: ceil(2 x 20/60) = 1 at once (no stabilization history yet at 0 s).
        assertThat(curve.get(7)).isEqualTo(1);
        // At the burst 2 instances' work lands on 1: 100 % -> ceil(1 x 100/60) = 2, then 3 to hold 60 %.
        assertThat(curve.subList(8, 20)).contains(3);
        assertThat(r.peak()).isEqualTo(3);
        // After the burst it waits out the 2-minute window (8 steps) before coming down.
        assertThat(curve.get(21)).isEqualTo(3);
        assertThat(curve.get(40)).isEqualTo(1);
        assertThat(r.fewest()).isEqualTo(1);
        assertThat(r.steps().get(8).decision().reason()).startsWith("cpu 100 % vs target 60 %");
        assertThat(r.recordedInstanceHours()).isCloseTo(2 * 10 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.instanceHours()).isLessThan(r.recordedInstanceHours());
    }

    @Test
    void aLongerCooldownShouldMeanFewerChangesOnTheSameRecording() throws IOException {
        ScalingRules quick = Rules.threshold(1).withTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        ScalingRules calm = Rules.threshold(1).withTimes(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ZERO);

        WhatIfReplay.Result fast = WhatIfReplay.replay(quick, burst());
        WhatIfReplay.Result slow = WhatIfReplay.replay(calm, burst());

        assertThat(slow.changes()).isLessThan(fast.changes());
        assertThat(slow.steps()).hasSize(41);
        assertThat(slow.steps()).allSatisfy(s -> assertThat(s.recordedReplicas()).isEqualTo(2));
    }

    @Test
    void newInstancesShouldNotCountAsCapacityUntilWarm() throws IOException {
        ScalingRules rules = Rules.targetCpu(50).withTimes(Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(45));

        // Quiet at 45 % of a 50 % target: within the tolerance, so it stays on 2 until the burst.
        WhatIfReplay.Result r = WhatIfReplay.replay(rules, burst(45), 2);

        assertThat(r.steps().get(7).replicas()).isEqualTo(2);
        // At the burst (90 % on 2): ceil(2 x 1.8) = 4. During warm-up the two new instances do not
        // carry load, so the ready pair still shows 90 % and the count is not doubled again.
        WhatIfReplay.Step first = r.steps().get(8);
        WhatIfReplay.Step next = r.steps().get(9);
        assertThat(first.replicas()).isEqualTo(4);
        assertThat(next.decision().ready()).isEqualTo(2);
        assertThat(next.replicas()).isEqualTo(4);
    }

    @Test
    void shouldRejectAStartBelowOne() {
        assertThatThrownBy(() -> WhatIfReplay.replay(Rules.threshold(1), burst(), 0))
                .hasMessage("startReplicas must be at least 1, but was 0");
    }
}
