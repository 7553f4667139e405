package dev.scaledeck.engine.recovery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.scaledeck.engine.recovery.ImpactFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class ImpactReportTest {

    /** Data at risk over the RPO and the last drill over the RTO. */
    private static final PlanImpact AT_RISK = new PlanImpact("database-down", "Database down",
            List.of("converter API", "project editor"), List.of("all signed-in users"), OptionalLong.of(1234),
            "every row of the user table users (backup.userTable)", Optional.of(NOW.minus(Duration.ofHours(26))),
            Optional.of(Duration.ofHours(26)), Duration.ofMinutes(1), Optional.of(NOW.minus(Duration.ofDays(3))),
            Optional.of(Duration.ofMinutes(7)), Optional.of(Duration.ZERO), Duration.ofMinutes(5), 1200, "EUR",
            List.of("data at risk 1d 2h exceeds the RPO target 1m (newest verified backup 2026-11-26 00:10 UTC)",
                    "last drill's RTO 7m exceeds the 5m target"));

    /** Everything within its targets. */
    private static final PlanImpact OK = new PlanImpact("instance-crash", "Instance crashed", List.of("converter API"),
            List.of(), OptionalLong.of(1234), "every row of the user table users (backup.userTable)",
            Optional.of(NOW.minusSeconds(10)), Optional.of(Duration.ofSeconds(10)), Duration.ofMinutes(1),
            Optional.of(NOW.minus(Duration.ofDays(2))), Optional.of(Duration.ofSeconds(42)), Optional.of(Duration.ZERO),
            Duration.ofMinutes(5), 0, "EUR", List.of("last drill's RTO 42s is within the 5m target"));

    /** Data safe enough, never drilled, users not counted, and a name that is not safe in a table cell. */
    private static final PlanImpact NOT_DRILLED = new PlanImpact("user-data-damaged", "User data | damaged",
            List.of(), List.of("one customer"), OptionalLong.empty(),
            "could not count: database unreachable (Connection refused); query: SELECT count(*) FROM \"users\"",
            Optional.of(NOW.minusSeconds(30)), Optional.of(Duration.ofSeconds(30)), Duration.ofMinutes(1),
            Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(15), 600, "USD",
            List.of("never drilled: the expected downtime is unknown — run `scaledeck dr run user-data-damaged --drill`"));

    private static final ImpactAssessment ASSESSMENT = new ImpactAssessment(NOW, List.of(AT_RISK, OK, NOT_DRILLED));

    @Test
    void eachPlanShouldGetTheStatusOfItsWorstNews() {
        assertThat(ImpactStatus.of(AT_RISK)).isEqualTo(ImpactStatus.AT_RISK);
        assertThat(ImpactStatus.of(OK)).isEqualTo(ImpactStatus.OK);
        assertThat(ImpactStatus.of(NOT_DRILLED)).isEqualTo(ImpactStatus.NOT_DRILLED);
        PlanImpact neverDrilledWithoutBackup = new PlanImpact("p", "P", List.of(), List.of(), OptionalLong.empty(), "",
                Optional.empty(), Optional.empty(), Duration.ofMinutes(1), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofMinutes(5), 0, "EUR", List.of());
        assertThat(ImpactStatus.of(neverDrilledWithoutBackup)).isEqualTo(ImpactStatus.AT_RISK);
    }

    @Test
    void markdownShouldHaveTheTitleAndOneSummaryRowPerPlan() {
        String md = ImpactReport.markdown(ASSESSMENT);

        assertThat(md).startsWith("# Business impact assessment, 2026-11-27 02:10 UTC\n");
        assertThat(md).contains("| Plan | Users affected | Data at risk / RPO target | Expected downtime / RTO target "
                        + "| Cost of expected downtime | Status |\n|---|---:|---|---|---:|---|\n",
                "| Database down (`database-down`) | 1,234 | 1d 2h / 1m | 7m / 5m | 140.00 EUR | AT RISK |\n",
                "| Instance crashed (`instance-crash`) | 1,234 | 10s / 1m | 42.0 s / 5m | not given | OK |\n",
                "| User data \\| damaged (`user-data-damaged`) | unknown | 30s / 1m | not drilled / 15m "
                        + "| unknown (600.00 USD per hour) | NOT DRILLED |\n");
    }

    @Test
    void markdownShouldHaveASectionPerPlanWithServicesUserGroupsFindingsAndWhatToDo() {
        String md = ImpactReport.markdown(ASSESSMENT);

        assertThat(md).contains("## Database down (`database-down`): AT RISK\n",
                "- **Services:** converter API, project editor\n",
                "- **User groups:** all signed-in users\n",
                "- **Users affected:** 1,234; every row of the user table users (backup.userTable)\n",
                "- **Cost of downtime:** 1,200.00 EUR per hour\n",
                "### Findings\n\n- data at risk 1d 2h exceeds the RPO target 1m (newest verified backup "
                        + "2026-11-26 00:10 UTC)\n- last drill's RTO 7m exceeds the 5m target\n",
                "### What to do\n\n1. Back up more often: a verified full backup at least every 1m",
                "2. Shorten the recovery to within 5m (the last drill took 7m)");
        assertThat(md).contains("## Instance crashed (`instance-crash`): OK\n", "- **User groups:** none named\n",
                "1. Nothing now; drill again by 2026-12-25 02:10 UTC.\n");
        assertThat(md).contains("## User data | damaged (`user-data-damaged`): NOT DRILLED\n",
                "- **Services:** none named\n",
                "1. Drill the plan to measure the downtime: `scaledeck dr run user-data-damaged --drill`",
                "2. Fix the count of affected users (could not count: database unreachable (Connection refused)");
    }

    @Test
    void textShouldAlignTheSameContentWithoutMarkdownSyntax() {
        String text = ImpactReport.text(ASSESSMENT);

        assertThat(text).startsWith("Business impact assessment, 2026-11-27 02:10 UTC\n")
                .doesNotContain("|---", "# ", "**");
        List<String> lines = Arrays.asList(text.split("\n"));
        assertThat(lines).noneMatch(l -> l.startsWith("|") || l.endsWith("|"));
        String header = lines.stream().filter(l -> l.startsWith("Plan ")).findFirst().orElseThrow();
        String row = lines.stream().filter(l -> l.startsWith("database-down ")).findFirst().orElseThrow();
        String last = lines.stream().filter(l -> l.startsWith("user-data-damaged ")).findFirst().orElseThrow();
        assertThat(row.indexOf("1,234")).isEqualTo(header.indexOf("Users affected"));
        assertThat(row.indexOf("1d 2h / 1m")).isEqualTo(header.indexOf("Data at risk"));
        assertThat(last.indexOf("NOT DRILLED")).isEqualTo(header.indexOf("Status"));
        assertThat(row.indexOf("140.00 EUR")).isEqualTo(header.indexOf("Cost of expected downtime"));
        assertThat(row).endsWith("AT RISK");
        assertThat(text).contains("Database down (database-down): AT RISK\n",
                "  Services:               converter API, project editor\n",
                "    - last drill's RTO 7m exceeds the 5m target\n",
                "  What to do:\n    1. Back up more often",
                "User data | damaged (user-data-damaged): NOT DRILLED\n");
    }

    @Test
    void anAssessmentWithoutPlansShouldSaySo() {
        ImpactAssessment none = new ImpactAssessment(Instant.parse("2026-11-27T10:15:00Z"), List.of());

        assertThat(ImpactReport.markdown(none)).contains("2026-11-27 10:15 UTC", "No recovery plans are loaded.");
        assertThat(ImpactReport.text(none)).contains("No recovery plans are loaded.");
    }
}
