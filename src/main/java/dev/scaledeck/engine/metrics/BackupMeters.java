package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.RpoWatch;
import io.micrometer.core.instrument.Tags;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backup repository and each scheduled scope against the RPO. A scrape reads the repository
 * but leaves the RPO alerts to the backup schedules.
 */
final class BackupMeters implements MeterGroup {

    private final BackupCenter backups;
    private final Clock clock;
    private final MeterFamily stored;
    private final MeterFamily verified;
    private final MeterFamily newestAge;
    private final MeterFamily rpo;
    private final MeterFamily scopeAge;
    private final MeterFamily exceeded;

    BackupMeters(Families f, BackupCenter backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
        stored = f.gauge("backups.stored", "Backups in the primary repository");
        verified = f.gauge("backups.verified", "Backups in the primary repository whose last verification passed");
        newestAge = f.seconds("backup.newest.verified.age", "Age of the newest verified backup of any scope (NaN when there is none)");
        rpo = f.seconds("backup.rpo", "The recovery point objective (backup.rpo)");
        scopeAge = f.seconds("backup.scope.age", "Age of each scheduled scope's newest verified backup (NaN when there is none)");
        exceeded = f.gauge("backup.rpo.exceeded", "1 when a scheduled scope has no verified backup within the RPO");
    }

    @Override
    public String name() {
        return "backups";
    }

    @Override
    public void refresh() {
        Instant now = clock.instant();
        List<BackupListing> listings = backups.list();
        stored.set(listings.size());
        verified.set(listings.stream().filter(BackupListing::verified).count());
        Optional<Instant> newest = listings.stream().filter(BackupListing::verified).map(BackupListing::createdAt)
                .max(Instant::compareTo);
        newestAge.set(newest.map(t -> Families.seconds(Duration.between(t, now))).orElse(Double.NaN));
        rpo.set(Families.seconds(backups.config().rpo()));
        Map<Tags, Double> ages = Families.series();
        Map<Tags, Double> over = Families.series();
        for (RpoWatch.Status s : backups.rpoStatus()) {
            Tags scope = Tags.of("scope", s.scope());
            ages.put(scope, s.age().map(Families::seconds).orElse(Double.NaN));
            over.put(scope, Families.flag(s.exceeded()));
        }
        scopeAge.set(ages);
        exceeded.set(over);
    }
}
