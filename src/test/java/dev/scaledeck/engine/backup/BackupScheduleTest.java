package dev.scaledeck.engine.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-26T14:05:00Z");
    private final BackupSchedule hourly = new BackupSchedule(BackupScheduleTarget.FULL, Duration.ofHours(1));

    @Test
    void aScheduleThatNeverRanShouldBeDueAtOnceWithNothingMissed() {
        BackupSchedule.Status s = hourly.status(Optional.empty(), NOW);

        assertThat(s.due()).isTrue();
        assertThat(s.missed()).isZero();
        assertThat(s.describe()).isEqualTo("full every 1h: never ran; due now");
    }

    @Test
    void aRecentRunShouldMakeItWaitUntilTheIntervalIsOver() {
        BackupSchedule.Status s = hourly.status(Optional.of(NOW.minus(Duration.ofMinutes(59))), NOW);

        assertThat(s.due()).isFalse();
        assertThat(s.nextDue()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(s.describe()).isEqualTo("full every 1h: last run 2026-11-26T13:06:00Z, next at 2026-11-26T14:06:00Z");
    }

    @Test
    void runsThatFellDueWhileStoppedShouldBeCountedAsMissed() {
        assertThat(hourly.status(Optional.of(NOW.minus(Duration.ofMinutes(60))), NOW).missed()).isZero();
        BackupSchedule.Status late = hourly.status(Optional.of(NOW.minus(Duration.ofMinutes(200))), NOW);

        assertThat(late.due()).isTrue();
        assertThat(late.missed()).isEqualTo(2); // due at +60 and +120 passed; +180 is the one that runs now
        assertThat(late.describe()).isEqualTo("full every 1h: due since 2026-11-26T11:45:00Z; "
                + "2 scheduled runs missed since the last one at 2026-11-26T10:45:00Z");
    }

    @Test
    void targetsShouldParseAndNameWhatIsAllowed() {
        assertThat(BackupScheduleTarget.parse("full")).isEqualTo(BackupScheduleTarget.FULL);
        assertThat(BackupScheduleTarget.parse(" Base ")).isEqualTo(BackupScheduleTarget.BASE);
        assertThat(BackupScheduleTarget.parse("user:42").key()).isEqualTo("user:42");
        for (String bad : new String[] {"users", "user:", "user:-1", "user:x"}) {
            assertThatThrownBy(() -> BackupScheduleTarget.parse(bad)).hasMessage(
                    "'" + bad + "' is not a backup scope: use full, base or user:ID (ID a positive number)");
        }
        assertThatThrownBy(() -> new BackupSchedule(BackupScheduleTarget.FULL, Duration.ofSeconds(10)))
                .hasMessage("every 10s is too often; the least is 1m");
    }
}
