package dev.scaledeck.ui.notify;

import dev.scaledeck.engine.alert.Severity;

/**
 * One notification the window shows. Immutable.
 *
 * @param id       distinct per notice, so two alike notices are still two
 * @param severity the worst severity among its alerts: how it looks and how long it stays
 * @param title    e.g. {@code Critical · pool} or {@code 7 new alerts}
 * @param text     the alert's message, or the first few messages of a summary
 * @param alerts   how many alerts it stands for (1, or more for a summary)
 */
public record AlertNotice(long id, Severity severity, String title, String text, int alerts) {

    public boolean summary() {
        return alerts > 1;
    }
}
