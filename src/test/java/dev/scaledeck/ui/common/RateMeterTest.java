package dev.scaledeck.ui.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateMeterTest {

    private final Instant t0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void shouldGiveTheRatePerSecondBetweenSamples() {
        RateMeter meter = new RateMeter();
        assertThat(meter.update(t0, 100)).isZero();
        assertThat(meter.update(t0.plusMillis(500), 110)).isCloseTo(20.0, within(1e-9));
        assertThat(meter.update(t0.plusMillis(1500), 110)).isZero();
    }

    @Test
    void shouldNotReportNegativeRatesWhenTheTotalRestartsOrTimeStandsStill() {
        RateMeter meter = new RateMeter();
        meter.update(t0, 100);
        assertThat(meter.update(t0.plusSeconds(1), 5)).isZero();
        assertThat(meter.update(t0.plusSeconds(1), 50)).isZero();
        assertThat(meter.update(t0.plusSeconds(2), 60)).isCloseTo(10.0, within(1e-9));
    }
}
