package dev.scaledeck.ui.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveChartScaleTest {

    @Test
    void shouldRoundTheValueAxisUpToOneTwoOrFiveSteps() {
        assertThat(LiveChart.niceCeiling(5)).isEqualTo(5);
        assertThat(LiveChart.niceCeiling(5.5)).isEqualTo(10);
        assertThat(LiveChart.niceCeiling(13.2)).isEqualTo(20);
        assertThat(LiveChart.niceCeiling(22)).isEqualTo(50);
        assertThat(LiveChart.niceCeiling(650)).isEqualTo(1000);
        assertThat(LiveChart.niceCeiling(0.7)).isEqualTo(1);
    }
}
