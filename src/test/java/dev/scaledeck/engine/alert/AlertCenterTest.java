package dev.scaledeck.engine.alert;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertCenterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final EventJournal journal = new EventJournal(100, null);
    private final AlertCenter center = new AlertCenter(clock, journal, 2);

    @Test
    void shouldDeduplicateRepeatedRaisesIntoOneCountedAlert() {
        center.raise("memory.high", Severity.WARNING, "jvm", "heap 91 %");
        clock.advance(Duration.ofSeconds(5));
        Alert again = center.raise("memory.high", Severity.WARNING, "jvm", "heap 93 %");

        assertThat(center.active()).hasSize(1);
        assertThat(again.occurrences()).isEqualTo(2);
        assertThat(again.message()).isEqualTo("heap 93 %");
        assertThat(again.raisedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(again.lastSeenAt()).isEqualTo(Instant.parse("2026-11-26T10:00:05Z"));
        assertThat(journal.recent(10)).hasSize(1);
    }

    @Test
    void shouldTellListenersAndTheJournalWhenAnActiveAlertBecomesMoreSevere() {
        List<Alert> told = new ArrayList<>();
        center.addListener(told::add);
        center.raise("pool.waiting", Severity.WARNING, "pool", "4 callers waiting");
        center.raise("pool.waiting", Severity.WARNING, "pool", "5 callers waiting");
        center.raise("pool.waiting", Severity.CRITICAL, "pool", "acquire timeouts");
        center.raise("pool.waiting", Severity.WARNING, "pool", "2 callers waiting");

        assertThat(told).extracting(Alert::severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(told.get(1).raisedAt()).isEqualTo(told.get(0).raisedAt());
        assertThat(journal.recent(10)).extracting(EngineEvent::type).containsExactly("raised", "escalated");
        assertThat(journal.recent(10).get(1).message()).isEqualTo("WARNING -> CRITICAL: acquire timeouts");
    }

    @Test
    void shouldMoveClearedAlertsToBoundedHistoryAndJournalBoth() {
        center.raise("a", Severity.WARNING, "x", "a up");
        center.clear("a", "a fine");
        center.raise("b", Severity.WARNING, "x", "b up");
        center.clear("b", "b fine");
        center.raise("c", Severity.WARNING, "x", "c up");
        center.clear("c", "c fine");
        center.clear("never-raised", "ignored");

        assertThat(center.active()).isEmpty();
        assertThat(center.history()).extracting(Alert::key).containsExactly("b", "c");
        assertThat(center.history().get(1).clearedAt()).isEqualTo(clock.instant());
        assertThat(journal.recent(10)).extracting(EngineEvent::type)
                .containsExactly("raised", "cleared", "raised", "cleared", "raised", "cleared");
    }

    @Test
    void shouldListMostSevereFirstAndSurviveAFailingListener() {
        List<String> seen = new ArrayList<>();
        center.addListener(a -> {
            throw new IllegalStateException("listener bug");
        });
        center.addListener(a -> seen.add(a.key() + (a.active() ? "+" : "-")));
        center.raise("lag", Severity.WARNING, "engine", "lag");
        center.raise("pool", Severity.CRITICAL, "pool", "exhausted");
        center.set(false, "lag", Severity.WARNING, "engine", "lag", "ok");

        assertThat(seen).containsExactly("lag+", "pool+", "lag-");
        center.raise("info", Severity.INFO, "x", "i");
        assertThat(center.active()).extracting(Alert::key).containsExactly("pool", "info");
    }
}
