package dev.scaledeck.engine.health;

import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.lang.management.MemoryUsage;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCheckTest {

    private static final long MIB = 1024 * 1024;
    private final MutableClock clock = new MutableClock();

    private HealthResult checkWithHeapUsed(long usedMib, long maxMib) {
        MemoryUsage usage = new MemoryUsage(0, usedMib * MIB, maxMib * MIB, maxMib * MIB);
        return new MemoryCheck(HealthConfig.defaults(), clock, () -> usage).check();
    }

    @Test
    void shouldBeUpBelowTheLimitAndSayBoth() {
        HealthResult result = checkWithHeapUsed(400, 1000);

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("heap 40.0 % used (400 MiB of 1000 MiB) (limit 85.0 %)");
    }

    @Test
    void shouldBeDegradedFrom85Percent() {
        HealthResult result = checkWithHeapUsed(900, 1000);

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("heap 90.0 % used (900 MiB of 1000 MiB), at or above the 85.0 % limit");
    }

    @Test
    void shouldBeDownFrom95Percent() {
        HealthResult result = checkWithHeapUsed(960, 1000);

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).contains("96.0 %").contains("95.0 % down limit");
    }

    @Test
    void shouldMeasureThisJvmsHeapByDefault() {
        HealthResult result = new MemoryCheck(HealthConfig.defaults(), clock).check();

        assertThat(result.message()).startsWith("heap ");
        assertThat((Long) result.details().get("maxBytes")).isPositive();
        assertThat((Long) result.details().get("usedBytes")).isPositive();
    }
}
