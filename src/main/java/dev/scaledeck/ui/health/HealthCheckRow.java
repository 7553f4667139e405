package dev.scaledeck.ui.health;

import dev.scaledeck.engine.health.HealthResult;
import dev.scaledeck.engine.health.HealthStatus;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.ZoneId;
import java.util.List;

/**
 * One health check as the table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param name          the check's name
 * @param status        its latest status
 * @param statusStyle   the status' style class
 * @param message       its latest message
 * @param latency       how long the latest run took
 * @param lastChecked   when it last ran, local wall-clock time
 * @param history       the style classes of its recent statuses, oldest first, at most
 *                      {@link HealthViewModel#HISTORY_SHOWN}
 * @param historySummary e.g. {@code 19 of 20 UP}
 */
public record HealthCheckRow(String name, HealthStatus status, String statusStyle, String message, String latency,
                             String lastChecked, List<String> history, String historySummary) {

    public HealthCheckRow {
        history = List.copyOf(history);
    }

    static HealthCheckRow of(HealthResult latest, List<HealthResult> recent, ZoneId zone) {
        List<HealthResult> shown = recent.subList(Math.max(0, recent.size() - HealthViewModel.HISTORY_SHOWN), recent.size());
        long up = shown.stream().filter(HealthResult::isUp).count();
        return new HealthCheckRow(latest.check(), latest.status(), StatusStyles.of(latest.status()), latest.message(),
                Formats.millis(latest.latency()), Formats.clock(latest.time(), zone),
                shown.stream().map(r -> StatusStyles.of(r.status())).toList(),
                shown.isEmpty() ? Formats.NONE : up + " of " + shown.size() + " UP");
    }
}
