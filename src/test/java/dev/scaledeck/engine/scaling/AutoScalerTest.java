package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.scaling.platform.PlatformException;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoScalerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T14:00:00Z"));
    private final EventJournal journal = new EventJournal(1_000, null);
    private final AlertCenter alerts = new AlertCenter(clock, journal, 10);
    private final ReplicaCounter platform = new ReplicaCounter(2);
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void shouldApplyAScaleUpInApplyModeAndJournalTheDecisionWithItsReason() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));

        ScalingDecision d = record("a", 91);

        assertThat(d.action()).isEqualTo(ScalingAction.SCALE_UP);
        assertThat(d.applied()).isTrue();
        assertThat(d.reason()).isEqualTo("cpu 91 % > 80 % for 1 sample; +1 within rate limit");
        assertThat(platform.replicas().desired()).isEqualTo(3);
        assertThat(events("scaling")).anyMatch(e -> e.type().equals("scale-up")
                && e.message().equals("2 -> 3 instances: cpu 91 % > 80 % for 1 sample; +1 within rate limit"));
        assertThat(events("scaling")).anyMatch(e -> e.type().equals("applied")
                && e.message().equals("auto-scaler scaled the counter from 2 to 3"));
    }

    private ScalingDecision record(String id, double cpu) {
        return current.record(new InstanceMetrics(id, clock.instant(), cpu, Double.NaN, Double.NaN, Double.NaN));
    }

    @Test
    void shouldOnlyRecommendInRecommendModeAndApplyOnceSwitched() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.RECOMMEND, Optional.of(platform));

        ScalingDecision recommended = record("a", 95);
        scaler.setMode(ScalingMode.APPLY);
        clock.advance(Duration.ofSeconds(15));
        ScalingDecision applied = record("a", 95);

        assertThat(recommended.action()).isEqualTo(ScalingAction.SCALE_UP);
        assertThat(recommended.applied()).isFalse();
        assertThat(platform.calls).containsExactly(3);
        assertThat(applied.applied()).isTrue();
        assertThat(events("scaling")).anyMatch(e -> e.message().endsWith("(recommended, not applied)"));
        assertThat(events("scaling")).anyMatch(e -> e.type().equals("mode")
                && e.message().equals("Auto-scaler now applies its decisions"));
    }

    @Test
    void shouldRetryARetryablePlatformFailureWithDoublingPauses() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));
        platform.failNext(new PlatformException("counter", "scale", "timed out", true, null));
        platform.failNext(new PlatformException("counter", "scale", "timed out", true, null));

        ScalingDecision d = record("a", 95);

        assertThat(d.applied()).isTrue();
        assertThat(platform.calls).containsExactly(3, 3, 3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(events("scaling")).anyMatch(e -> e.message().endsWith("(after 3 attempts)"));
        assertThat(alerts.isActive(AutoScaler.PLATFORM_ALERT)).isFalse();
    }

    @Test
    void shouldRaiseAnAlertAndAnEventWhenThePlatformKeepsFailingNeverASilentNoOp() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));
        for (int i = 0; i < 4; i++) {
            platform.failNext(new PlatformException("counter", "scale the counter to 3", "connection refused", true, null));
        }

        ScalingDecision d = record("a", 95);

        assertThat(d.applied()).isFalse();
        assertThat(d.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(d.desired()).isEqualTo(2);
        assertThat(d.reason()).endsWith("the platform call failed: counter: scale the counter to 3 failed: connection refused");
        assertThat(platform.calls).hasSize(4);
        assertThat(alerts.active()).singleElement().satisfies(a ->
                assertThat(a.message()).isEqualTo("counter: scale the counter to 3 failed: connection refused"));
        assertThat(events("scaling")).anyMatch(e -> e.type().equals("platform-failed"));

        // The next success clears the alert.
        clock.advance(Duration.ofSeconds(15));
        assertThat(record("a", 95).applied()).isTrue();
        assertThat(alerts.isActive(AutoScaler.PLATFORM_ALERT)).isFalse();
    }

    @Test
    void shouldNotRetryAFailureThatCannotSucceed() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));
        platform.failNext(new PlatformException("counter", "scale", "not found", false, null));

        record("a", 95);

        assertThat(platform.calls).containsExactly(3);
        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldLeaveOutMetricsOfWarmingAndStaleInstances() {
        ScalingRules rules = Rules.threshold(1).withTimes(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30));
        AutoScaler scaler = scaler(rules, ScalingMode.RECOMMEND, Optional.of(platform));
        scaler.add(metrics("old", 50));
        scaler.evaluate();

        clock.advance(Duration.ofSeconds(15));
        scaler.add(metrics("old", 50));
        scaler.add(metrics("new", 99));
        ScalingDecision withNew = scaler.evaluate();
        // 'old' stops reporting; 60 s later its last metrics are stale, 'new' is warm.
        clock.advance(Duration.ofSeconds(60));
        scaler.add(metrics("new", 99));
        ScalingDecision later = scaler.evaluate();

        assertThat(withNew.metrics()).containsEntry(Metric.CPU, 50.0);
        assertThat(withNew.ready()).isEqualTo(1);
        assertThat(later.metrics()).containsEntry(Metric.CPU, 99.0);
        assertThat(later.ready()).isEqualTo(1);
    }

    @Test
    void shouldSayWhenNoInstanceReportedMetrics() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));

        ScalingDecision d = scaler.evaluate();

        assertThat(d.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(d.reason()).isEqualTo("no ready instance reported metrics");
        assertThat(platform.calls).isEmpty();
    }

    @Test
    void shouldExplainThatInstancesWithoutAPlatformAreOnlyWatched() {
        scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.empty());

        ScalingDecision d = record("a", 95);

        assertThat(d.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(d.reason()).endsWith("but no scaling platform is configured; ScaleDeck only watches these instances");
    }

    @Test
    void shouldJournalRepeatedIdenticalDecisionsOnce() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));
        for (int i = 0; i < 10; i++) {
            record("a", 50);
            clock.advance(Duration.ofSeconds(15));
        }

        assertThat(events("scaling")).filteredOn(e -> e.type().equals("no-change")).hasSize(1);
        assertThat(scaler.decisions()).hasSize(10);
    }

    @Test
    void manualScaleShouldStartTheCooldownAndWarnWhenOutsideTheBounds() {
        ScalingRules rules = Rules.threshold(1).withTimes(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO);
        AutoScaler scaler = scaler(rules.withBounds(1, 4), ScalingMode.APPLY, Optional.of(platform));

        ScalingDecision manual = scaler.scaleTo(6, "operator (test)");
        ScalingDecision next = record("a", 95);
        clock.advance(Duration.ofMinutes(5));
        ScalingDecision afterCooldown = record("a", 95);

        assertThat(manual.applied()).isTrue();
        assertThat(manual.reason()).isEqualTo("operator (test) asked for 6; outside 1..4, so the auto-scaler "
                + "(apply mode) will move it back after the cooldown");
        assertThat(platform.calls).containsExactly(6, 4);
        assertThat(next.action()).isEqualTo(ScalingAction.BLOCKED);
        assertThat(next.reason()).isEqualTo("above the maximum of 4; -2 blocked by cooldown until 14:05:00");
        assertThat(afterCooldown.desired()).isEqualTo(4);
        assertThat(afterCooldown.reason()).isEqualTo("above the maximum of 4");
    }

    @Test
    void manualScaleShouldRejectBadCountsAndRespectTheConnectionBudget() {
        ConnectionBudget budget = () -> Optional.of(new ConnectionBudget.Limit(50, 3, 7, 20));
        current = new AutoScaler(Rules.threshold(1), ScalingMode.APPLY, Duration.ofSeconds(15), source(), budget,
                () -> Optional.of(platform), journal, alerts, clock, new PlatformCalls(4, Duration.ofSeconds(1), pauses::add));

        assertThatThrownBy(() -> current.scaleTo(-1, "operator")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas must be between 0 and 1000, but was -1");
        assertThatThrownBy(() -> current.scaleTo(3, "operator")).isInstanceOf(IllegalStateException.class)
                .hasMessage("refused by the connection budget: 3 x 20 connections = 60 > 40 available "
                        + "(max_connections 50 - 3 reserved - 7 reserve)");
        assertThat(platform.calls).isEmpty();
        assertThat(current.scaleTo(1, "operator").desired()).isEqualTo(1);
    }

    @Test
    void manualScaleShouldThrowThePlatformFailure() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.APPLY, Optional.of(platform));
        platform.failNext(new PlatformException("counter", "scale the counter to 5", "forbidden", false, null));

        assertThatThrownBy(() -> scaler.scaleTo(5, "operator")).isInstanceOf(PlatformException.class)
                .hasMessage("counter: scale the counter to 5 failed: forbidden");
        assertThat(scaler.lastDecision()).get().satisfies(d -> assertThat(d.applied()).isFalse());
    }

    @Test
    void newRulesShouldTakeEffectAtTheNextEvaluationAndBeJournaled() {
        AutoScaler scaler = scaler(Rules.threshold(1), ScalingMode.RECOMMEND, Optional.of(platform));
        assertThat(record("a", 60).action()).isEqualTo(ScalingAction.NO_CHANGE);

        scaler.useRules(Rules.targetCpu(30));
        ScalingDecision d = record("a", 90);

        // one instance reports: ceil(1 x 90 / 30) = 3
        assertThat(d.desired()).isEqualTo(3);
        assertThat(events("scaling")).anyMatch(e -> e.type().equals("policy")
                && e.message().startsWith("Scaling policy now target tracking: hold cpu 30 % per instance"));
    }

    private AutoScaler current;

    private AutoScaler scaler(ScalingRules rules, ScalingMode mode, Optional<ScalingPlatform> p) {
        current = new AutoScaler(rules, mode, Duration.ofSeconds(15), source(), ConnectionBudget.UNLIMITED, () -> p,
                journal, alerts, clock, new PlatformCalls(4, Duration.ofSeconds(1), pauses::add));
        return current;
    }

    private static MetricsSource source() {
        return new MetricsSource() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public List<InstanceMetrics> collect() {
                return List.of();
            }
        };
    }

    private InstanceMetrics metrics(String id, double cpu) {
        return new InstanceMetrics(id, clock.instant(), cpu, Double.NaN, Double.NaN, Double.NaN);
    }

    private List<EngineEvent> events(String category) {
        return journal.recent(1_000).stream().filter(e -> e.category().equals(category)).toList();
    }
}
