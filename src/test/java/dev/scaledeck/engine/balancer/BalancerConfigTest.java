package dev.scaledeck.engine.balancer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BalancerConfigTest {

    @Test
    void defaultsShouldMatchTheDesign() {
        BalancerConfig c = BalancerConfig.defaults();

        assertThat(c.strategy()).isEqualTo(Strategy.SMOOTH_WEIGHTED_ROUND_ROBIN);
        assertThat(c.slowStart()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.slowStartInitialFraction()).isEqualTo(0.1);
        assertThat(c.probeInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.probeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.unhealthyThreshold()).isEqualTo(3);
        assertThat(c.healthyThreshold()).isEqualTo(2);
        assertThat(c.outlierConsecutiveFailures()).isEqualTo(5);
        assertThat(c.baseEjectionTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxEjectionTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxEjectedPercent()).isEqualTo(50);
        assertThat(c.panicMode()).isEqualTo(PanicMode.FAIL_FAST);
        assertThat(c.breakerFailureRateThreshold()).isEqualTo(50);
        assertThat(c.breakerSlowCallThreshold()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.breakerSlowCallRateThreshold()).isEqualTo(80);
        assertThat(c.breakerMinimumCalls()).isEqualTo(10);
        assertThat(c.breakerOpenWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.breakerHalfOpenCalls()).isEqualTo(3);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void badValuesShouldBeRejectedNamingTheFieldTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> BalancerConfig.builder().slowStart(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slowStart must be >= 0, but was -1s");
        assertThatThrownBy(() -> BalancerConfig.builder().slowStartInitialFraction(0).build())
                .hasMessage("slowStartInitialFraction must be greater than 0 and at most 1, but was 0.0");
        assertThatThrownBy(() -> BalancerConfig.builder().probeInterval(Duration.ZERO).build())
                .hasMessage("probeInterval must be > 0, but was 0ms");
        assertThatThrownBy(() -> BalancerConfig.builder().unhealthyThreshold(0).build())
                .hasMessage("unhealthyThreshold must be >= 1, but was 0");
        assertThatThrownBy(() -> BalancerConfig.builder().maxEjectedPercent(101).build())
                .hasMessage("maxEjectedPercent must be from 0 to 100, but was 101");
        assertThatThrownBy(() -> BalancerConfig.builder().breakerFailureRateThreshold(120).build())
                .hasMessage("breakerFailureRateThreshold must be greater than 0 and at most 100, but was 120.0");
        assertThatThrownBy(() -> BalancerConfig.builder().breakerHalfOpenCalls(0).build())
                .hasMessage("breakerHalfOpenCalls must be >= 1, but was 0");
        assertThatThrownBy(() -> BalancerConfig.builder().strategy(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("strategy must be set");
    }

    @Test
    void ejectionTimesThatContradictEachOtherShouldBeRejected() {
        assertThatThrownBy(() -> BalancerConfig.builder().baseEjectionTime(Duration.ofMinutes(10)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEjectionTime (5m) must not be shorter than baseEjectionTime (10m)");
    }
}
