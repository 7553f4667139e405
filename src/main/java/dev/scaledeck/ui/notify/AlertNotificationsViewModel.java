package dev.scaledeck.ui.notify;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.ui.common.EngineSnapshot;
import dev.scaledeck.ui.common.LiveViewModel;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Decides which alerts pop up as notifications in the window: newly raised ones, and active ones
 * that became more severe (an alert that was already active at the last sample is otherwise not news),
 * and ones raised and cleared between two samples (told by the engine as they happen), not a key shown within the last
 * {@link #REPEAT_AFTER} again (a flapping alert pops up once), a few at once each on its own and
 * more as one "7 new alerts" summary, and at most {@link #NOTICES_PER_MINUTE} a minute: what is
 * held back goes into the next summary. Alerts active when the window opens are news to whoever
 * opened it. Time is the snapshots' engine clock. UI thread only, as every view model.
 */
public final class AlertNotificationsViewModel implements LiveViewModel {

    /** Up to this many new alerts in one sample pop up one by one; more make one summary. */
    static final int SEPARATE_AT_MOST = 3;
    static final int NOTICES_PER_MINUTE = 6;
    static final Duration REPEAT_AFTER = Duration.ofMinutes(1);
    /** Messages a summary quotes. */
    static final int QUOTED = 3;
    private static final int KEPT = 20;
    private static final int HELD_AT_MOST = 500;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ObservableList<AlertNotice> notices = FXCollections.observableArrayList();
    private final ObservableList<AlertNotice> noticesReadOnly = FXCollections.unmodifiableObservableList(notices);
    /** The active alerts at the last sample, by key (a new raise has a new time). */
    private final Map<String, Alert> active = new HashMap<>();
    /** Alerts that got worse since the last sample, with the severity they had. */
    private final Map<String, Severity> escalatedFrom = new HashMap<>();
    /** Raises the engine told between samples (any thread): one that cleared before the sample still counts. */
    private final Queue<Alert> raisedMeanwhile = new ConcurrentLinkedQueue<>();
    /** Keys held that had cleared again by the sample that found them. */
    private final Set<String> alreadyCleared = new HashSet<>();
    private final Map<String, Instant> lastShown = new HashMap<>();
    private final ArrayDeque<Instant> shownInLastMinute = new ArrayDeque<>();
    private final List<Alert> held = new ArrayList<>();
    private int heldUncounted;
    private long nextId = 1;

    @Override
    public void update(EngineSnapshot snapshot) {
        update(snapshot.time(), snapshot.activeAlerts());
    }

    /**
     * For the engine's alert center to call (its listener), on any thread: raises are kept for the
     * next sample, so that an alert raised and cleared between two samples (a pool exhausted for
     * 200 ms) still pops up.
     */
    public void alertChanged(Alert alert) {
        if (alert.active()) {
            raisedMeanwhile.add(alert);
        }
    }

    /** One sample: the active alerts at {@code now}, most severe first. */
    void update(Instant now, List<Alert> activeAlerts) {
        Set<String> activeKeys = new HashSet<>();
        activeAlerts.forEach(a -> activeKeys.add(a.key()));
        for (Alert brief; (brief = raisedMeanwhile.poll()) != null; ) {
            Instant shown = lastShown.get(brief.key());
            if (!activeKeys.contains(brief.key()) && (shown == null || !now.isBefore(shown.plus(REPEAT_AFTER)))) {
                alreadyCleared.add(brief.key());
                hold(brief, now);
            }
        }
        Map<String, Alert> current = new HashMap<>();
        for (Alert alert : activeAlerts) {
            current.put(alert.key(), alert);
            Alert before = active.get(alert.key());
            boolean newRaise = before == null || !alert.raisedAt().equals(before.raisedAt());
            Instant shown = lastShown.get(alert.key());
            if (newRaise && (shown == null || !now.isBefore(shown.plus(REPEAT_AFTER)))) {
                hold(alert, now);
            } else if (!newRaise && alert.severity().compareTo(before.severity()) > 0) {
                // Worse than at the last sample: news, however recently it was shown.
                escalatedFrom.put(alert.key(), before.severity());
                hold(alert, now);
            }
        }
        active.clear();
        active.putAll(current);
        lastShown.values().removeIf(shown -> !now.isBefore(shown.plus(REPEAT_AFTER)));
        if (held.isEmpty() && heldUncounted == 0) {
            return;
        }
        while (!shownInLastMinute.isEmpty() && !shownInLastMinute.peekFirst().isAfter(now.minus(MINUTE))) {
            shownInLastMinute.removeFirst();
        }
        int room = NOTICES_PER_MINUTE - shownInLastMinute.size();
        if (room <= 0) {
            return; // held, for a summary once the minute allows
        }
        int count = held.size() + heldUncounted;
        if (count <= Math.min(SEPARATE_AT_MOST, room)) {
            held.forEach(alert -> show(now, single(alert)));
        } else {
            show(now, summary(count));
        }
        held.clear();
        escalatedFrom.clear();
        alreadyCleared.clear();
        heldUncounted = 0;
    }

    private void hold(Alert alert, Instant now) {
        // Marked as shown now, held or not: a key held for a summary is not shown again on its own.
        lastShown.put(alert.key(), now);
        if (held.size() < HELD_AT_MOST) {
            held.add(alert);
        } else {
            heldUncounted++;
        }
    }

    private void show(Instant now, AlertNotice notice) {
        shownInLastMinute.addLast(now);
        notices.add(notice);
        if (notices.size() > KEPT) {
            notices.remove(0, notices.size() - KEPT);
        }
    }

    private AlertNotice single(Alert alert) {
        Severity from = escalatedFrom.remove(alert.key());
        String text = alert.message();
        if (from != null) {
            text += "\n(was " + label(from).toLowerCase(Locale.ROOT) + ")";
        }
        if (alreadyCleared.remove(alert.key())) {
            text += "\n(already cleared)";
        }
        return new AlertNotice(nextId++, alert.severity(), label(alert.severity()) + " · " + alert.source(), text, 1);
    }

    private AlertNotice summary(int count) {
        List<Alert> worstFirst = held.stream().sorted(Comparator.comparing(Alert::severity).reversed()).toList();
        String quoted = worstFirst.stream().limit(QUOTED).map(a -> "• " + a.source() + ": " + a.message())
                .collect(Collectors.joining("\n"));
        int more = count - Math.min(QUOTED, worstFirst.size());
        String text = quoted + (more > 0 ? "\n…and " + more + " more" : "") + "\nSee the status bar and the Overview.";
        Severity worst = worstFirst.isEmpty() ? Severity.WARNING : worstFirst.get(0).severity();
        return new AlertNotice(nextId++, worst, count + " new alerts", text, count);
    }

    private static String label(Severity severity) {
        String name = severity.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The notices shown so far, oldest first (the last {@value #KEPT}); the view shows each one added. */
    public ObservableList<AlertNotice> notices() {
        return noticesReadOnly;
    }
}
