package dev.scaledeck.ui.chart;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveChartModelTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void shouldKeepPointsOfEverySeriesOldestFirst() {
        LiveChartModel model = new LiveChartModel("Connections", "connections", 5, Duration.ofSeconds(2),
                List.of("Active", "Idle"));

        model.add(at(0), 1, 10);
        model.add(at(0.5), 2, 20);
        model.add(at(1), 3, 30);

        assertThat(model.size()).isEqualTo(3);
        assertThat(model.values("Active")).containsExactly(1, 2, 3);
        assertThat(model.values("Idle")).containsExactly(10, 20, 30);
        assertThat(model.secondsAgo()).containsExactly(-1.0, -0.5, 0.0);
        assertThat(model.latest(1)).isEqualTo(30);
    }

    @Test
    void shouldStayBoundedAtCapacityDroppingTheOldest() {
        LiveChartModel model = new LiveChartModel("c", "u", 4, Duration.ofSeconds(2), List.of("a"));

        for (int i = 0; i < 11; i++) {
            model.add(at(i * 0.5), i);
        }

        assertThat(model.size()).isEqualTo(4);
        assertThat(model.sizeProperty().get()).isEqualTo(4);
        assertThat(model.values(0)).containsExactly(7, 8, 9, 10);
        assertThat(model.secondsAgo()).containsExactly(-1.5, -1.0, -0.5, 0.0);
        assertThat(model.latest(0)).isEqualTo(10);
    }

    @Test
    void shouldChangeVersionOnEveryAddSoViewsRedraw() {
        LiveChartModel model = LiveChartModel.of("c", "u", "a");
        long before = model.versionProperty().get();

        model.add(T0, 1);
        model.add(T0, 2);

        assertThat(model.versionProperty().get()).isEqualTo(before + 2);
    }

    @Test
    void shouldDefaultToTenMinutesOfHistoryAtTwoHertzShowingOneMinute() {
        LiveChartModel model = LiveChartModel.of("c", "u", "a");

        assertThat(model.capacity()).isEqualTo(1200);
        assertThat(model.span()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void shouldCopyPointsIntoTheChartsBuffersOldestFirstAcrossTheRingsEnd() {
        LiveChartModel model = new LiveChartModel("c", "u", 4, Duration.ofSeconds(2), List.of("a", "b"));
        for (int i = 0; i < 6; i++) {
            model.add(at(i * 0.5), i, -i);
        }
        double[] seconds = new double[5];
        double[] a = new double[5];
        double[] b = new double[5];

        model.secondsAgo(seconds);
        model.values(0, a);
        model.values(1, b);

        assertThat(seconds).startsWith(-1.5, -1.0, -0.5, 0.0);
        assertThat(a).startsWith(2, 3, 4, 5);
        assertThat(b).startsWith(-2, -3, -4, -5);
    }

    @Test
    void shouldBeEmptyAfterClear() {
        LiveChartModel model = LiveChartModel.of("c", "u", "a");
        model.add(T0, 1);

        model.clear();

        assertThat(model.size()).isZero();
        assertThat(model.values(0)).isEmpty();
        assertThat(model.secondsAgo()).isEmpty();
        assertThat(model.latest(0)).isNaN();
    }

    @Test
    void shouldRejectAPointWithTheWrongNumberOfValues() {
        LiveChartModel model = LiveChartModel.of("Acquire wait", "ms", "p50", "p99");

        assertThatThrownBy(() -> model.add(T0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 value(s) [p50, p99], but got 1");
    }

    @Test
    void shouldRejectBadShapes() {
        assertThatThrownBy(() -> new LiveChartModel("c", "u", 1, Duration.ofSeconds(1), List.of("a")))
                .hasMessage("capacity must be at least 2, but was 1");
        assertThatThrownBy(() -> new LiveChartModel("c", "u", 10, Duration.ZERO, List.of("a")))
                .hasMessage("span must be positive, but was PT0S");
        assertThatThrownBy(() -> new LiveChartModel("c", "u", 10, Duration.ofSeconds(1), List.of()))
                .hasMessage("a chart needs at least one series");
        assertThatThrownBy(() -> LiveChartModel.of("c", "u", "a").values("b"))
                .hasMessage("no series b in [a]");
    }

    @Test
    void shouldKeepTheHistoryOfSeriesThatStayWhenTheSeriesChange() {
        LiveChartModel model = new LiveChartModel("Requests", "per second", 3, Duration.ofSeconds(2),
                List.of("sample-1", "sample-2"));
        for (int i = 0; i < 5; i++) {
            model.add(at(i * 0.5), i, 10 * i);
        }

        LiveChartModel changed = model.withSeries(List.of("sample-2", "sample-3"));

        assertThat(changed.seriesNames()).containsExactly("sample-2", "sample-3");
        assertThat(changed.capacity()).isEqualTo(3);
        assertThat(changed.title()).isEqualTo("Requests");
        assertThat(changed.values("sample-2")).containsExactly(20, 30, 40);
        assertThat(changed.values("sample-3")).containsExactly(0, 0, 0);
        assertThat(changed.secondsAgo()).containsExactly(-1.0, -0.5, 0.0);
        assertThat(model.seriesNames()).as("the old model is unchanged").containsExactly("sample-1", "sample-2");

        changed.add(at(3), 50, 7);
        assertThat(changed.size()).as("still bounded").isEqualTo(3);
        assertThat(changed.latest("sample-3")).isEqualTo(7);
    }
}
