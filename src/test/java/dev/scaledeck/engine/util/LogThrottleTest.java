package dev.scaledeck.engine.util;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LogThrottleTest {

    @Test
    void shouldLetOneLineThroughPerPeriodAndCountTheOnesLeftOut() {
        AtomicLong nanos = new AtomicLong(5_000);
        LogThrottle throttle = new LogThrottle(Duration.ofSeconds(1), nanos::get);

        assertThat(throttle.pass()).isZero();
        assertThat(throttle.pass()).isEqualTo(-1);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(throttle.pass()).isEqualTo(-1);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(throttle.pass()).isEqualTo(2);
        assertThat(throttle.pass()).isEqualTo(-1);
    }
}
