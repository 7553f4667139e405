package dev.scaledeck.ui.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveChartScaleTest {

    @Test
    void shouldRoundTheValueAxisUpToOneTwoOrFiveSteps() {
        assertThat(ChartScale.niceCeiling(5)).isEqualTo(5);
        assertThat(ChartScale.niceCeiling(5.5)).isEqualTo(10);
        assertThat(ChartScale.niceCeiling(13.2)).isEqualTo(20);
        assertThat(ChartScale.niceCeiling(22)).isEqualTo(50);
        assertThat(ChartScale.niceCeiling(650)).isEqualTo(1000);
        assertThat(ChartScale.niceCeiling(0.7)).isEqualTo(1);
    }

    @Test
    void shouldLeaveHeadroomAboveTheHighestValueAndNeverGoBelowFive() {
        assertThat(ChartScale.valueUpper(0)).isEqualTo(5);
        assertThat(ChartScale.valueUpper(8)).isEqualTo(10);
        assertThat(ChartScale.valueUpper(9.5)).as("9.5 plus a tenth is above 10").isEqualTo(20);
        assertThat(ChartScale.valueUpper(98)).isEqualTo(200);
    }

    @Test
    void shouldWidenTheTimeAxisInTenSecondStepsUpToTheSpanAsked() {
        assertThat(ChartScale.visibleSeconds(60, 0)).isEqualTo(10);
        assertThat(ChartScale.visibleSeconds(60, 3.5)).isEqualTo(10);
        assertThat(ChartScale.visibleSeconds(60, 21)).isEqualTo(30);
        assertThat(ChartScale.visibleSeconds(60, 599.5)).isEqualTo(60);
        assertThat(ChartScale.visibleSeconds(600, 599.5)).isEqualTo(600);
    }

    @Test
    void shouldStepTheTimeAxisInOneTwoFiveStepsOfAboutSixTicks() {
        assertThat(ChartScale.timeTick(10)).isEqualTo(2);
        assertThat(ChartScale.timeTick(30)).isEqualTo(5);
        assertThat(ChartScale.timeTick(60)).isEqualTo(10);
        assertThat(ChartScale.timeTick(300)).isEqualTo(50);
        assertThat(ChartScale.timeTick(600)).isEqualTo(100);
        assertThat(ChartScale.timeTick(50_000)).as("a long history keeps a handful of labels").isEqualTo(10_000);
    }
}
