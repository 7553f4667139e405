package dev.scaledeck.embedded;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyWindowTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final LatencyWindow window = new LatencyWindow(10, now::get);

    @Test
    void shouldAnswerZeroBeforeAnyRequest() {
        assertThat(window.percentilesMillis(50, 95)).containsExactly(0, 0);
    }

    @Test
    void shouldReportMedianAndTailInMilliseconds() {
        for (int i = 1; i <= 100; i++) {
            window.record(i * MILLI);
        }

        double[] p = window.percentilesMillis(50, 95);

        assertThat(p[0]).isCloseTo(50, within(1.0));
        assertThat(p[1]).isCloseTo(95, within(1.0));
    }

    @Test
    void shouldForgetRequestsOlderThanTheWindow() {
        window.record(500 * MILLI);
        now.addAndGet(5 * SECOND);
        window.record(2 * MILLI);

        assertThat(window.percentilesMillis(95)[0]).isCloseTo(500, within(5.0));

        now.addAndGet(6 * SECOND);

        assertThat(window.percentilesMillis(95)[0]).isCloseTo(2, within(0.1));

        now.addAndGet(10 * SECOND);

        assertThat(window.percentilesMillis(95)[0]).isZero();
    }
}
