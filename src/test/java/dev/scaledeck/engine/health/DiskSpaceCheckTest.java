package dev.scaledeck.engine.health;

import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSpaceCheckTest {

    private final MutableClock clock = new MutableClock();

    @TempDir
    Path dataDirectory;

    @Test
    void shouldBeUpWhenFreeSpaceIsAboveBothLimits() {
        HealthConfig limits = HealthConfig.defaults().withDiskFreeLimits(0, 0, 1, 0);

        HealthResult result = new DiskSpaceCheck(dataDirectory, limits, clock).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).contains(" free of ").contains(dataDirectory.toString()).contains("(limit 0.0 %");
        assertThat((Long) result.details().get("freeBytes")).isPositive();
    }

    @Test
    void shouldBeDegradedBelowTheAbsoluteLimitEvenWhenThePercentageIsFine() {
        HealthConfig limits = HealthConfig.defaults().withDiskFreeLimits(0, 0, Long.MAX_VALUE, 0);

        HealthResult result = new DiskSpaceCheck(dataDirectory, limits, clock).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("below the limit of 0.0 % or ");
    }

    @Test
    void shouldBeDownBelowTheDownLimit() {
        HealthConfig limits = HealthConfig.defaults().withDiskFreeLimits(100, 100, 0, 0);

        HealthResult result = new DiskSpaceCheck(dataDirectory, limits, clock).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).contains("below the down limit of 100.0 %");
    }

    @Test
    void shouldBeDownWhenTheDirectoryIsMissing() {
        Path missing = dataDirectory.resolve("gone");

        HealthResult result = new DiskSpaceCheck(missing, HealthConfig.defaults(), clock).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("directory " + missing + " does not exist");
    }
}
