package dev.scaledeck.engine.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BucketHistogramTest {

    private static BucketHistogram histogram(String text) {
        return BucketHistogram.of(PrometheusText.parse(text).samples("h_bucket")).orElseThrow();
    }

    @Test
    void shouldInterpolateInsideTheBucketLikeHistogramQuantile() {
        BucketHistogram h = histogram("""
                h_bucket{le="0.1"} 10
                h_bucket{le="0.2"} 50
                h_bucket{le="0.4"} 90
                h_bucket{le="+Inf"} 100
                """);

        assertThat(h.count()).isEqualTo(100);
        assertThat(h.quantile(0.5)).isCloseTo(0.2, within(1e-12));
        assertThat(h.quantile(0.3)).isCloseTo(0.15, within(1e-12));
        assertThat(h.quantile(0.05)).as("the lowest bucket starts at 0").isCloseTo(0.05, within(1e-12));
        assertThat(h.quantile(0.95)).as("a rank in +Inf answers the highest finite bound").isEqualTo(0.4);
    }

    @Test
    void shouldSumSeriesByLeAndSortBounds() {
        BucketHistogram h = histogram("""
                h_bucket{status="500",le="+Inf"} 10
                h_bucket{status="200",le="1"} 4
                h_bucket{status="500",le="1"} 6
                h_bucket{status="200",le="+Inf"} 10
                h_bucket{status="200",le="0.5"} 0
                h_bucket{status="500",le="0.5"} 0
                """);

        assertThat(h.count()).isEqualTo(20);
        assertThat(h.quantile(0.25)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void shouldSubtractAnEarlierScrapeAndRefuseAReset() {
        BucketHistogram earlier = histogram("h_bucket{le=\"1\"} 100\nh_bucket{le=\"2\"} 100\nh_bucket{le=\"+Inf\"} 100\n");
        BucketHistogram later = histogram("h_bucket{le=\"1\"} 100\nh_bucket{le=\"2\"} 110\nh_bucket{le=\"+Inf\"} 110\n");

        BucketHistogram interval = later.minus(earlier).orElseThrow();

        assertThat(interval.count()).isEqualTo(10);
        assertThat(interval.quantile(0.5)).isCloseTo(1.5, within(1e-12));
        assertThat(later.quantile(0.5)).as("since start, not the interval").isCloseTo(0.55, within(1e-12));
        assertThat(earlier.minus(later)).as("counters went down").isEmpty();
        assertThat(later.minus(histogram("h_bucket{le=\"5\"} 1\nh_bucket{le=\"+Inf\"} 1\n"))).as("other buckets").isEmpty();
    }

    @Test
    void shouldBeUnknownWithoutObservationsOrWithoutTheInfBucket() {
        assertThat(histogram("h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\n").quantile(0.5)).isNaN();
        assertThat(BucketHistogram.of(PrometheusText.parse("h_bucket{le=\"1\"} 3\nh_bucket{le=\"2\"} 4\n").samples("h_bucket")))
                .isEmpty();
        assertThat(BucketHistogram.of(PrometheusText.parse("h_bucket{le=\"x\"} 3\nh_bucket{le=\"+Inf\"} 4\n").samples("h_bucket")))
                .as("only +Inf is left").isEmpty();
        assertThatThrownBy(() -> histogram("h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\n").quantile(1.5))
                .hasMessage("q must be between 0 and 1, but was 1.5");
    }
}
