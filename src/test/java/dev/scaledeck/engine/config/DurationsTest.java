package dev.scaledeck.engine.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void shouldReadOperatorDurations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldRejectBareNumbersAndUnits() {
        assertThatThrownBy(() -> Durations.parse("30")).hasMessage(Durations.ALLOWED);
        assertThatThrownBy(() -> Durations.parse("1d")).hasMessage(Durations.ALLOWED);
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessage(Durations.ALLOWED);
    }

    @Test
    void shouldFormatTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
    }

    @Test
    void humanShouldGiveTwoUnitsAtMost() {
        assertThat(Durations.human(Duration.ofHours(26).plusMinutes(3).plusSeconds(4))).isEqualTo("1d 2h");
        assertThat(Durations.human(Duration.ofHours(25).plusMinutes(3))).isEqualTo("1d 1h");
        assertThat(Durations.human(Duration.ofMinutes(183).plusSeconds(4))).isEqualTo("3h 3m");
        assertThat(Durations.human(Duration.ofSeconds(250))).isEqualTo("4m 10s");
        assertThat(Durations.human(Duration.ofMinutes(4))).isEqualTo("4m");
        assertThat(Durations.human(Duration.ofMillis(12_900))).isEqualTo("12s");
        assertThat(Durations.human(Duration.ofMillis(-5))).isEqualTo("0s");
    }
}
