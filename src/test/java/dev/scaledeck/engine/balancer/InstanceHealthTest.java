package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceHealthTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);
    private final InstanceStateMachine machine = new InstanceStateMachine("a", clock, journal, "added");

    @Test
    void legalTransitionsShouldFollowTheTable() {
        assertThat(InstanceHealth.HEALTHY.legalNext()).containsExactlyInAnyOrder(
                InstanceHealth.UNHEALTHY, InstanceHealth.EJECTED, InstanceHealth.DRAINING);
        assertThat(InstanceHealth.UNHEALTHY.legalNext()).containsExactlyInAnyOrder(
                InstanceHealth.HEALTHY, InstanceHealth.EJECTED, InstanceHealth.DRAINING);
        assertThat(InstanceHealth.EJECTED.legalNext()).containsExactlyInAnyOrder(
                InstanceHealth.HEALTHY, InstanceHealth.UNHEALTHY, InstanceHealth.DRAINING);
        assertThat(InstanceHealth.DRAINING.legalNext()).containsExactly(InstanceHealth.REMOVED);
        assertThat(InstanceHealth.REMOVED.legalNext()).isEmpty();
        assertThat(InstanceHealth.HEALTHY.canMoveTo(InstanceHealth.REMOVED)).as("removal always drains first").isFalse();
    }

    @Test
    void everyTransitionShouldBeJournalledWithItsReasonAndTime() {
        clock.advance(Duration.ofSeconds(5));

        machine.moveTo(InstanceHealth.EJECTED, "operator: bad deploy");

        assertThat(journal.recent(1)).singleElement().isEqualTo(new EngineEvent(clock.instant(), "instance", "ejected",
                "a", "Instance a HEALTHY -> EJECTED: operator: bad deploy"));
        assertThat(machine.condition()).isEqualTo(new InstanceCondition(InstanceHealth.EJECTED,
                "operator: bad deploy", clock.instant()));
    }

    @Test
    void illegalMoveShouldBeRefusedNamingTheCurrentAndLegalStates() {
        machine.moveTo(InstanceHealth.DRAINING, "drain requested");
        machine.moveTo(InstanceHealth.REMOVED, "drained and removed");

        assertThatThrownBy(() -> machine.moveTo(InstanceHealth.HEALTHY, "restore"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Instance a is REMOVED (drained and removed); it cannot become HEALTHY "
                        + "(from REMOVED it may become nothing)");
        assertThat(journal.recent(10)).hasSize(2);
    }

    @Test
    void conditionalMoveShouldLoseQuietlyWhenTheStateHasChanged() {
        machine.moveTo(InstanceHealth.EJECTED, "operator");

        assertThat(machine.moveIf(InstanceHealth.HEALTHY, InstanceHealth.UNHEALTHY, "probes")).isFalse();
        assertThat(machine.state()).isEqualTo(InstanceHealth.EJECTED);
        assertThat(machine.moveIf(InstanceHealth.EJECTED, InstanceHealth.UNHEALTHY, "ejection over")).isTrue();
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsExactly("ejected", "unhealthy");
    }
}
