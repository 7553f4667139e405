package dev.scaledeck.ui.notify;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which alerts pop up, decided without the toolkit: sample by sample, on the engine clock. */
class AlertNotificationsViewModelTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final AlertNotificationsViewModel vm = new AlertNotificationsViewModel();
    private Instant now = START;

    private static Alert alert(String key, Severity severity, String message, Instant raisedAt) {
        return new Alert(key, severity, key.substring(0, key.indexOf('.')), message, raisedAt, raisedAt, 1, null);
    }

    private void sample(Alert... active) {
        vm.update(now, List.of(active));
    }

    private void later(Duration d) {
        now = now.plus(d);
    }

    @Test
    void shouldShowANewAlertOnceWithItsSeverityAndSource() {
        Alert pool = alert("pool.exhausted", Severity.CRITICAL, "20/20 connections in use", START);
        sample();
        sample(pool);
        later(Duration.ofMillis(500));
        sample(pool);
        sample(pool);

        assertThat(vm.notices()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Critical · pool");
            assertThat(n.text()).isEqualTo("20/20 connections in use");
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.summary()).isFalse();
        });
    }

    @Test
    void shouldShowAnActiveAlertAgainWhenItBecomesMoreSevereButNotWhenItEases() {
        sample(alert("pool.waiting", Severity.WARNING, "4 callers waiting", START));
        later(Duration.ofSeconds(2));
        sample(alert("pool.waiting", Severity.CRITICAL, "acquire timeouts", START));
        later(Duration.ofSeconds(2));
        sample(alert("pool.waiting", Severity.WARNING, "2 callers waiting", START));
        sample(alert("pool.waiting", Severity.WARNING, "2 callers waiting", START));

        assertThat(vm.notices()).extracting(AlertNotice::title).containsExactly("Warning · pool", "Critical · pool");
        assertThat(vm.notices().get(1).text()).isEqualTo("acquire timeouts\n(was warning)");
    }

    @Test
    void shouldShowAnAlertRaisedAndClearedBetweenTwoSamplesAsAlreadyCleared() {
        sample();
        Alert brief = alert("pool.exhausted", Severity.CRITICAL, "20/20 connections in use", START);
        vm.alertChanged(brief);
        vm.alertChanged(new Alert(brief.key(), brief.severity(), brief.source(), brief.message(), START, START, 1,
                START.plusMillis(200)));
        later(Duration.ofMillis(500));
        sample();
        sample();

        assertThat(vm.notices()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Critical · pool");
            assertThat(n.text()).isEqualTo("20/20 connections in use\n(already cleared)");
        });
    }

    @Test
    void shouldShowARaiseToldBetweenSamplesOnceWhenItIsStillActive() {
        sample();
        Alert pool = alert("pool.exhausted", Severity.CRITICAL, "20/20 connections in use", START);
        vm.alertChanged(pool);
        later(Duration.ofMillis(500));
        sample(pool);

        assertThat(vm.notices()).singleElement().satisfies(n -> assertThat(n.text()).isEqualTo("20/20 connections in use"));
    }

    @Test
    void shouldTellWhoOpensTheWindowAboutAlertsAlreadyActive() {
        sample(alert("memory.high", Severity.WARNING, "heap 93 %", START.minusSeconds(60)));

        assertThat(vm.notices()).extracting(AlertNotice::title).containsExactly("Warning · memory");
    }

    @Test
    void shouldNotShowAFlappingAlertAgainWithinAMinute() {
        sample(alert("lag.high", Severity.WARNING, "lag 150 ms", START));
        later(Duration.ofSeconds(5));
        sample();
        later(Duration.ofSeconds(5));
        sample(alert("lag.high", Severity.WARNING, "lag 170 ms", now)); // raised again: flapping
        assertThat(vm.notices()).hasSize(1);

        later(Duration.ofSeconds(5));
        sample();
        later(Duration.ofSeconds(60));
        sample(alert("lag.high", Severity.WARNING, "lag 190 ms", now)); // a minute on: news again
        assertThat(vm.notices()).extracting(AlertNotice::text).containsExactly("lag 150 ms", "lag 190 ms");
    }

    @Test
    void shouldShowAStormAsOneSummaryQuotingTheWorstFirst() {
        List<Alert> storm = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            storm.add(alert("health.check" + i, Severity.WARNING, "check " + i + " failed", START));
        }
        storm.add(0, alert("pool.exhausted", Severity.CRITICAL, "no connection left", START));
        sample(storm.toArray(Alert[]::new));
        later(Duration.ofMillis(500));
        sample(storm.toArray(Alert[]::new));

        assertThat(vm.notices()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("7 new alerts");
            assertThat(n.alerts()).isEqualTo(7);
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.text()).isEqualTo("• pool: no connection left\n• health: check 1 failed\n• health: check 2 failed"
                    + "\n…and 4 more\nSee the status bar and the Overview.");
        });
    }

    @Test
    void shouldHoldWhatComesAfterTheMinutesBudgetAndSumItUpOnceTheMinuteAllows() {
        List<Alert> active = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            active.add(alert("pool.a" + i, Severity.WARNING, "alert " + i, now));
            sample(active.toArray(Alert[]::new));
            later(Duration.ofSeconds(1));
        }
        assertThat(vm.notices()).hasSize(AlertNotificationsViewModel.NOTICES_PER_MINUTE);

        later(Duration.ofSeconds(30));
        sample(active.toArray(Alert[]::new));
        assertThat(vm.notices()).hasSize(AlertNotificationsViewModel.NOTICES_PER_MINUTE);

        later(Duration.ofSeconds(30));
        sample(active.toArray(Alert[]::new));
        assertThat(vm.notices()).hasSize(AlertNotificationsViewModel.NOTICES_PER_MINUTE + 1)
                .last().satisfies(n -> {
                    assertThat(n.title()).isEqualTo("4 new alerts");
                    assertThat(n.text()).startsWith("• pool: alert 7\n• pool: alert 8\n• pool: alert 9\n…and 1 more");
                });
    }

    @Test
    void shouldGiveEveryNoticeItsOwnIdAndKeepOnlyTheLastTwenty() {
        for (int i = 0; i < 30; i++) {
            sample(alert("pool.k" + i, Severity.INFO, "same text", now));
            later(Duration.ofSeconds(20));
        }
        assertThat(vm.notices()).hasSize(20).extracting(AlertNotice::id).doesNotHaveDuplicates();
    }
}
