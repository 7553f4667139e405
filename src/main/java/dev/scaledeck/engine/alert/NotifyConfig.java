package dev.scaledeck.engine.alert;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go besides the window: a webhook (Slack-compatible), which alerts, how often.
 * Immutable; validated here.
 *
 * @param webhook      the http(s) URL alerts are POSTed to, or empty for no notifications. Its
 *                     path is a secret (Slack's carries the token): show it only as {@link #webhookHost()}
 * @param minSeverity  alerts below this are not sent
 * @param interval     an alert key sent within this long is not sent again (a flapping condition
 *                     makes one message, not one per flap)
 * @param maxPerMinute at most this many messages in any minute; the rest are counted and summed
 *                     up in the next message
 */
public record NotifyConfig(Optional<URI> webhook, Severity minSeverity, Duration interval, int maxPerMinute) {

    public NotifyConfig {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(minSeverity, "minSeverity");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, but was " + interval);
        }
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("maxPerMinute must be at least 1, but was " + maxPerMinute);
        }
        webhook.ifPresent(NotifyConfig::requireHttp);
    }

    /** No webhook; the other values at their defaults. */
    public static NotifyConfig off() {
        return new NotifyConfig(Optional.empty(), Severity.WARNING, Duration.ofMinutes(5), 10);
    }

    public boolean enabled() {
        return webhook.isPresent();
    }

    /** The webhook's host (and port, when one is given): all that is ever logged or shown of it. */
    public String webhookHost() {
        return webhook.map(NotifyConfig::hostOf).orElse("");
    }

    static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static void requireHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the webhook must be an http(s) URL with a host");
        }
    }

    @Override
    public String toString() {
        // Never the URL itself: its path is the webhook's secret.
        return "NotifyConfig[webhook=" + (enabled() ? webhook.get().getScheme() + "://" + webhookHost() + "/****" : "none")
                + ", minSeverity=" + minSeverity + ", interval=" + interval + ", maxPerMinute=" + maxPerMinute + "]";
    }
}
