package dev.scaledeck.engine.scaling;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdPolicyTest {

    private final ThresholdPolicy policy = new ThresholdPolicy(Rules.UP, Rules.DOWN, 2);

    @Test
    void shouldScaleUpByOneWhenAnyMetricStaysAboveItsThresholdForTheSustainedSamples() {
        Recommendation r = policy.recommend(new FleetSample(3, 3, List.of(
                Map.of(Metric.CPU, 85.0, Metric.RESPONSE_TIME, 100.0),
                Map.of(Metric.CPU, 91.0, Metric.RESPONSE_TIME, 120.0))));

        assertThat(r.desired()).isEqualTo(4);
        assertThat(r.reason()).isEqualTo("cpu 91 % > 80 % for 2 samples");
    }

    @Test
    void shouldWaitWhenTheCrossingIsNotSustainedYet() {
        Recommendation r = policy.recommend(new FleetSample(3, 3, List.of(
                Map.of(Metric.CPU, 50.0),
                Map.of(Metric.CPU, 91.0))));

        assertThat(r.desired()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("cpu 91 % > 80 % (1 of 2 samples)");
    }

    @Test
    void shouldScaleDownOnlyWhenEveryReportedMetricIsBelowItsDownThreshold() {
        Recommendation oneHigh = policy.recommend(new FleetSample(3, 3, List.of(
                Map.of(Metric.CPU, 10.0, Metric.CONNECTIONS, 50.0),
                Map.of(Metric.CPU, 10.0, Metric.CONNECTIONS, 50.0))));
        Recommendation allLow = policy.recommend(new FleetSample(3, 3, List.of(
                Map.of(Metric.CPU, 10.0, Metric.CONNECTIONS, 5.0),
                Map.of(Metric.CPU, 12.0, Metric.CONNECTIONS, 3.0))));

        assertThat(oneHigh.desired()).isEqualTo(3);
        assertThat(oneHigh.reason()).isEqualTo("within thresholds: cpu 10 %, connections 50");
        assertThat(allLow.desired()).isEqualTo(2);
        assertThat(allLow.reason())
                .isEqualTo("all below scale-down thresholds for 2 samples: cpu 12 % < 30 %, connections 3 < 20");
    }

    @Test
    void shouldLeaveUnreportedMetricsOutOfTheScaleDownRule() {
        // memory is not reported by the sample service; it must not block a scale-down forever
        Recommendation r = policy.recommend(new FleetSample(2, 2, List.of(
                Map.of(Metric.CPU, 5.0), Map.of(Metric.CPU, 5.0))));

        assertThat(r.desired()).isEqualTo(1);
    }

    @Test
    void shouldNotChangeAnythingWithoutMetrics() {
        Recommendation r = policy.recommend(new FleetSample(3, 0, List.of(Map.of())));

        assertThat(r.desired()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("no instance reported metrics");
    }
}
