package dev.scaledeck.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Reads the time of {@code --at}: an ISO instant with offset ({@code 2026-11-26T14:05:00Z},
 * {@code 2026-11-26T15:05+01:00}), a local date and time ({@code 2026-11-26 14:05[:30]}, in the
 * machine's zone) or a time of day today ({@code 14:05[:30]}). Stateless.
 */
final class PointInTimeArgument {

    static final String ALLOWED = "a time such as 2026-11-26T14:05:00Z, 2026-11-26 14:05 or 14:05 (today, local time)";

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private PointInTimeArgument() {
    }

    static Instant parse(String text, Clock clock, ZoneId zone) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            // not a local date-time
        }
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            return LocalTime.parse(t).atDate(today).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--at = '" + text + "' is not valid: " + ALLOWED);
        }
    }
}
