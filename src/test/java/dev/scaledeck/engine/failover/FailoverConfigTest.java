package dev.scaledeck.engine.failover;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverConfigTest {

    @Test
    void defaultsShouldFailOverAfterThreeAndFailBackAfterFiveWithABoundedRetry() {
        FailoverConfig c = FailoverConfig.defaults();

        assertThat(c.failAfter()).isEqualTo(3);
        assertThat(c.failBackAfter()).isEqualTo(5);
        assertThat(c.checkInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.backoffMultiplier()).isEqualTo(2.0);
        assertThat(c.jitter()).isEqualTo(0.5);
        assertThat(c.maxTotalTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.retryNonIdempotent()).isFalse();
    }

    @Test
    void shouldRejectBadValuesNamingFieldValueAndWhatIsAllowed() {
        FailoverConfig d = FailoverConfig.defaults();

        assertThatThrownBy(() -> d.withThresholds(0, 5)).hasMessage("failAfter must be at least 1, but was 0");
        assertThatThrownBy(() -> d.withThresholds(3, 0)).hasMessage("failBackAfter must be at least 1, but was 0");
        assertThatThrownBy(() -> d.withRetry(0, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(10)))
                .hasMessage("maxAttempts must be between 1 and 100, but was 0");
        assertThatThrownBy(() -> d.withRetry(3, Duration.ofMillis(200), 0.5, 0.5, Duration.ofSeconds(10)))
                .hasMessage("backoffMultiplier must be between 1.0 and 100, but was 0.5");
        assertThatThrownBy(() -> d.withRetry(3, Duration.ofMillis(200), 2, 1.0, Duration.ofSeconds(10)))
                .hasMessage("jitter must be at least 0 and below 1, but was 1.0");
        assertThatThrownBy(() -> d.withRetry(3, Duration.ZERO, 2, 0.5, Duration.ofSeconds(10)))
                .hasMessage("initialBackoff must be at least 1 ms, but was PT0S");
        assertThatThrownBy(() -> d.withRetry(3, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(-1)))
                .hasMessage("maxTotalTime must be a positive duration, but was PT-1S");
    }
}
