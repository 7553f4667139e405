package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.backup.BackupListing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.scaledeck.engine.config.Durations.human;
import static dev.scaledeck.engine.config.Durations.measured;

/** The findings of an impact assessment, one line each, as management reads them. Stateless. */
final class ImpactFindings {

    /** A drill older than this no longer says much about the plan, the data or the platform of today. */
    static final Duration STALE_DRILL = Duration.ofDays(30);

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ImpactFindings() {
    }

    /** {@code 2026-11-26 00:10 UTC}. */
    static String utc(Instant t) {
        return UTC.format(t);
    }

    /** The data at risk against the RPO target, and a newer backup that would help once verified. */
    static List<String> dataAtRisk(VerifiedBackups backups, Optional<Duration> dataAtRisk, Duration rpo) {
        if (backups.listingError().isPresent()) {
            return List.of("could not list the backups (" + backups.listingError().get()
                    + "): the data at risk is unknown");
        }
        List<String> lines = new ArrayList<>();
        if (backups.newest().isEmpty() || dataAtRisk.isEmpty()) {
            lines.add("no verified backup: all data since the start is at risk");
        } else {
            Duration risk = dataAtRisk.get();
            lines.add("data at risk " + human(risk) + (risk.compareTo(rpo) > 0 ? " exceeds" : " is within")
                    + " the RPO target " + human(rpo) + " (newest verified backup "
                    + utc(backups.newest().get().createdAt()) + ")");
        }
        backups.newerUnverified().ifPresent(l -> lines.add(unverified(l)));
        return lines;
    }

    private static String unverified(BackupListing l) {
        String backup = "the newest full backup " + l.id() + " (" + utc(l.createdAt()) + ")";
        return l.backup().lastVerification().isPresent()
                ? backup + " FAILED its verification and cannot be relied on"
                : backup + " is not verified yet: `scaledeck backup verify " + l.id() + "`";
    }

    /** The expected downtime: never drilled, the last drill's RTO and RPO against the targets, its age. */
    static List<String> drill(RecoveryPlan plan, LastDrill drill, Instant now) {
        if (drill.lookupError().isPresent()) {
            return List.of("could not read the drill history (" + drill.lookupError().get()
                    + "): the expected downtime is unknown");
        }
        Optional<DrillMeasurement> measured = drill.measured();
        if (measured.isEmpty()) {
            return List.of("never drilled: the expected downtime is unknown — " + (plan.drill().isPresent()
                    ? "run `scaledeck dr run " + plan.id() + " --drill`"
                    : "the plan has no `drill` section, so it cannot be drilled yet"));
        }
        DrillMeasurement m = measured.get();
        List<String> lines = new ArrayList<>();
        lines.add("last drill's RTO " + measured(m.rto()) + (m.rto().compareTo(plan.rto()) > 0 ? " exceeds" : " is within")
                + " the " + human(plan.rto()) + " target");
        if (m.rpo().compareTo(plan.rpo()) > 0) {
            lines.add("last drill lost " + measured(m.rpo()) + " of data, more than the " + human(plan.rpo())
                    + " RPO target (" + m.rpoBasis() + ")");
        }
        Duration age = Duration.between(drill.at().orElseThrow(), now);
        if (age.compareTo(STALE_DRILL) > 0) {
            lines.add("last drill is " + age.toDays() + " days old");
        }
        return lines;
    }
}
