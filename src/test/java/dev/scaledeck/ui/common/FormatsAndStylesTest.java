package dev.scaledeck.ui.common;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.balancer.InstanceState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsAndStylesTest {

    private static final Instant T = Instant.parse("2025-03-01T14:03:12Z");

    private static Alert alert(String key, Severity severity) {
        return new Alert(key, severity, "pool", "msg", T, T, 1, null);
    }

    @Test
    void shouldShowMillisecondsWithThePrecisionThatMattersAtThatSize() {
        assertThat(Formats.millis(Duration.ofNanos(420_000))).isEqualTo("0.42 ms");
        assertThat(Formats.millis(Duration.ofMillis(42))).isEqualTo("42.0 ms");
        assertThat(Formats.millis(Duration.ofMillis(420))).isEqualTo("420 ms");
        assertThat(Formats.millis(Duration.ofMillis(42_000))).isEqualTo("42.0 s");
    }

    @Test
    void shouldShowADashForValuesAnInstanceDoesNotPublish() {
        assertThat(Formats.millis(-1)).isEqualTo(Formats.NONE);
        assertThat(Formats.rate(-1)).isEqualTo(Formats.NONE);
        assertThat(Formats.percentOfOne(-1)).isEqualTo(Formats.NONE);
    }

    @Test
    void shouldGroupCountsAndRoundPercentages() {
        assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Formats.percentOfOne(0.156)).isEqualTo("16 %");
        assertThat(Formats.rate(12.345)).isEqualTo("12.3");
        assertThat(Formats.mebibytes(3L << 20)).isEqualTo("3 MiB");
    }

    @Test
    void shouldColourInstanceStatesGreenRedGrey() {
        assertThat(StatusStyles.of(InstanceState.UP)).isEqualTo("state-up");
        assertThat(StatusStyles.of(InstanceState.DOWN)).isEqualTo("state-down");
        assertThat(StatusStyles.of(InstanceState.UNKNOWN)).isEqualTo("state-unknown");
        assertThat(StatusStyles.of(DatabaseStatus.UNREACHABLE)).isEqualTo("state-down");
    }

    @Test
    void shouldFindTheWorstSeverity() {
        assertThat(StatusStyles.worst(List.of())).isEmpty();
        assertThat(StatusStyles.worst(List.of(alert("a", Severity.INFO), alert("b", Severity.CRITICAL),
                alert("c", Severity.WARNING)))).contains(Severity.CRITICAL);
        assertThat(StatusStyles.of((Severity) null)).isEqualTo("severity-none");
        assertThat(StatusStyles.of(Severity.WARNING)).isEqualTo("severity-warning");
    }

    @Test
    void shouldSayWhereAndSinceWhenAnAlertWasRaised() {
        Alert repeated = new Alert("pool.exhausted", Severity.CRITICAL, "pool", "Pool exhausted", T, T, 3, null);

        AlertItem item = AlertItem.of(repeated, ZoneOffset.UTC);

        assertThat(item.badge()).isEqualTo("CRITICAL");
        assertThat(item.details()).isEqualTo("pool · since 14:03:12 · 3×");
        assertThat(item.styleClass()).isEqualTo("severity-critical");
    }
}
