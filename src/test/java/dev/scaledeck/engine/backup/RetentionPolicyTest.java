package dev.scaledeck.engine.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z"); // a Thursday

    private static RetentionPolicy.Candidate backup(String id, Instant at) {
        return new RetentionPolicy.Candidate(id, "full", at, false);
    }

    /** One backup every 6 hours for 100 days, newest first ids b0 (now), b1 (6 h ago), ... */
    private static List<RetentionPolicy.Candidate> everySixHours(int days) {
        List<RetentionPolicy.Candidate> list = new ArrayList<>();
        for (int i = 0; i < days * 4; i++) {
            list.add(backup("b" + i, NOW.minus(Duration.ofHours(6L * i))));
        }
        return list;
    }

    @Test
    void shouldKeepExactlyTheLastNAndTheNewestOfEachDayWeekAndMonth() {
        RetentionPolicy policy = new RetentionPolicy(3, 2, 2, 2);

        RetentionPolicy.Plan plan = policy.plan(everySixHours(100), ZoneOffset.UTC);

        // last 3: b0 b1 b2 (12:00, 06:00, 00:00 on the 26th).
        // daily 2: newest of the 26th (b0) and of the 25th (b3 at 18:00).
        // weekly 2: this ISO week (b0) and the week before: Sunday 22nd 18:00, 3 days 18 h back = b15.
        // monthly 2: November (b0) and October: 31 Oct 18:00 = 25 days 18 h back = b103.
        assertThat(plan.keep()).containsOnlyKeys("b0", "b1", "b2", "b3", "b15", "b103");
        assertThat(plan.keep().get("b0")).containsExactly("last 1", "daily 2026-11-26", "weekly 2026-W48", "monthly 2026-11");
        assertThat(plan.keep().get("b15")).containsExactly("weekly 2026-W47");
        assertThat(plan.keep().get("b103")).containsExactly("monthly 2026-10");
        assertThat(plan.delete()).hasSize(400 - 6).startsWith("b399").endsWith("b4").doesNotContain("b15", "b103");
    }

    @Test
    void periodsWithoutABackupShouldNotUseUpASlot() {
        RetentionPolicy policy = new RetentionPolicy(1, 3, 0, 0);
        List<RetentionPolicy.Candidate> sparse = List.of(
                backup("today", NOW),
                backup("five-days-ago", NOW.minus(Duration.ofDays(5))),
                backup("nine-days-ago", NOW.minus(Duration.ofDays(9))),
                backup("twenty-days-ago", NOW.minus(Duration.ofDays(20))));

        RetentionPolicy.Plan plan = policy.plan(sparse, ZoneOffset.UTC);

        assertThat(plan.keep()).containsOnlyKeys("today", "five-days-ago", "nine-days-ago");
        assertThat(plan.delete()).containsExactly("twenty-days-ago");
    }

    @Test
    void theNewestVerifiedBackupShouldNeverBeDeleted() {
        RetentionPolicy policy = new RetentionPolicy(2, 0, 0, 0);
        List<RetentionPolicy.Candidate> list = List.of(
                backup("new-1", NOW),
                backup("new-2", NOW.minusSeconds(60)),
                new RetentionPolicy.Candidate("old-verified", "full", NOW.minus(Duration.ofDays(30)), true),
                new RetentionPolicy.Candidate("older-verified", "full", NOW.minus(Duration.ofDays(40)), true));

        RetentionPolicy.Plan plan = policy.plan(list, ZoneOffset.UTC);

        assertThat(plan.keep()).containsOnlyKeys("new-1", "new-2", "old-verified");
        assertThat(plan.keep().get("old-verified")).containsExactly("newest verified");
        assertThat(plan.delete()).containsExactly("older-verified");
    }

    @Test
    void eachScopeShouldBePlannedOnItsOwn() {
        RetentionPolicy policy = new RetentionPolicy(1, 0, 0, 0);
        List<RetentionPolicy.Candidate> list = List.of(
                new RetentionPolicy.Candidate("u1-new", "user:1", NOW, false),
                new RetentionPolicy.Candidate("u1-old", "user:1", NOW.minusSeconds(3600), false),
                new RetentionPolicy.Candidate("u2-old", "user:2", NOW.minusSeconds(7200), false));

        RetentionPolicy.Plan plan = policy.plan(list, ZoneOffset.UTC);

        assertThat(plan.keep()).containsOnlyKeys("u1-new", "u2-old");
        assertThat(plan.delete()).containsExactly("u1-old");
    }

    @Test
    void calendarDaysShouldBeReadInTheGivenZone() {
        RetentionPolicy policy = new RetentionPolicy(1, 2, 0, 0);
        // 23:30 and 00:30 UTC are the same day at UTC+02:00 (01:30 and 02:30 on the 26th).
        List<RetentionPolicy.Candidate> list = List.of(
                backup("late", Instant.parse("2026-11-26T00:30:00Z")),
                backup("early", Instant.parse("2026-11-25T23:30:00Z")),
                backup("day-before", Instant.parse("2026-11-24T12:00:00Z")));

        assertThat(policy.plan(list, ZoneOffset.UTC).keep()).containsOnlyKeys("late", "early");
        assertThat(policy.plan(list, ZoneOffset.ofHours(2)).keep()).containsOnlyKeys("late", "day-before");
    }

    @Test
    void parseShouldReadTheSettingAndNameWhatIsWrong() {
        assertThat(RetentionPolicy.parse("last=7, daily=7,weekly=4,monthly=6")).isEqualTo(RetentionPolicy.DEFAULT);
        assertThat(RetentionPolicy.parse("daily=3")).isEqualTo(new RetentionPolicy(1, 3, 0, 0));
        assertThat(RetentionPolicy.parse(RetentionPolicy.DEFAULT.toString())).isEqualTo(RetentionPolicy.DEFAULT);

        assertThatThrownBy(() -> RetentionPolicy.parse("hourly=3")).hasMessage(
                "'hourly=3' is not one of last=N, daily=N, weekly=N, monthly=N");
        assertThatThrownBy(() -> RetentionPolicy.parse("last=0")).hasMessage(
                "'last=0': last must be a whole number from 1 to 10000");
        assertThatThrownBy(() -> RetentionPolicy.parse("daily=many")).hasMessage(
                "'daily=many': daily must be a whole number from 0 to 10000");
        assertThatThrownBy(() -> RetentionPolicy.parse("daily=1,daily=2")).hasMessage("'daily' is given twice");
        assertThatThrownBy(() -> RetentionPolicy.parse(" ")).hasMessageStartingWith("no rule given");
    }
}
