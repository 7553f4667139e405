package dev.scaledeck.embedded;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UtilizationMeterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final UtilizationMeter meter = new UtilizationMeter(4, now::get);

    @Test
    void shouldBeZeroWhenNoWorkerWasBusy() {
        now.addAndGet(5 * SECOND);

        assertThat(meter.utilization()).isZero();
    }

    @Test
    void shouldApproachTheShareOfBusyWorkersWithinAFewSeconds() {
        meter.begin();
        meter.begin();
        now.addAndGet(5 * SECOND);

        assertThat(meter.utilization()).isCloseTo(0.5, within(0.01));
    }

    @Test
    void shouldForgetABusyPeriodAfterAFewIdleSeconds() {
        meter.begin();
        now.addAndGet(5 * SECOND);
        meter.end();
        double busy = meter.utilization();

        now.addAndGet(5 * SECOND);

        assertThat(busy).isCloseTo(0.25, within(0.01));
        assertThat(meter.utilization()).isLessThan(0.01);
    }

    @Test
    void shouldNeverExceedOneEvenWithMoreRequestsThanWorkers() {
        for (int i = 0; i < 10; i++) {
            meter.begin();
        }
        now.addAndGet(10 * SECOND);

        assertThat(meter.utilization()).isCloseTo(1.0, within(0.001)).isLessThanOrEqualTo(1.0);
    }
}
