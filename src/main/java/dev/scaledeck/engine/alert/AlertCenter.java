package dev.scaledeck.engine.alert;

import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Collects alerts from every part of the engine: deduplicates them by key, keeps a bounded
 * history of cleared ones, records every raise and clear in the {@link EventJournal} and tells
 * listeners. Thread-safe; listeners run outside the lock.
 */
public final class AlertCenter {

    private static final Logger LOG = LoggerFactory.getLogger(AlertCenter.class);

    private final Clock clock;
    private final EventJournal journal;
    private final int historyCapacity;
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final ArrayDeque<Alert> history = new ArrayDeque<>();
    private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    public AlertCenter(Clock clock, EventJournal journal, int historyCapacity) {
        this.clock = clock;
        this.journal = journal;
        this.historyCapacity = historyCapacity;
    }

    /**
     * Raises an alert, or refreshes it when one with the same key is active (one alert, counted,
     * not a flood). A new alert is journalled and told to the listeners; so is a refresh at a
     * higher severity than before (escalated), but not any other refresh.
     *
     * @return the alert as it now stands
     */
    public Alert raise(String key, Severity severity, String source, String message) {
        Instant now = clock.instant();
        Alert result;
        Severity before;
        synchronized (lock) {
            Alert current = active.get(key);
            before = current == null ? null : current.severity();
            result = current == null
                    ? new Alert(key, severity, source, message, now, now, 1, null)
                    : new Alert(key, severity, source, message, current.raisedAt(), now, current.occurrences() + 1, null);
            active.put(key, result);
        }
        if (before == null) {
            LOG.warn("ALERT {} [{}] {}", key, severity, message);
            journal.record(new EngineEvent(now, "alert", "raised", key, severity + ": " + message));
            notifyListeners(result);
        } else if (severity.compareTo(before) > 0) {
            // Worse than when raised: news again, for the journal and for whoever listens.
            LOG.warn("ALERT {} rose from {} to [{}] {}", key, before, severity, message);
            journal.record(new EngineEvent(now, "alert", "escalated", key, before + " -> " + severity + ": " + message));
            notifyListeners(result);
        }
        return result;
    }

    /** Clears the alert with this key if it is active; does nothing otherwise. */
    public void clear(String key, String reason) {
        Instant now = clock.instant();
        Alert cleared;
        synchronized (lock) {
            Alert current = active.remove(key);
            if (current == null) {
                return;
            }
            cleared = new Alert(current.key(), current.severity(), current.source(), current.message(),
                    current.raisedAt(), current.lastSeenAt(), current.occurrences(), now);
            if (history.size() == historyCapacity) {
                history.removeFirst();
            }
            history.addLast(cleared);
        }
        LOG.info("ALERT {} cleared: {}", key, reason);
        journal.record(new EngineEvent(now, "alert", "cleared", key, reason));
        notifyListeners(cleared);
    }

    /** Raises when {@code condition} holds, clears otherwise: the usual shape of a monitored threshold. */
    public void set(boolean condition, String key, Severity severity, String source, String message, String clearReason) {
        if (condition) {
            raise(key, severity, source, message);
        } else {
            clear(key, clearReason);
        }
    }

    public boolean isActive(String key) {
        synchronized (lock) {
            return active.containsKey(key);
        }
    }

    /** Active alerts, most severe first, then oldest first. A snapshot. */
    public List<Alert> active() {
        synchronized (lock) {
            List<Alert> list = new ArrayList<>(active.values());
            list.sort(Comparator.comparing(Alert::severity).reversed().thenComparing(Alert::raisedAt));
            return List.copyOf(list);
        }
    }

    /** Cleared alerts, oldest first, bounded. A snapshot. */
    public List<Alert> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    public void addListener(Consumer<Alert> listener) {
        listeners.add(listener);
    }

    private void notifyListeners(Alert alert) {
        for (Consumer<Alert> listener : listeners) {
            try {
                listener.accept(alert);
            } catch (RuntimeException e) {
                LOG.warn("Alert listener failed on {}", alert.key(), e);
            }
        }
    }
}
