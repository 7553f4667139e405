package dev.scaledeck.engine.scaling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The guards around a policy, with time passed in explicitly (no sleeping). */
class DecisionPipelineTest {

    private static final Instant T0 = Instant.parse("2026-11-26T14:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);

    @Test
    void shouldCapAtTheMaximumAndSayWhatThePolicyWanted() {
        DecisionPipeline p = pipeline(Rules.targetCpu(50).withBounds(1, 4));

        ScalingDecision d = p.decide(T0, cpu(2, 2, 200), ScalingMode.APPLY);

        assertThat(d.desired()).isEqualTo(4);
        assertThat(d.action()).isEqualTo(ScalingAction.SCALE_UP);
        assertThat(d.reason()).contains("capped at the maximum of 4 (policy wanted 8)").contains("+2 within rate limit");
    }

    @Test
    void shouldBringACountBelowTheMinimumUpWhateverTheMetricsSay() {
        DecisionPipeline p = pipeline(Rules.targetCpu(50).withBounds(3, 10));

        ScalingDecision d = p.decide(T0, cpu(1, 1, 1), ScalingMode.APPLY);

        assertThat(d.desired()).isEqualTo(3);
        assertThat(d.reason()).isEqualTo("below the minimum of 3");
    }

    @Test
    void shouldHoldAScaleDownUntilEveryRecommendationOfTheStabilizationWindowIsLower() {
        DecisionPipeline p = pipeline(Rules.targetCpu(50).withTimes(Duration.ZERO, Duration.ofMinutes(5), Duration.ZERO));
        // Busy at 4 instances, then the load drops at once.
        assertThat(p.decide(T0, cpu(4, 4, 50), ScalingMode.APPLY).action()).isEqualTo(ScalingAction.NO_CHANGE);
        Instant t = T0;
        ScalingDecision d = null;
        for (int i = 1; i <= 19; i++) {
            t = T0.plus(STEP.multipliedBy(i));
            d = p.decide(t, cpu(4, 4, 10), ScalingMode.APPLY);
            assertThat(d.desired()).as("at %s", t).isEqualTo(4);
        }
        assertThat(d.reason()).contains("no scale-down yet: 4 was recommended within the 5m stabilization window");

        // 5 minutes and 15 seconds after the busy sample it has left the window.
        d = p.decide(T0.plus(Duration.ofSeconds(315)), cpu(4, 4, 10), ScalingMode.APPLY);
        assertThat(d.desired()).isEqualTo(1);
        assertThat(d.action()).isEqualTo(ScalingAction.SCALE_DOWN);
    }

    @Test
    void shouldBlockChangesDuringTheCooldownAndNameItsEnd() {
        DecisionPipeline p = pipeline(Rules.targetCpu(50).withTimes(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO));
        p.changed(T0, 2, 3);

        ScalingDecision during = p.decide(T0.plus(Duration.ofMinutes(1)), cpu(3, 3, 100), ScalingMode.APPLY);
        ScalingDecision after = p.decide(T0.plus(Duration.ofMinutes(5)), cpu(3, 3, 100), ScalingMode.APPLY);

        assertThat(during.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(during.desired()).isEqualTo(3);
        assertThat(during.reason()).endsWith("+3 blocked by cooldown until 14:05:00");
        assertThat(after.action()).isEqualTo(ScalingAction.SCALE_UP);
        assertThat(after.desired()).isEqualTo(6);
    }

    @Test
    void shouldLimitTheStepUpToTheLargerOfCountAndPercentPerPeriod() {
        ScalingRules rules = new ScalingRules(PolicyKind.TARGET_TRACKING, Rules.UP, Rules.DOWN, 1,
                Map.of(Metric.CPU, 10.0), 10, 1, 100, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                4, 100, 1, Duration.ofMinutes(1), Duration.ZERO);
        DecisionPipeline p = pipeline(rules);

        // 2 -> wants 20: at most max(2 + 4, 2 x 200 %) = 6
        ScalingDecision first = p.decide(T0, cpu(2, 2, 100), ScalingMode.APPLY);
        p.changed(T0, 2, first.desired());
        // 20 s later the period still counts the +4: at most 6 again, so nothing more
        ScalingDecision second = p.decide(T0.plus(Duration.ofSeconds(20)), cpu(6, 6, 100), ScalingMode.APPLY);
        // after the period: from 6, at most max(6 + 4, 12) = 12
        ScalingDecision third = p.decide(T0.plus(Duration.ofSeconds(61)), cpu(6, 6, 100), ScalingMode.APPLY);

        assertThat(first.desired()).isEqualTo(6);
        assertThat(first.reason()).contains("+4, cut by the rate limit (at most +4 or +100 % per 1m)");
        assertThat(second.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(second.reason()).contains("rate limit reached");
        assertThat(third.desired()).isEqualTo(12);
    }

    @Test
    void shouldRemoveAtMostMaxStepDownPerPeriod() {
        DecisionPipeline p = pipeline(new ScalingRules(PolicyKind.TARGET_TRACKING, Rules.UP, Rules.DOWN, 1,
                Map.of(Metric.CPU, 50.0), 10, 1, 10, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                4, 100, 1, Duration.ofMinutes(1), Duration.ZERO));

        ScalingDecision d = p.decide(T0, cpu(6, 6, 5), ScalingMode.APPLY);

        assertThat(d.desired()).isEqualTo(5);
        assertThat(d.reason()).contains("-1, cut by the rate limit (at most -1 per 1m)");
    }

    @Test
    void shouldCutOrRefuseAScaleUpThatWouldExhaustTheDatabaseConnections() {
        // (100 - 3 - 10) / 20 = 4 instances fit
        ConnectionBudget budget = () -> Optional.of(new ConnectionBudget.Limit(100, 3, 10, 20));
        DecisionPipeline p = pipeline(Rules.targetCpu(50));

        ScalingDecision cut = p.decide(T0, new DecisionPipeline.Situation(3, 3, 0, Map.of(Metric.CPU, 100.0), budget,
                Optional.empty()), ScalingMode.APPLY);
        ScalingDecision refused = p.decide(T0.plusSeconds(15), new DecisionPipeline.Situation(4, 4, 0,
                Map.of(Metric.CPU, 100.0), budget, Optional.empty()), ScalingMode.APPLY);

        assertThat(cut.desired()).isEqualTo(4);
        assertThat(cut.reason()).contains("cut to 4 by the connection budget: 6 x 20 connections = 120 > 87 available "
                + "(max_connections 100 - 3 reserved - 10 reserve)");
        assertThat(refused.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(refused.desired()).isEqualTo(4);
        assertThat(refused.reason()).contains("refused by the connection budget: 8 x 20 connections = 160 > 87 available");
    }

    @Test
    void shouldWaitForWarmingInstancesBeforeAddingMoreUnderTheThresholdPolicy() {
        DecisionPipeline p = pipeline(Rules.threshold(1));

        ScalingDecision d = p.decide(T0, new DecisionPipeline.Situation(4, 3, 1, Map.of(Metric.CPU, 95.0),
                ConnectionBudget.UNLIMITED, Optional.empty()), ScalingMode.APPLY);

        assertThat(d.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(d.reason()).isEqualTo("cpu 95 % > 80 % for 1 sample; +1 within rate limit; "
                + "waiting for 1 instance still warming up");
    }

    @Test
    void shouldSayThePlatformScalesByItselfInsteadOfChangingAnything() {
        DecisionPipeline p = pipeline(Rules.targetCpu(50));

        ScalingDecision d = p.decide(T0, new DecisionPipeline.Situation(2, 2, 0, Map.of(Metric.CPU, 100.0),
                ConnectionBudget.UNLIMITED, Optional.of("Vercel scales functions by itself")), ScalingMode.APPLY);

        assertThat(d.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(d.reason()).endsWith("would be 4, but Vercel scales functions by itself");
    }

    @Test
    void oscillatingLoadShouldNotFlapUnderTheDefaultGuards() {
        for (ScalingRules rules : new ScalingRules[] {Rules.threshold(2), Rules.targetCpu(70)}) {
            ScalingRules guarded = rules.withTimes(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO);
            DecisionPipeline p = pipeline(guarded);
            int replicas = 3;
            int changes = 0;
            int reversals = 0;
            int lastDirection = 0;
            // One hour of load swinging between 95 % and 15 % every 30 seconds (two evaluations).
            for (int i = 0; i < 240; i++) {
                Instant t = T0.plus(STEP.multipliedBy(i));
                double load = (i / 2) % 2 == 0 ? 95 : 15;
                ScalingDecision d = p.decide(t, cpu(replicas, replicas, load), ScalingMode.APPLY);
                if (d.changes()) {
                    int direction = Integer.signum(d.desired() - replicas);
                    if (lastDirection != 0 && direction != lastDirection) {
                        reversals++;
                    }
                    lastDirection = direction;
                    p.changed(t, replicas, d.desired());
                    replicas = d.desired();
                    changes++;
                }
            }
            assertThat(reversals).as("direction reversals under %s", rules.policy()).isZero();
            assertThat(changes).as("changes under %s", rules.policy()).isBetween(1, 7);
        }
    }

    @Test
    void oscillatingLoadWithoutStabilizationWouldFlapWhichIsWhyTheWindowExists() {
        DecisionPipeline p = pipeline(Rules.targetCpu(70));
        int replicas = 3;
        int reversals = 0;
        int lastDirection = 0;
        for (int i = 0; i < 40; i++) {
            double load = (i / 2) % 2 == 0 ? 95 : 15;
            ScalingDecision d = p.decide(T0.plus(STEP.multipliedBy(i)), cpu(replicas, replicas, load), ScalingMode.APPLY);
            if (d.changes()) {
                int direction = Integer.signum(d.desired() - replicas);
                reversals += lastDirection != 0 && direction != lastDirection ? 1 : 0;
                lastDirection = direction;
                p.changed(T0.plus(STEP.multipliedBy(i)), replicas, d.desired());
                replicas = d.desired();
            }
        }
        assertThat(reversals).isGreaterThan(5);
    }

    private static DecisionPipeline pipeline(ScalingRules rules) {
        return new DecisionPipeline(rules, ZoneOffset.UTC);
    }

    private static DecisionPipeline.Situation cpu(int current, int ready, double cpu) {
        return new DecisionPipeline.Situation(current, ready, 0, Map.of(Metric.CPU, cpu), ConnectionBudget.UNLIMITED,
                Optional.empty());
    }
}
