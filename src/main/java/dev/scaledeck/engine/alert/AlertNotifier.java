package dev.scaledeck.engine.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decides which alerts go to the webhook, as an {@link AlertCenter} listener: every new alert at
 * or above the minimum severity, an active one again when it escalates to a higher severity than
 * it was sent at (or first reaches the minimum), and a short "resolved" when one that was sent
 * clears.
 * <ul>
 *   <li>Deduplicated: a key that was sent and is still active is not sent again; a key sent within
 *       the interval that cleared and came back (flapping) is held, and sent once the interval is
 *       over if it is still active then.</li>
 *   <li>Rate-limited: at most {@code maxPerMinute} messages in any minute; those held back are
 *       counted and the next message sent says "and 7 more alerts" ({@link #flush()} sends that
 *       summary on its own once the minute allows).</li>
 * </ul>
 * Quick and non-blocking: the sender only queues. Thread-safe; time from the injected clock.
 */
public final class AlertNotifier implements Consumer<Alert>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final NotifyConfig config;
    private final Clock clock;
    private final WebhookSender sender;
    private final Object lock = new Object();
    /** Keys whose raise was sent and that have not cleared, with the severity they were sent at. */
    private final Map<String, Severity> sentActive = new HashMap<>();
    /** When each key's raise was last sent. */
    private final Map<String, Instant> lastSent = new HashMap<>();
    /** Raises held because the key flapped within the interval, by key, latest first kept. */
    private final Map<String, Alert> flapping = new LinkedHashMap<>();
    /** When each message in the last minute went out. */
    private final ArrayDeque<Instant> window = new ArrayDeque<>();
    private int heldBack;

    public AlertNotifier(NotifyConfig config, Clock clock, WebhookSender sender) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("no webhook is configured");
        }
        this.config = config;
        this.clock = clock;
        this.sender = sender;
    }

    /** A notifier with its own sender (5 s timeout) for the configured webhook. */
    public static AlertNotifier create(NotifyConfig config, Clock clock) {
        return new AlertNotifier(config, clock, new WebhookSender(config.webhook().orElseThrow(), Duration.ofSeconds(5)));
    }

    @Override
    public void accept(Alert alert) {
        List<String> out;
        synchronized (lock) {
            out = alert.active() ? raised(alert) : cleared(alert);
        }
        out.forEach(sender::send);
    }

    private List<String> raised(Alert alert) {
        Instant now = clock.instant();
        String key = alert.key();
        if (alert.severity().compareTo(config.minSeverity()) < 0) {
            return List.of();
        }
        Severity sent = sentActive.get(key);
        if (sent != null) {
            // Sent and still active: only news if it got worse.
            return alert.severity().compareTo(sent) > 0
                    ? emitRaise(alert, now, " (escalated from " + sent + ")")
                    : List.of();
        }
        Instant last = lastSent.get(key);
        if (last != null && now.isBefore(last.plus(config.interval()))) {
            flapping.put(key, alert);
            LOG.debug("Alert {} came back within {} of being sent; held until then", key, config.interval());
            return List.of();
        }
        return emitRaise(alert, now, "");
    }

    private List<String> cleared(Alert alert) {
        flapping.remove(alert.key());
        if (sentActive.remove(alert.key()) == null) {
            return List.of();
        }
        return emit(clock.instant(), resolvedText(alert));
    }

    private List<String> emitRaise(Alert alert, Instant now, String note) {
        List<String> out = emit(now, raisedText(alert) + note);
        if (!out.isEmpty()) {
            sentActive.put(alert.key(), alert.severity());
            lastSent.put(alert.key(), now);
        }
        return out;
    }

    /** One message if the minute allows it (with the count of those held back), else none and one more held back. */
    private List<String> emit(Instant now, String text) {
        prune(now);
        if (window.size() >= config.maxPerMinute()) {
            heldBack++;
            LOG.debug("Webhook message held back by the limit of {} per minute ({} held so far)",
                    config.maxPerMinute(), heldBack);
            return List.of();
        }
        window.addLast(now);
        String suffix = heldBack == 0 ? "" : "\n…and " + heldBack + " more " + (heldBack == 1 ? "alert" : "alerts")
                + " held back by the limit of " + config.maxPerMinute() + " messages per minute; see ScaleDeck.";
        heldBack = 0;
        return List.of(text + suffix);
    }

    private void prune(Instant now) {
        Instant start = now.minus(MINUTE);
        while (!window.isEmpty() && !window.peekFirst().isAfter(start)) {
            window.removeFirst();
        }
    }

    /**
     * Periodic: sends flapping alerts that are still active once their interval is over, and the
     * count of alerts held back by the rate limit once the minute allows. Call every few seconds.
     */
    public void flush() {
        List<String> out = new ArrayList<>();
        synchronized (lock) {
            Instant now = clock.instant();
            for (Alert alert : List.copyOf(flapping.values())) {
                prune(now);
                if (window.size() >= config.maxPerMinute()) {
                    break; // still held, not counted again: it goes out on a later flush
                }
                Instant last = lastSent.get(alert.key());
                if (last == null || !now.isBefore(last.plus(config.interval()))) {
                    List<String> sent = emitRaise(alert, now, " (it has come and gone since "
                            + TIME.format(last == null ? alert.raisedAt() : last) + ")");
                    flapping.remove(alert.key());
                    out.addAll(sent);
                }
            }
            prune(now);
            if (heldBack > 0 && window.size() < config.maxPerMinute()) {
                int n = heldBack;
                heldBack = 0;
                window.addLast(now);
                out.add("ScaleDeck: " + n + " more " + (n == 1 ? "alert was" : "alerts were")
                        + " held back by the limit of " + config.maxPerMinute() + " messages per minute; see ScaleDeck.");
            }
        }
        out.forEach(sender::send);
    }

    /** Messages held back by the rate limit and not yet summed up in a message. */
    public int heldBack() {
        synchronized (lock) {
            return heldBack;
        }
    }

    static String raisedText(Alert alert) {
        return "ScaleDeck [" + alert.severity() + "] " + alert.source() + ": " + alert.message()
                + " (" + alert.key() + ", raised " + TIME.format(alert.raisedAt()) + ")";
    }

    static String resolvedText(Alert alert) {
        Instant cleared = alert.cleared().orElse(alert.lastSeenAt());
        return "ScaleDeck resolved [" + alert.severity() + "] " + alert.source() + ": " + alert.key()
                + " cleared after " + format(Duration.between(alert.raisedAt(), cleared))
                + " (" + TIME.format(cleared) + ")";
    }

    private static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }

    /** The webhook's host, for display. */
    public String host() {
        return sender.host();
    }

    /** Sends what is queued for up to {@code bound}. */
    public void close(Duration bound) {
        sender.close(bound);
    }

    @Override
    public void close() {
        sender.close();
    }
}
