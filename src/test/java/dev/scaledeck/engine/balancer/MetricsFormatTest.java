package dev.scaledeck.engine.balancer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsFormatTest {

    @Test
    void shouldPickTheFormatByContentTypeFirst() {
        assertThat(MetricsFormat.detect("text/plain; version=0.0.4; charset=utf-8", "{")).isEqualTo(MetricsFormat.PROMETHEUS);
        assertThat(MetricsFormat.detect("application/openmetrics-text; version=1.0.0", "")).isEqualTo(MetricsFormat.OPENMETRICS);
        assertThat(MetricsFormat.detect("application/json; charset=utf-8", "x 1")).isEqualTo(MetricsFormat.JSON);
    }

    @Test
    void shouldPickTheFormatByTheFirstNonBlankCharacterOtherwise() {
        assertThat(MetricsFormat.detect(null, " \n\t{\"requests\":1}")).isEqualTo(MetricsFormat.JSON);
        assertThat(MetricsFormat.detect("text/plain", "{\"requests\":1}")).isEqualTo(MetricsFormat.JSON);
        assertThat(MetricsFormat.detect(null, "# HELP x\nx 1")).isEqualTo(MetricsFormat.PROMETHEUS);
        assertThat(MetricsFormat.detect("text/plain", "")).isEqualTo(MetricsFormat.PROMETHEUS);
    }
}
