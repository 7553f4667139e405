package dev.scaledeck.ui.backup;

import dev.scaledeck.ui.common.Parsed;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** Reads what the operator typed into the Backups section: user ids and points in time. Stateless. */
final class BackupInputs {

    /** The forms a time of day may take. */
    static final String TIME_FORMS = "HH:mm or HH:mm:ss";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private BackupInputs() {
    }

    /** A positive whole number; blank when nothing is typed. */
    static Parsed<Long> userId(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Parsed.blank();
        }
        try {
            long id = Long.parseLong(t);
            if (id > 0) {
                return Parsed.of(id);
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        return Parsed.invalid("User id must be a positive whole number such as 42, not '" + t + "'");
    }

    /**
     * A date and a time of day in {@code zone} that is not after {@code now}; blank when no time
     * is typed.
     */
    static Parsed<Instant> pointInTime(LocalDate date, String timeText, Instant now, ZoneId zone) {
        String t = timeText == null ? "" : timeText.trim();
        if (t.isEmpty()) {
            return Parsed.blank();
        }
        LocalTime time;
        try {
            time = LocalTime.parse(t, TIME);
        } catch (DateTimeException e) {
            return Parsed.invalid("'" + t + "' is not a time of day: use " + TIME_FORMS + ", e.g. 14:05 or 14:05:30");
        }
        if (date == null) {
            return Parsed.invalid("Pick the date to go back to");
        }
        Instant at = date.atTime(time).atZone(zone).toInstant();
        if (at.isAfter(now)) {
            return Parsed.invalid(BackupTexts.dateTime(at, zone) + " is in the future (it is "
                    + BackupTexts.dateTime(now, zone) + " now): pick a time that has passed");
        }
        return Parsed.of(at);
    }
}
