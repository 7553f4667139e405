package dev.scaledeck.engine.loadtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdJudgeTest {

    private static RunTotals totals(long requests, long errors, long passed, long failed, double rps, double p95) {
        return new RunTotals(requests, Map.of(ErrorKind.HTTP_5XX, errors), 0, passed, failed, rps,
                new LoadTestReport.Latency(p95 / 2, p95 * 0.9, p95, p95 * 1.2, p95 * 2, p95 / 2), Map.of());
    }

    private static List<Threshold> thresholds(String... written) {
        return java.util.Arrays.stream(written).map(Threshold::parse).toList();
    }

    @Test
    void shouldJudgeEachThresholdInItsOwnUnit() {
        RunTotals t = totals(1000, 5, 990, 10, 200, 300);

        List<ThresholdResult> results = ThresholdJudge.judge(
                thresholds("p95<500ms", "p99<0.3s", "error_rate<1%", "checks>99.5%", "rps>=200"), t);

        assertThat(results).extracting(ThresholdResult::actual).containsExactly(300.0, 360.0, 0.5, 99.0, 200.0);
        assertThat(results).extracting(ThresholdResult::passed).containsExactly(true, false, true, false, true);
    }

    @Test
    void somethingNotMeasuredShouldNotHold() {
        RunTotals nothing = new RunTotals(0, Map.of(), 0, 0, 0, 0,
                new LoadTestReport.Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                Map.of());

        assertThat(ThresholdJudge.judge(thresholds("p95<500ms", "error_rate<1%", "checks>99%", "rps>0"), nothing))
                .allSatisfy(r -> assertThat(r.passed()).isFalse());
        assertThat(ThresholdJudge.lost(thresholds("p95<500ms", "error_rate<1%"), nothing, Duration.ofSeconds(9)))
                .isEmpty();
    }

    @Test
    void abortOnFailShouldWaitForTheGracePeriodThenNameTheLostThreshold() {
        RunTotals failing = totals(100, 100, 0, 100, 50, 20);
        List<Threshold> rules = thresholds("p95<500ms", "error_rate<1%");

        assertThat(ThresholdJudge.lost(rules, failing, Duration.ofSeconds(4))).isEmpty();
        assertThat(ThresholdJudge.lost(rules, failing, Duration.ofSeconds(5)))
                .hasValueSatisfying(why -> assertThat(why).contains("error_rate<1%").contains("100.00 %"));
    }

    @Test
    void abortOnFailShouldNotJudgeRequestsPerSecondWhichARampUpFailsEarly() {
        assertThat(ThresholdJudge.lost(thresholds("rps>1000"), totals(100, 0, 100, 0, 20, 5), Duration.ofSeconds(8)))
                .isEmpty();
    }
}
