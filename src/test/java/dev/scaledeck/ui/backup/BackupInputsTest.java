package dev.scaledeck.ui.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class BackupInputsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 15:00:00 in Berlin. */
    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void shouldReadAPositiveWholeNumberAsAUserId() {
        assertThat(BackupInputs.userId("42").value()).isEqualTo(42L);
        assertThat(BackupInputs.userId(" 7 ").value()).isEqualTo(7L);
        assertThat(BackupInputs.userId("").ok()).isFalse();
        assertThat(BackupInputs.userId("  ").problem()).as("blank is not an error yet").isNull();
        assertThat(BackupInputs.userId("x1").problem())
                .isEqualTo("User id must be a positive whole number such as 42, not 'x1'");
        assertThat(BackupInputs.userId("0").problem()).endsWith("not '0'");
    }

    @Test
    void shouldReadHoursAndMinutesWithOrWithoutSecondsInTheLocalZone() {
        assertThat(BackupInputs.pointInTime(TODAY, "14:05", NOW, BERLIN).value())
                .isEqualTo(Instant.parse("2026-11-26T13:05:00Z"));
        assertThat(BackupInputs.pointInTime(TODAY, "9:05:30", NOW, BERLIN).value())
                .isEqualTo(Instant.parse("2026-11-26T08:05:30Z"));
        assertThat(BackupInputs.pointInTime(TODAY, "15:00", NOW, BERLIN).ok()).as("now itself").isTrue();
        assertThat(BackupInputs.pointInTime(TODAY, "", NOW, BERLIN).problem()).isNull();
    }

    @Test
    void shouldSayWhatIsAllowedForAMalformedTime() {
        for (String bad : new String[] {"25:00", "14:5", "14.05", "noon", "14:05:61", "14:05 pm"}) {
            assertThat(BackupInputs.pointInTime(TODAY, bad, NOW, BERLIN).problem()).as(bad)
                    .isEqualTo("'" + bad + "' is not a time of day: use HH:mm or HH:mm:ss, e.g. 14:05 or 14:05:30");
        }
    }

    @Test
    void shouldRefuseATimeInTheFuture() {
        assertThat(BackupInputs.pointInTime(TODAY, "15:00:01", NOW, BERLIN).problem())
                .isEqualTo("2026-11-26 15:00:01 is in the future (it is 2026-11-26 15:00:00 now): pick a time that has passed");
        assertThat(BackupInputs.pointInTime(TODAY.plusDays(1), "08:00", NOW, BERLIN).problem()).contains("in the future");
    }

    @Test
    void shouldAskForADateWhenNoneIsPicked() {
        assertThat(BackupInputs.pointInTime(null, "14:05", NOW, BERLIN).problem()).isEqualTo("Pick the date to go back to");
    }
}
