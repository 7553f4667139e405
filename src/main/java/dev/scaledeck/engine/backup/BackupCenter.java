package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.backup.pitr.BaseBackup;
import dev.scaledeck.engine.backup.pitr.BaseBackups;
import dev.scaledeck.engine.backup.pitr.PointInTimeRecovery;
import dev.scaledeck.engine.backup.pitr.RecoveredCluster;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Everything about backups in one place, as the engine offers it ({@code engine.backups()}):
 * logical backups of a user or of the whole database with their second copies, verification,
 * previews and restores (each restore first saves what it replaces), base backups and
 * point-in-time recovery where the cluster's files are at hand, the configured schedules with
 * retention, and the RPO watch. Long operations block the calling thread and report progress;
 * call them off the UI thread. Thread-safe.
 */
public final class BackupCenter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupCenter.class);
    private static final String CATEGORY = "backup";
    private static final Duration TICK = Duration.ofMinutes(1);

    private final BackupConfig config;
    private final Supplier<DatabaseUrl> database;
    private final BackupService service;
    private final SecondaryCopies copies;
    private final RpoWatch rpo;
    private final AlertCenter alerts;
    private final EventJournal journal;
    private final Clock clock;
    private final Path scratchParent;
    private final AtomicReference<ClusterFiles> cluster = new AtomicReference<>();
    private final Object scheduleLock = new Object();
    private volatile ScheduledExecutorService scheduler;
    private volatile String baseSkipReported;

    /**
     * @param database      the database backups are taken from and restored to (asked each time)
     * @param scratchParent where point-in-time recovery builds its scratch clusters
     */
    public BackupCenter(BackupConfig config, Supplier<DatabaseUrl> database, Path scratchParent, AlertCenter alerts,
                        EventJournal journal, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.database = Objects.requireNonNull(database, "database");
        this.scratchParent = Objects.requireNonNull(scratchParent, "scratchParent");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = new BackupService(database, new BackupRepository(config.directory(), config.compressionLevel()),
                clock, journal, rules(config));
        this.copies = new SecondaryCopies(config.copies(), journal, clock);
        this.rpo = new RpoWatch(config.rpo(), alerts, clock);
    }

    static OwnershipRules rules(BackupConfig config) {
        return new OwnershipRules(config.userTable(), config.ownership());
    }

    public BackupConfig config() {
        return config;
    }

    public BackupService service() {
        return service;
    }

    public BackupRepository repository() {
        return service.repository();
    }

    /** Makes base backups and point-in-time recovery available: the cluster's files are readable here. */
    public void useClusterFiles(ClusterFiles files) {
        cluster.set(Objects.requireNonNull(files, "files"));
    }

    public Optional<ClusterFiles> clusterFiles() {
        return Optional.ofNullable(cluster.get());
    }

    // ---------------------------------------------------------------- logical backups

    /** The seed's {@code createUserBackup(userId)}: the user's rows, copied to every secondary repository. */
    public BackupManifest createUserBackup(long userId) {
        return createUserBackup(userId, BackupProgress.NONE);
    }

    public BackupManifest createUserBackup(long userId, BackupProgress progress) {
        BackupManifest m = service.createUserBackup(userId, progress.between(0, 0.9));
        copy(m.id(), progress);
        return m;
    }

    public BackupManifest createFullBackup(BackupProgress progress) {
        BackupManifest m = service.createFullBackup(progress.between(0, 0.9));
        copy(m.id(), progress);
        return m;
    }

    private void copy(String id, BackupProgress progress) {
        if (config.copies().isEmpty()) {
            return;
        }
        progress.update("Copying " + id + " to " + config.copies().size() + " secondary repositor"
                + (config.copies().size() == 1 ? "y" : "ies"), 0.9);
        Path file = repository().path(id);
        try {
            List<SecondaryCopies.CopyStatus> statuses = copies.copy(file, SecondaryCopies.sha256(file));
            alerts.set(statuses.stream().anyMatch(s -> !s.ok()), "backup.copy", Severity.WARNING, CATEGORY,
                    "A second copy of " + id + " failed: " + statuses.stream().filter(s -> !s.ok())
                            .map(SecondaryCopies.CopyStatus::describe).findFirst().orElse(""),
                    "second copies of " + id + " verified");
        } catch (IOException e) {
            throw new BackupException("Cannot read " + file + " to copy it: " + e.getMessage(), e);
        }
    }

    /**
     * Brings back every backup the primary repository lost (or holds damaged) from the secondary
     * repositories: each file is copied privately, its archive checked part by part, and the newest
     * one restored is verified in full, so it counts as verified again.
     *
     * @return one line per file and check, for the operator
     * @throws BackupException when no secondary repository is configured or nothing could be restored
     */
    public List<String> restoreRepositoryFromCopies(BackupProgress progress) {
        return new RepositoryRepair(service, config.copies(), journal, clock).run(progress,
                id -> verify(id, progress.between(0.8, 1)));
    }

    /** Every backup in the primary repository, newest first, with its copies counted. */
    public List<BackupListing> list() {
        List<BackupListing> listings = new ArrayList<>();
        for (StoredBackup b : repository().list()) {
            int present = 0;
            for (Path repo : config.copies()) {
                Path copy = repo.resolve(b.path().getFileName());
                try {
                    if (Files.isRegularFile(copy) && Files.size(copy) == b.sizeBytes()) {
                        present++;
                    }
                } catch (IOException e) {
                    // an unreadable copy does not count
                }
            }
            listings.add(new BackupListing(b, present, config.copies().size()));
        }
        return listings;
    }

    /**
     * Verifies the backup (checksums and a trial restore) and then its second copies against
     * the original's SHA-256; a missing or damaged copy is a problem of the result.
     */
    public VerificationResult verify(String id, BackupProgress progress) {
        VerificationResult result = service.verify(id, progress.between(0, 0.95));
        if (config.copies().isEmpty() || result.fileSha256() == null) {
            return result;
        }
        progress.update("Checking the second copies of " + id, 0.97);
        List<String> problems = new ArrayList<>(result.problems());
        for (SecondaryCopies.CopyStatus s : copies.check(repository().path(id).getFileName().toString(), result.fileSha256())) {
            if (!s.ok()) {
                problems.add(s.describe());
            }
        }
        return new VerificationResult(result.backupId(), problems.isEmpty(), problems, result.notes(),
                result.fileSha256(), result.verifiedAt(), result.archiveCheck(), result.trialRestore());
    }

    public RestorePreview previewRestore(String id, Optional<DatabaseUrl> target) {
        return service.previewRestore(id, target);
    }

    /**
     * Restores a backup. Into the live database, what it replaces is saved first (a backup of the
     * same scope, named in the result's journal event), so a mistaken restore can be undone.
     *
     * @return the restore and the id of the safety backup (empty for another target)
     */
    public SafeRestore restore(String id, Optional<DatabaseUrl> target, BackupProgress progress) {
        StoredBackup backup = repository().find(id).orElseThrow(() -> new BackupException(
                "No backup " + id + " in " + repository().directory()));
        Optional<String> safety = Optional.empty();
        if (target.isEmpty()) {
            // A damaged backup is refused before the safety backup is written (the restore itself
            // checks each part as it streams in, so another target needs no read beforehand).
            service.requireIntact(id, progress.between(0, 0.1));
            progress.update("Saving what the restore replaces", 0.1);
            BackupManifest m = backup.manifest();
            BackupProgress saving = progress.between(0.1, 0.4);
            BackupManifest saved = m.scope() == BackupScope.USER
                    ? saveUserIfPresent(m.userId(), saving)
                    : createFullBackup(saving);
            safety = Optional.ofNullable(saved).map(BackupManifest::id);
        }
        RestoreResult result = service.restore(id, target, progress.between(0.4, 1));
        safety.ifPresent(s -> journal.record(new EngineEvent(clock.instant(), CATEGORY, "safety-backup", id,
                "Before restoring " + id + ", the rows it replaced were saved as " + s)));
        return new SafeRestore(result, safety);
    }

    /**
     * Backs up the user's current rows before they are replaced; null when the user is not in
     * the database now (deleted: there is nothing to save).
     */
    private BackupManifest saveUserIfPresent(long userId, BackupProgress progress) {
        Ownership ownership = service.ownership();
        DatabaseUrl db = database.get();
        try (Connection c = BackupConnections.open(db);
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + ownership.userTable().sql()
                     + " WHERE " + Sql.quote(ownership.userKey()) + " = ?)")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
        } catch (SQLException e) {
            throw new BackupException("Cannot check whether user " + userId + " exists in " + db.masked() + ": "
                    + e.getMessage(), e);
        }
        // A safety backup is a backup like any other: the secondary repositories get their copy too.
        return createUserBackup(userId, progress);
    }

    /**
     * A committed restore and the backup of what it replaced.
     *
     * @param safetyBackup the backup taken just before, when the restore went into the live database
     *                     and there was something to save
     */
    public record SafeRestore(RestoreResult result, Optional<String> safetyBackup) {
    }

    // ---------------------------------------------------------------- point in time

    /** Whether point-in-time recovery can run here, and if not, why and what to do instead. */
    public PitrSupport pitrSupport() {
        if (cluster.get() != null) {
            return new PitrSupport(true, "WAL archive " + cluster.get().walArchive());
        }
        return new PitrSupport(false, "Point-in-time recovery needs the server's WAL archive and base backups of its "
                + "files; ScaleDeck has them for its embedded database only. For " + database.get().masked()
                + " use the server's own archiving (pgBackRest or WAL-G)");
    }

    /** Whether PITR is available; {@code reason} says where the WAL comes from, or why it is not. */
    public record PitrSupport(boolean available, String reason) {
    }

    public Optional<BaseBackups> baseBackups() {
        ClusterFiles files = cluster.get();
        return files == null ? Optional.empty() : Optional.of(new BaseBackups(config.baseDirectory(), clock, journal));
    }

    /** Takes a base backup of the cluster (needs {@link #useClusterFiles}). */
    public BaseBackup createBaseBackup() {
        ClusterFiles files = requireCluster(Instant.MAX);
        try {
            return new BaseBackups(config.baseDirectory(), clock, journal).take(database.get(), files.dataDirectory());
        } catch (IOException e) {
            throw new BackupException("Base backup failed: " + e.getMessage(), e);
        }
    }

    /**
     * Recovers the whole cluster as of {@code at} into a scratch server and leaves it running:
     * the caller inspects it, {@link RecoveredCluster#keep() keeps} it as the replacement
     * database, or closes it.
     */
    public RecoveredCluster recoverCluster(Instant at, BackupProgress progress) {
        ClusterFiles files = requireCluster(at);
        progress.update("Recovering the cluster as of " + at + " from the nearest base backup and the WAL archive", 0.1);
        try {
            return new PointInTimeRecovery(new BaseBackups(config.baseDirectory(), clock, journal), files.walArchive(),
                    scratchParent, clock, journal).recover(at, database.get());
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupException(e.getMessage(), e);
        }
    }

    /**
     * Prepares "restore user 42 as of 14:05": recovers the cluster as of {@code at}, takes the
     * user's rows from it, and previews replacing their rows in the live database with those.
     * Nothing changes until {@link UserAsOf#apply} is called; close the handle in any case.
     */
    public UserAsOf prepareUserAsOf(long userId, Instant at, BackupProgress progress) {
        RecoveredCluster recovered = recoverCluster(at, progress);
        try {
            Path extractDir = recovered.scratchDirectory().resolve("extract");
            BackupService fromThen = new BackupService(recovered::url,
                    new BackupRepository(extractDir, 1), clock, journal, rules(config));
            progress.update("Taking user " + userId + "'s rows as of " + at, 0.6);
            BackupManifest asOf = fromThen.createUserBackup(userId, progress.between(0.6, 0.8));
            progress.update("Comparing with user " + userId + "'s rows now", 0.8);
            RestorePreview preview = fromThen.previewRestore(asOf.id(), Optional.of(database.get()));
            return new UserAsOf(userId, at, recovered, fromThen, asOf, preview);
        } catch (RuntimeException e) {
            recovered.close();
            throw e;
        }
    }

    /** A prepared point-in-time restore of one user: see {@link #prepareUserAsOf}. Close it when done. */
    public final class UserAsOf implements AutoCloseable {
        private final long userId;
        private final Instant at;
        private final RecoveredCluster recovered;
        private final BackupService fromThen;
        private final BackupManifest asOf;
        private final RestorePreview preview;

        private UserAsOf(long userId, Instant at, RecoveredCluster recovered, BackupService fromThen,
                         BackupManifest asOf, RestorePreview preview) {
            this.userId = userId;
            this.at = at;
            this.recovered = recovered;
            this.fromThen = fromThen;
            this.asOf = asOf;
            this.preview = preview;
        }

        public RestorePreview preview() {
            return preview;
        }

        /** The base backup the recovery started from. */
        public BaseBackup baseBackup() {
            return recovered.baseBackup();
        }

        /** Saves the user's current rows, then replaces them with the rows as of the target time. */
        public SafeRestore apply(BackupProgress progress) {
            progress.update("Saving user " + userId + "'s current rows", 0.0);
            BackupManifest saved = saveUserIfPresent(userId, progress.between(0, 0.3));
            RestoreResult result = fromThen.restore(asOf.id(), Optional.of(database.get()), progress.between(0.3, 1));
            journal.record(new EngineEvent(clock.instant(), CATEGORY, "restored-as-of", "user:" + userId,
                    "User " + userId + "'s rows restored as of " + at + " (base backup " + recovered.baseBackup().id()
                            + ")" + (saved == null ? "" : "; the rows replaced were saved as " + saved.id())));
            return new SafeRestore(result, Optional.ofNullable(saved).map(BackupManifest::id));
        }

        @Override
        public void close() {
            recovered.close();
        }
    }

    /**
     * The newest logical backup of {@code scopeKey} taken before {@code at}, for when
     * point-in-time recovery is not possible: the operator sees how far before the target it is.
     */
    public Optional<BackupListing> nearestBefore(String scopeKey, Instant at) {
        return list().stream()
                .filter(l -> l.createdAt().isBefore(at) || l.createdAt().equals(at))
                .filter(l -> l.scopeKey().equals(scopeKey) || l.scopeKey().equals("full"))
                .max(Comparator.comparing(BackupListing::createdAt));
    }

    private ClusterFiles requireCluster(Instant at) {
        ClusterFiles files = cluster.get();
        if (files != null) {
            return files;
        }
        String fallback = "";
        if (!at.equals(Instant.MAX)) {
            fallback = nearestBefore("full", at).map(l -> "; the nearest logical backup before " + at + " is " + l.id()
                    + " (" + Durations.human(Duration.between(l.createdAt(), at)) + " earlier)")
                    .orElse("; there is no logical backup before " + at + " either");
        }
        throw new BackupException(pitrSupport().reason() + fallback);
    }

    // ---------------------------------------------------------------- schedules, retention, RPO

    /** Each configured schedule's state now. */
    public List<BackupSchedule.Status> scheduleStatus() {
        return scheduleStatus(list(), baseBackupList());
    }

    /** The RPO watch over the scheduled scopes (base backups only where the cluster's files are at hand). */
    public List<RpoWatch.Status> checkRpo() {
        return checkRpo(list(), baseBackupList());
    }

    /** What {@link #checkRpo()} finds, without raising or clearing its alerts: for readers such as metrics. */
    public List<RpoWatch.Status> rpoStatus() {
        return rpo.status(watchedScopes(list(), baseBackupList()));
    }

    /**
     * Everything the Backups view shows, from one read of the repository and of the base
     * backups; runs the RPO check (raising or clearing its alerts) on the way.
     */
    public Overview overview() {
        List<BackupListing> listings = list();
        List<BaseBackup> bases = baseBackupList();
        return new Overview(listings, bases, scheduleStatus(listings, bases), checkRpo(listings, bases), pitrSupport());
    }

    /** The backups, base backups, schedules, RPO and PITR availability as of one moment. */
    public record Overview(List<BackupListing> backups, List<BaseBackup> baseBackups,
                           List<BackupSchedule.Status> schedules, List<RpoWatch.Status> rpo, PitrSupport pitr) {
        public Overview {
            backups = List.copyOf(backups);
            baseBackups = List.copyOf(baseBackups);
            schedules = List.copyOf(schedules);
            rpo = List.copyOf(rpo);
        }
    }

    private List<BackupSchedule.Status> scheduleStatus(List<BackupListing> listings, List<BaseBackup> bases) {
        Instant now = clock.instant();
        Map<String, Optional<Instant>> last = newest(listings, bases, false);
        List<BackupSchedule.Status> statuses = new ArrayList<>();
        for (BackupSchedule s : config.schedules()) {
            statuses.add(s.status(last.getOrDefault(s.target().key(), Optional.empty()), now));
        }
        return statuses;
    }

    private List<RpoWatch.Status> checkRpo(List<BackupListing> listings, List<BaseBackup> bases) {
        return rpo.check(watchedScopes(listings, bases));
    }

    /** Per scheduled scope the RPO watches, the creation time of its newest verified backup. */
    private Map<String, Optional<Instant>> watchedScopes(List<BackupListing> listings, List<BaseBackup> bases) {
        Map<String, Optional<Instant>> verified = newest(listings, bases, true);
        Map<String, Optional<Instant>> watched = new LinkedHashMap<>();
        for (BackupSchedule s : config.schedules()) {
            if (s.target().kind() != BackupScheduleTarget.Kind.BASE || cluster.get() != null) {
                watched.put(s.target().key(), verified.getOrDefault(s.target().key(), Optional.empty()));
            }
        }
        return watched;
    }

    /** Base backups newest first; none without the cluster's files or when they cannot be listed (logged). */
    private List<BaseBackup> baseBackupList() {
        Optional<BaseBackups> bases = baseBackups();
        if (bases.isEmpty()) {
            return List.of();
        }
        try {
            return bases.get().list();
        } catch (IOException e) {
            LOG.warn("Cannot list base backups in {}", config.baseDirectory(), e);
            return List.of();
        }
    }

    /** Per scope key, the newest backup's time (only verified ones when asked; base backups count as verified). */
    private static Map<String, Optional<Instant>> newest(List<BackupListing> listings, List<BaseBackup> bases,
                                                         boolean verifiedOnly) {
        Map<String, Optional<Instant>> newest = new LinkedHashMap<>();
        for (BackupListing l : listings) {
            if (!verifiedOnly || l.verified()) {
                newest.putIfAbsent(l.scopeKey(), Optional.of(l.createdAt()));
            }
        }
        bases.stream().findFirst().ifPresent(b -> newest.put("base", Optional.of(b.stopTime())));
        return newest;
    }

    /** Runs the schedules on a thread of their own: the first check after {@code firstCheck}, then every minute. */
    public void startSchedules(Duration firstCheck) {
        synchronized (scheduleLock) {
            if (scheduler != null || config.schedules().isEmpty()) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("scaledeck-backup"));
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    runDueSchedules();
                } catch (RuntimeException e) {
                    LOG.error("Backup schedule check failed", e);
                }
            }, firstCheck.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Backup schedules running: {}", config.schedules().stream()
                .map(s -> s.target().key() + " every " + Durations.format(s.every())).toList());
    }

    /**
     * One round of the schedules: every due one runs (missed runs are journalled first), each
     * logical backup is verified and copied, then retention is applied and the RPO checked.
     *
     * @return what ran, one line each
     */
    public List<String> runDueSchedules() {
        List<String> ran = new ArrayList<>();
        for (BackupSchedule.Status status : scheduleStatus()) { // read before the runs change it
            if (!status.due()) {
                continue;
            }
            BackupScheduleTarget target = status.schedule().target();
            if (target.kind() == BackupScheduleTarget.Kind.BASE && cluster.get() == null) {
                if (baseSkipReported == null) {
                    baseSkipReported = pitrSupport().reason();
                    journal.record(new EngineEvent(clock.instant(), CATEGORY, "schedule-skipped", "base",
                            "Scheduled base backups skipped: " + baseSkipReported));
                }
                continue;
            }
            if (status.missed() > 0) {
                journal.record(new EngineEvent(clock.instant(), CATEGORY, "missed", target.key(), status.describe()));
                LOG.warn("Backup schedule {}", status.describe());
            }
            String alertKey = "backup.failed." + target.key();
            try {
                ran.add(runScheduled(target));
                alerts.clear(alertKey, "scheduled " + target.key() + " backup succeeded");
            } catch (RuntimeException e) {
                String message = "Scheduled " + target.key() + " backup failed: " + e.getMessage();
                journal.record(new EngineEvent(clock.instant(), CATEGORY, "scheduled-failed", target.key(), message));
                alerts.raise(alertKey, Severity.CRITICAL, CATEGORY, message);
                ran.add(message);
            }
        }
        if (!ran.isEmpty()) {
            applyRetention();
        }
        checkRpo();
        return ran;
    }

    private String runScheduled(BackupScheduleTarget target) {
        switch (target.kind()) {
            case BASE:
                return "base backup " + createBaseBackup().id();
            case USER: {
                BackupManifest m = createUserBackup(target.userId().getAsLong(), BackupProgress.NONE);
                return verifiedLine(m, verify(m.id(), BackupProgress.NONE));
            }
            default: {
                BackupManifest m = createFullBackup(BackupProgress.NONE);
                return verifiedLine(m, verify(m.id(), BackupProgress.NONE));
            }
        }
    }

    private static String verifiedLine(BackupManifest m, VerificationResult v) {
        return m.id() + (v.ok() ? " (verified)" : " (verification FAILED: " + String.join("; ", v.problems()) + ")");
    }

    /**
     * Deletes what the retention policy does not keep, in the repository, its second copies and
     * the base backups; each deletion is journalled with the policy.
     *
     * @return the plan that was carried out
     */
    public RetentionPolicy.Plan applyRetention() {
        List<RetentionPolicy.Candidate> candidates = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (BackupListing l : list()) {
            candidates.add(new RetentionPolicy.Candidate(l.id(), l.scopeKey(), l.createdAt(), l.verified()));
            files.put(l.id(), l.backup().path());
        }
        Optional<BaseBackups> bases = baseBackups();
        if (bases.isPresent()) {
            try {
                for (BaseBackup b : bases.get().list()) {
                    candidates.add(new RetentionPolicy.Candidate(b.id(), "base", b.stopTime(), true));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RetentionPolicy.Plan plan = config.retention().plan(candidates, ZoneId.systemDefault());
        for (String id : plan.delete()) {
            try {
                if (files.containsKey(id)) {
                    repository().delete(id);
                    copies.delete(files.get(id).getFileName().toString());
                } else {
                    bases.orElseThrow().delete(id);
                }
                journal.record(new EngineEvent(clock.instant(), CATEGORY, "deleted", id,
                        "Backup " + id + " deleted by the retention policy (" + config.retention() + ")"));
            } catch (IOException | RuntimeException e) {
                journal.record(new EngineEvent(clock.instant(), CATEGORY, "delete-failed", id,
                        "Retention could not delete " + id + ": " + e.getMessage()));
            }
        }
        return plan;
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (scheduleLock) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
