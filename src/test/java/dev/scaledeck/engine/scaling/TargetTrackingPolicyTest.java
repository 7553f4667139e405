package dev.scaledeck.engine.scaling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HPA's replica calculation (pkg/controller/podautoscaler/replica_calculator.go):
 * desired = ceil(ready x usage / target), no change within the tolerance, largest proposal of
 * several metrics wins. Clamping to min/max is the pipeline's job (see DecisionPipelineTest).
 */
class TargetTrackingPolicyTest {

    @ParameterizedTest(name = "{0} ready, cpu {1} % vs target {2} % -> {3}")
    @CsvSource({
            // scale up: 3 x 50/30 = 5
            "3, 50, 30, 5",
            // exactly on target
            "3, 50, 50, 3",
            // ratio 1.08: inside the 10 % tolerance
            "3, 54, 50, 3",
            // ratio 1.12: outside, ceil(3.36) = 4
            "3, 56, 50, 4",
            // scale down: ceil(5 x 0.4) = 2
            "5, 20, 50, 2",
            // ratio 0.92: inside the tolerance
            "5, 46, 50, 5",
            // ratio 0.88 is outside, but ceil(5 x 0.88) = ceil(4.4) = 5 rounds back to no change
            "5, 44, 50, 5",
            // exact products are not rounded up: 4 x 1.5 = 6
            "4, 75, 50, 6",
            // a large jump in one step: 2 x 400/20 = 40 (the pipeline caps it)
            "2, 100, 5, 40",
            // idle fleet: ceil(4 x 0.02) = 1
            "4, 1, 50, 1",
    })
    void shouldComputeDesiredReplicasAsTheHpaDoes(int ready, double cpu, double target, int expected) {
        TargetTrackingPolicy policy = new TargetTrackingPolicy(Map.of(Metric.CPU, target), 0.1);

        Recommendation r = policy.recommend(sample(ready, ready, Map.of(Metric.CPU, cpu)));

        assertThat(r.desired()).isEqualTo(expected);
    }

    @Test
    void shouldTakeTheLargestProposalOfSeveralMetrics() {
        TargetTrackingPolicy policy = new TargetTrackingPolicy(Map.of(Metric.CPU, 50.0, Metric.MEMORY, 80.0), 0.1);

        // cpu wants ceil(4 x 0.5) = 2, memory wants ceil(4 x 1.5) = 6
        Recommendation r = policy.recommend(sample(4, 4, Map.of(Metric.CPU, 25.0, Metric.MEMORY, 120.0)));

        assertThat(r.desired()).isEqualTo(6);
        assertThat(r.reason()).startsWith("memory 120 % vs target 80 %: ceil(4 x 1.50) = 6").contains("cpu 25 %");
    }

    @Test
    void shouldCountOnlyReadyInstancesSoWarmingOnesAreNotCapacity() {
        TargetTrackingPolicy policy = new TargetTrackingPolicy(Map.of(Metric.CPU, 50.0), 0.1);

        // 4 asked for, 3 ready at 60 %: ceil(3 x 1.2) = 4, so the warming fourth is not doubled up
        Recommendation r = policy.recommend(sample(4, 3, Map.of(Metric.CPU, 60.0)));

        assertThat(r.desired()).isEqualTo(4);
    }

    @Test
    void shouldKeepTheCountAndSayWhyWhenNoTargetMetricIsReported() {
        TargetTrackingPolicy policy = new TargetTrackingPolicy(Map.of(Metric.MEMORY, 80.0), 0.1);

        Recommendation r = policy.recommend(sample(3, 3, Map.of(Metric.CPU, 95.0)));

        assertThat(r.desired()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("no target metric reported (memory not reported)");
    }

    @Test
    void shouldExplainTheToleranceInItsReason() {
        TargetTrackingPolicy policy = new TargetTrackingPolicy(Map.of(Metric.CPU, 70.0), 0.1);

        assertThat(policy.recommend(sample(3, 3, Map.of(Metric.CPU, 72.0))).reason())
                .isEqualTo("cpu 72 % within 10 % of target 70 %");
    }

    @Test
    void shouldRejectAnEmptyTargetListAndABadTolerance() {
        assertThatThrownBy(() -> new TargetTrackingPolicy(Map.of(), 0.1)).hasMessageContaining("at least one target");
        assertThatThrownBy(() -> new TargetTrackingPolicy(Map.of(Metric.CPU, 70.0), 1.5))
                .hasMessageContaining("tolerance must be from 0 to below 1, but was 1.5");
    }

    static FleetSample sample(int current, int ready, Map<Metric, Double> averages) {
        return new FleetSample(current, ready, List.of(averages));
    }
}
