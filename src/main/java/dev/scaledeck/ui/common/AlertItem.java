package dev.scaledeck.ui.common;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.Severity;

import java.time.ZoneId;

/**
 * One alert as a list shows it. Immutable; equal items mean nothing changed on screen.
 *
 * @param key        the alert's identity
 * @param severity   how urgent
 * @param badge      the severity as shown, e.g. {@code CRITICAL}
 * @param message    the alert's latest message
 * @param details    where and since when, e.g. {@code pool · since 14:03:12 · 3×}
 * @param styleClass the severity's style class
 */
public record AlertItem(String key, Severity severity, String badge, String message, String details,
                        String styleClass) {

    public static AlertItem of(Alert alert, ZoneId zone) {
        String details = alert.source() + " · since " + Formats.clock(alert.raisedAt(), zone)
                + (alert.occurrences() > 1 ? " · " + Formats.count(alert.occurrences()) + "×" : "");
        return new AlertItem(alert.key(), alert.severity(), alert.severity().name(), alert.message(), details,
                StatusStyles.of(alert.severity()));
    }
}
