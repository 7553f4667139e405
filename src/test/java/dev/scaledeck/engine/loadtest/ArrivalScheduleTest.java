package dev.scaledeck.engine.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalScheduleTest {

    @Test
    void constantRateShouldSpaceArrivalsEvenlyAndOfferExactlyRateTimesDuration() {
        ArrivalSchedule s = new ArrivalSchedule(500, 500, 10);

        assertThat(s.arrivals()).isEqualTo(5000);
        assertThat(s.dueNanos(0)).isZero();
        assertThat(s.dueNanos(1)).isCloseTo(2_000_000, within(1L));
        assertThat(s.dueNanos(4999)).isCloseTo(9_998_000_000L, within(10L));
        assertThat(s.rateAt(3)).isEqualTo(500);
    }

    @Test
    void rampingRateShouldMoveTheRateLinearlyAndOfferTheAreaUnderIt() {
        ArrivalSchedule up = new ArrivalSchedule(0, 100, 10);

        assertThat(up.arrivals()).isEqualTo(500);
        assertThat(up.rateAt(5)).isEqualTo(50);
        // N(t) = 5 t², so arrival 125 is due at 5 s and the last (499) just before 10 s
        assertThat(up.dueNanos(125) / 1e9).isCloseTo(5.0, within(1e-6));
        assertThat(up.dueNanos(499) / 1e9).isLessThan(10).isGreaterThan(9.98);
    }

    @Test
    void rampingDownShouldStillScheduleEveryArrivalInsideTheDuration() {
        ArrivalSchedule down = new ArrivalSchedule(100, 10, 10);

        assertThat(down.arrivals()).isEqualTo(550);
        long previous = -1;
        for (long i = 0; i < down.arrivals(); i++) {
            long due = down.dueNanos(i);
            assertThat(due).isGreaterThan(previous).isLessThan(10_000_000_000L);
            previous = due;
        }
    }

    @Test
    void fractionalTotalsShouldRoundUpSoTheLastPartialArrivalIsOffered() {
        assertThat(new ArrivalSchedule(2.5, 2.5, 1).arrivals()).isEqualTo(3);
    }
}
