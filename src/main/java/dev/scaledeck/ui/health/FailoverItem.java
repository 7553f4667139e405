package dev.scaledeck.ui.health;

import dev.scaledeck.engine.failover.EndpointStatus;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.failover.FailoverState;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.ZoneId;
import java.util.Locale;

/**
 * One failover (the database's or an HTTP service's) as the Health card shows it. Immutable;
 * equal items mean nothing changed on screen (the snapshot's time is left out on purpose).
 *
 * @param name           which failover: {@code database}, {@code auth}
 * @param headline       {@code On primary since 20:41:07}, {@code On SECONDARY since 20:41:07 (failed over: …)}
 * @param style          normal on the primary, warning on the secondary, critical while switching
 * @param primary        {@code primary jdbc:postgresql://… — healthy, 5 good checks in a row}
 * @param primaryStyle   good when its last check passed, bad when it failed, unknown before the first
 * @param secondary      {@code secondary jdbc:postgresql://… — down: connection refused, 3 failures in a row}
 * @param secondaryStyle like {@code primaryStyle}
 * @param counters       {@code failovers 1 · failbacks 0}
 */
public record FailoverItem(String name, String headline, String style, String primary, String primaryStyle,
                           String secondary, String secondaryStyle, String counters) {

    /** An endpoint's last check detail is cut to this many characters. */
    static final int DETAIL_SHOWN = 100;

    /** @param zone for the time the current state began */
    public static FailoverItem of(FailoverSnapshot f, ZoneId zone) {
        String since = f.since() == null ? Formats.NONE : Formats.clock(f.since(), zone);
        String reason = f.lastSwitchReason();
        String headline = switch (f.state()) {
            case ON_PRIMARY -> "On primary since " + since + (reason == null ? "" : " (last switch: " + reason + ")");
            case ON_SECONDARY -> "On SECONDARY since " + since + (reason == null ? "" : " (failed over: " + reason + ")");
            case FAILING_OVER -> "Failing over to SECONDARY since " + since + " (primary still active)";
            case FAILING_BACK -> "Failing back to primary since " + since + " (SECONDARY still active)";
        };
        String style = f.state().switching() ? StatusStyles.SEVERITY_CRITICAL
                : f.state() == FailoverState.ON_SECONDARY ? StatusStyles.SEVERITY_WARNING
                : StatusStyles.SEVERITY_NONE;
        return new FailoverItem(f.name(), headline, style, endpointLine(f.primary()), endpointStyle(f.primary()),
                endpointLine(f.secondary()), endpointStyle(f.secondary()),
                "failovers " + f.failovers() + " · failbacks " + f.failbacks());
    }

    /** {@code primary jdbc:postgresql://… — healthy, 5 good checks in a row}. */
    private static String endpointLine(EndpointStatus e) {
        String head = e.role().name().toLowerCase(Locale.ROOT) + " " + e.endpoint() + " — ";
        if (e.lastCheckedAt() == null) {
            return head + "not checked yet";
        }
        if (e.healthy()) {
            return head + "healthy, " + e.consecutiveSuccesses()
                    + (e.consecutiveSuccesses() == 1 ? " good check in a row" : " good checks in a row");
        }
        String detail = e.lastDetail() == null || e.lastDetail().isBlank() ? "" : ": " + shorten(e.lastDetail().strip());
        return head + "down" + detail + ", " + e.consecutiveFailures()
                + (e.consecutiveFailures() == 1 ? " failure in a row" : " failures in a row");
    }

    private static String endpointStyle(EndpointStatus e) {
        return e.lastCheckedAt() == null ? StatusStyles.UNKNOWN : e.healthy() ? StatusStyles.GOOD : StatusStyles.BAD;
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= DETAIL_SHOWN ? oneLine : oneLine.substring(0, DETAIL_SHOWN - 1) + "…";
    }
}
