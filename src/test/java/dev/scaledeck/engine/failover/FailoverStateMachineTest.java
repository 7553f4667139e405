package dev.scaledeck.engine.failover;

import dev.scaledeck.engine.failover.FailoverStateMachine.Decision;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.scaledeck.engine.failover.FailoverState.FAILING_BACK;
import static dev.scaledeck.engine.failover.FailoverState.FAILING_OVER;
import static dev.scaledeck.engine.failover.FailoverState.ON_PRIMARY;
import static dev.scaledeck.engine.failover.FailoverState.ON_SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;

class FailoverStateMachineTest {

    private static final ProbeResult OK = ProbeResult.healthy("HTTP 200");
    private static final ProbeResult REFUSED = ProbeResult.failed("connection refused to 127.0.0.1:5");

    private final MutableClock clock = new MutableClock();
    private final FailoverStateMachine machine = new FailoverStateMachine("api", "http://p", "http://s", 3, 5, clock);

    private Decision rounds(int n, ProbeResult primary, ProbeResult secondary) {
        Decision last = Decision.NONE;
        for (int i = 0; i < n; i++) {
            last = machine.observeRound(primary, secondary);
        }
        return last;
    }

    private void failOver() {
        machine.switched(rounds(3, REFUSED, OK));
    }

    @Test
    void onlyTheTransitionsOfTheTableShouldBeLegal() {
        assertThat(ON_PRIMARY.canMoveTo(FAILING_OVER)).isTrue();
        assertThat(FAILING_OVER.canMoveTo(ON_SECONDARY)).isTrue();
        assertThat(FAILING_OVER.canMoveTo(ON_PRIMARY)).isTrue();
        assertThat(ON_SECONDARY.canMoveTo(FAILING_BACK)).isTrue();
        assertThat(FAILING_BACK.canMoveTo(ON_PRIMARY)).isTrue();
        assertThat(ON_PRIMARY.canMoveTo(ON_SECONDARY)).isFalse();
        assertThat(ON_PRIMARY.canMoveTo(FAILING_BACK)).isFalse();
        assertThat(ON_SECONDARY.canMoveTo(ON_PRIMARY)).isFalse();
        assertThat(ON_SECONDARY.canMoveTo(FAILING_OVER)).isFalse();
    }

    @Test
    void shouldFailOverAfterThreeConsecutiveFailedChecksOfThePrimary() {
        assertThat(rounds(2, REFUSED, OK)).isEqualTo(Decision.NONE);
        clock.advance(Duration.ofSeconds(5));

        Decision decision = machine.observeRound(REFUSED, OK);

        assertThat(decision.kind()).isEqualTo(Decision.Kind.SWITCH);
        assertThat(decision.target()).isEqualTo(EndpointRole.SECONDARY);
        assertThat(decision.reason()).isEqualTo("the primary failed 3 consecutive checks (limit 3; last: "
                + "connection refused to 127.0.0.1:5) and the secondary is healthy (HTTP 200)");
        assertThat(machine.state()).isEqualTo(FAILING_OVER);
        assertThat(machine.active()).isEqualTo(EndpointRole.PRIMARY);

        machine.switched(decision);

        FailoverSnapshot s = machine.snapshot();
        assertThat(s.state()).isEqualTo(ON_SECONDARY);
        assertThat(s.activeEndpoint()).isEqualTo("http://s");
        assertThat(s.since()).isEqualTo(clock.instant());
        assertThat(s.failovers()).isEqualTo(1);
        assertThat(s.lastSwitchReason()).isEqualTo(decision.reason());
        assertThat(s.primary().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void aHealthyCheckShouldResetTheFailureCount() {
        rounds(2, REFUSED, OK);
        machine.observeRound(OK, OK);

        assertThat(rounds(2, REFUSED, OK)).isEqualTo(Decision.NONE);
        assertThat(machine.state()).isEqualTo(ON_PRIMARY);
    }

    @Test
    void shouldNotFailOverToAnUnhealthySecondaryAndSaySoOnlyOnce() {
        assertThat(rounds(2, REFUSED, REFUSED)).isEqualTo(Decision.NONE);

        Decision stranded = machine.observeRound(REFUSED, REFUSED);

        assertThat(stranded.kind()).isEqualTo(Decision.Kind.STRANDED);
        assertThat(stranded.reason()).endsWith("but the secondary is not healthy either "
                + "(connection refused to 127.0.0.1:5); staying on the primary");
        assertThat(rounds(5, REFUSED, REFUSED)).isEqualTo(Decision.NONE);
        assertThat(machine.observeRound(REFUSED, OK).kind()).isEqualTo(Decision.Kind.SWITCH);
    }

    @Test
    void shouldFailBackOnlyAfterFiveConsecutiveHealthyChecksOfThePrimary() {
        failOver();

        assertThat(rounds(4, OK, OK)).isEqualTo(Decision.NONE);
        Decision decision = machine.observeRound(OK, OK);

        assertThat(decision.kind()).isEqualTo(Decision.Kind.SWITCH);
        assertThat(decision.target()).isEqualTo(EndpointRole.PRIMARY);
        assertThat(decision.reason()).isEqualTo("the primary was healthy for 5 consecutive checks (needed 5; last: HTTP 200)");
        assertThat(machine.state()).isEqualTo(FAILING_BACK);
        machine.switched(decision);
        assertThat(machine.snapshot().failbacks()).isEqualTo(1);
        assertThat(machine.active()).isEqualTo(EndpointRole.PRIMARY);
    }

    @Test
    void aPrimaryThatAnswersOnlyNowAndThenShouldNotGetTheWorkBack() {
        failOver();

        for (int i = 0; i < 10; i++) {
            assertThat(rounds(4, OK, OK)).isEqualTo(Decision.NONE);
            assertThat(machine.observeRound(REFUSED, OK)).isEqualTo(Decision.NONE);
        }

        assertThat(machine.state()).isEqualTo(ON_SECONDARY);
        assertThat(machine.snapshot().failbacks()).isZero();
    }

    @Test
    void shouldFailBackAtOnceWhenTheSecondaryFailsAndThePrimaryAnswers() {
        failOver();

        Decision decision = rounds(3, OK, REFUSED);

        assertThat(decision.kind()).isEqualTo(Decision.Kind.SWITCH);
        assertThat(decision.target()).isEqualTo(EndpointRole.PRIMARY);
        assertThat(decision.reason()).startsWith("the secondary failed 3 consecutive checks");
    }

    @Test
    void onlyOneObserverShouldGetTheSwitch() {
        rounds(2, REFUSED, OK);

        Decision first = machine.observe(EndpointRole.PRIMARY, REFUSED);
        Decision second = machine.observe(EndpointRole.PRIMARY, REFUSED);

        assertThat(first.kind()).isEqualTo(Decision.Kind.SWITCH);
        assertThat(second).isEqualTo(Decision.NONE);
    }

    @Test
    void aFailedSwitchShouldLeaveThePrimaryActiveAndTryAgainOnTheNextFailure() {
        Decision decision = rounds(3, REFUSED, OK);

        machine.switchFailed(decision, "pool could not start");

        assertThat(machine.state()).isEqualTo(ON_PRIMARY);
        assertThat(machine.snapshot().lastSwitchReason()).startsWith("switch to the secondary failed (pool could not start)");
        assertThat(machine.observeRound(REFUSED, OK).kind()).isEqualTo(Decision.Kind.SWITCH);
    }
}
