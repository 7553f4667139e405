package dev.scaledeck.engine.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthConfigTest {

    @Test
    void defaultsShouldMatchTheSeed() {
        HealthConfig c = HealthConfig.defaults();

        assertThat(c.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.memoryDegradedPercent()).isEqualTo(85);
        assertThat(c.memoryDownPercent()).isEqualTo(95);
        assertThat(c.diskFreeDegradedPercent()).isEqualTo(10);
        assertThat(c.diskFreeDownPercent()).isEqualTo(5);
        assertThat(c.diskFreeDegradedBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(c.diskFreeDownBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(c.databaseDegradedAbove()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.checkTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.historySize()).isEqualTo(100);
    }

    @Test
    void shouldRejectADownLimitBelowTheDegradedLimitNamingFieldValueAndRange() {
        assertThatThrownBy(() -> HealthConfig.defaults().withMemoryLimits(85, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryDownPercent must be between memoryDegradedPercent (85.0) and 100, but was 80.0");
    }

    @Test
    void shouldRejectAFreeDiskDownLimitAboveTheDegradedLimit() {
        assertThatThrownBy(() -> HealthConfig.defaults().withDiskFreeLimits(10, 20, 0, 0))
                .hasMessage("diskFreeDownPercent must be between 0 and diskFreeDegradedPercent (10.0), but was 20.0");
        assertThatThrownBy(() -> HealthConfig.defaults().withDiskFreeLimits(10, 5, 100, 200))
                .hasMessage("diskFreeDownBytes must be between 0 and diskFreeDegradedBytes (100), but was 200");
    }

    @Test
    void shouldRejectNonPositiveDurationsAndAnEmptyHistory() {
        assertThatThrownBy(() -> HealthConfig.defaults().withCheckTimeout(Duration.ZERO))
                .hasMessage("checkTimeout must be a positive duration, but was PT0S");
        assertThatThrownBy(() -> HealthConfig.defaults().withHistorySize(0))
                .hasMessage("historySize must be between 1 and 10000, but was 0");
    }
}
