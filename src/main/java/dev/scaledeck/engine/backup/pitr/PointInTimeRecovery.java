package dev.scaledeck.engine.backup.pitr;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Recovers a cluster to a point in time: the newest base backup finished before the target,
 * copied into a scratch directory and started with WAL replayed from the archive up to the
 * target. The live cluster and its archive are only read. Thread-safe: each recovery has a
 * scratch directory and a port of its own.
 */
public final class PointInTimeRecovery {

    static final String DATA = "data";
    private static final Logger LOG = LoggerFactory.getLogger(PointInTimeRecovery.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Duration ARCHIVE_WAIT = Duration.ofMinutes(2);
    private static final Duration START_WAIT = Duration.ofMinutes(10);
    private static final Duration PROMOTION_WAIT = Duration.ofMinutes(10);

    private final BaseBackups bases;
    private final Path walArchive;
    private final Path scratchParent;
    private final Clock clock;
    private final EventJournal journal;

    /**
     * @param bases         where the base backups are
     * @param walArchive    the live cluster's WAL archive; only read
     * @param scratchParent where recovered clusters get their scratch directories
     * @param clock         what "now" is, for refusing targets in the future, and for event times
     * @param journal       where pitr-recovered and pitr-failed events go
     */
    public PointInTimeRecovery(BaseBackups bases, Path walArchive, Path scratchParent, Clock clock, EventJournal journal) {
        this.bases = Objects.requireNonNull(bases, "bases");
        this.walArchive = Objects.requireNonNull(walArchive, "walArchive").toAbsolutePath();
        this.scratchParent = Objects.requireNonNull(scratchParent, "scratchParent").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * Recovers to {@code target} from the WAL archive as it is: for when the live cluster is
     * gone. WAL the live cluster had not archived yet is not replayed.
     *
     * @see #recover(Instant, DatabaseUrl)
     */
    public RecoveredCluster recover(Instant target) throws IOException {
        return recover(target, null);
    }

    /**
     * Recovers to {@code target}: the result holds every transaction committed at or before
     * it and none after. When {@code live} is given, its WAL up to now is archived first, so
     * any past target is reachable. Blocks until the recovered server has promoted itself.
     *
     * @param live the running cluster whose archive this is, or null to use the archive as it is
     * @throws IllegalArgumentException when the target is in the future or before every base backup
     * @throws IOException              when recovery fails; the message has PostgreSQL's reason
     */
    public RecoveredCluster recover(Instant target, DatabaseUrl live) throws IOException {
        Objects.requireNonNull(target, "target");
        BaseBackup base = null;
        try {
            base = chooseBase(target);
            if (live != null) {
                ArchiveFlush.flush(live, ARCHIVE_WAIT);
            }
            RecoveredCluster recovered = start(base, target);
            record("pitr-recovered", target, "Recovered to " + TIME.format(target) + " from base backup " + base.id()
                    + " on port " + recovered.port() + " in " + recovered.scratchDirectory());
            return recovered;
        } catch (IllegalArgumentException e) {
            record("pitr-failed", target, "Recovery to " + TIME.format(target) + " refused: " + e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            String message = "Recovery to " + TIME.format(target) + (base != null ? " from base backup " + base.id() : "")
                    + " failed: " + e.getMessage() + hint(e.getMessage());
            record("pitr-failed", target, message);
            if (e instanceof InterruptedIOException) {
                throw (InterruptedIOException) e;
            }
            throw new IOException(message, e);
        }
    }

    private BaseBackup chooseBase(Instant target) throws IOException {
        Instant now = clock.instant();
        if (target.isAfter(now)) {
            throw new IllegalArgumentException("Recovery target " + TIME.format(target) + " is in the future (now is "
                    + TIME.format(now) + ")");
        }
        List<BaseBackup> all = bases.list();
        return all.stream()
                .filter(b -> b.stopTime().isBefore(target))
                .max(Comparator.comparing(BaseBackup::stopTime))
                .orElseThrow(() -> new IllegalArgumentException(noBaseBefore(target, all)));
    }

    private String noBaseBefore(Instant target, List<BaseBackup> all) {
        if (all.isEmpty()) {
            return "No base backup before " + TIME.format(target) + ": there are none in " + bases.root()
                    + "; take one, and recovery can reach any time after it";
        }
        BaseBackup oldest = all.stream().min(Comparator.comparing(BaseBackup::stopTime)).orElseThrow();
        return "No base backup before " + TIME.format(target) + "; the oldest is from " + TIME.format(oldest.stopTime())
                + " (" + oldest.id() + ")";
    }

    private RecoveredCluster start(BaseBackup base, Instant target) throws IOException {
        Files.createDirectories(scratchParent);
        Path scratch = Files.createTempDirectory(scratchParent, "pitr-");
        ScratchServer server = null;
        try {
            UserPrincipal owner = serverOwner();
            PrivateFiles.restrict(scratch, PrivateFiles.DIRECTORY);
            if (owner != null && !owner.equals(Files.getOwner(scratch))) {
                Files.setOwner(scratch, owner);
            }
            Path data = scratch.resolve(DATA);
            new DataDirectoryCopy(DataDirectoryCopy.Filter.NOTHING, false, owner).copy(base.dataDirectory(), data);
            RecoverySettings.write(data, walArchive, target);
            LOG.info("Recovering to {} from base backup {} in {}", TIME.format(target), base.id(), scratch);
            server = ScratchServer.start(data, scratch.resolve("server.log"), START_WAIT);
            server.awaitPromotion(PROMOTION_WAIT);
            return new RecoveredCluster(server, scratch, base, target);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            PrivateFiles.deleteTreeQuietly(scratch, "the recovery scratch directory");
            throw e;
        }
    }

    /** What an operator can do about the failures PostgreSQL reports tersely. */
    private static String hint(String reason) {
        if (reason != null && reason.contains("recovery ended before configured recovery target was reached")) {
            return " (the WAL archive ends before the target: WAL written after it was not archived; recover with the"
                    + " live database given so its WAL is archived first, or check that WAL archiving works)";
        }
        return "";
    }

    /**
     * Who must own the scratch directory: whoever owns the archive, which the embedded
     * database gives the owner of its data directory. Running as root, zonky starts the
     * server without privileges in a user namespace, where it can use only what that owner may.
     */
    private UserPrincipal serverOwner() throws IOException {
        return Files.isDirectory(walArchive) ? Files.getOwner(walArchive) : null;
    }

    private void record(String type, Instant target, String message) {
        journal.record(new EngineEvent(clock.instant(), BaseBackups.CATEGORY, type, TIME.format(target), message));
    }
}
