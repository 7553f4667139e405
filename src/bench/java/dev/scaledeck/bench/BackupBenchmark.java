package dev.scaledeck.bench;

import dev.scaledeck.engine.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import dev.scaledeck.engine.backup.BackupRepository;
import dev.scaledeck.engine.backup.BackupService;
import dev.scaledeck.engine.event.EventJournal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Export and restore throughput of our backup against {@code pg_dump -Fc} / {@code pg_restore},
 * on one PostgreSQL 15 server (see {@link Postgres15}) in the same run, on the app's sample data
 * (see {@link BackupData}). Target: ratio >= 0.8 for each line.
 *
 * <p>What is compared:
 * <ul>
 *   <li>MB is the size of the COPY text of all tables, measured once, so each ratio is a ratio
 *       of wall times (pg_dump's include its process start and catalog reads: a user pays them).</li>
 *   <li>Uncompressed: our archive at level 0 against {@code pg_dump -Fc -Z0}. Compressed: level 6
 *       against {@code pg_dump -Fc} without {@code -Z}, which is zlib's default level, 6.</li>
 *   <li>Restore: data only, into a new database that already has the schema (copied from a
 *       template made by {@code pg_restore --schema-only}), so both sides maintain the same
 *       indexes, and both turn the tables' triggers (foreign-key checks) off while loading, as
 *       {@code pg_restore --data-only --disable-triggers} does. Each restores its own
 *       uncompressed export, one table at a time in one session, as {@code pg_restore} does
 *       without {@code -j}.</li>
 *   <li>Rounds alternate which side goes first; each timed run starts after a CHECKPOINT and a
 *       sync, so neither pays for the other's dirty pages; the median of {@value #ROUNDS} runs
 *       counts.</li>
 * </ul>
 */
final class BackupBenchmark {

    /** Exports every table of {@code source} into a file in {@code outDir}; returns that file. */
    @FunctionalInterface
    interface Export {
        Path run(DatabaseUrl source, Path outDir, int compressionLevel) throws Exception;
    }

    /** Restores the rows of a backup into {@code target}, which has the schema and no rows. */
    @FunctionalInterface
    interface Restore {
        void run(Path backup, DatabaseUrl target) throws Exception;
    }

    private static final int ROUNDS = 3;
    /** zlib's default, which pg_dump -Fc uses when no -Z is given. */
    private static final int DEFAULT_LEVEL = 6;
    private static final String SOURCE = "source";
    private static final String TEMPLATE = "restore_template";
    private static final String TARGET = "restore_target";

    private BackupBenchmark() {
    }

    static void run() throws Exception {
        run(BackupBenchmark::ourExport, BackupBenchmark::ourRestore);
    }

    /** Our full backup, as {@code scaledeck backup create --full} takes it. */
    static Path ourExport(DatabaseUrl source, Path outDir, int compressionLevel) {
        BackupService service = new BackupService(() -> source, new BackupRepository(outDir, compressionLevel),
                Clock.systemUTC(), new EventJournal(100, null));
        return service.repository().path(service.createFullBackup().id());
    }

    /** Our full restore into {@code target}, as {@code scaledeck backup restore ID --target-url} runs it. */
    static void ourRestore(Path backup, DatabaseUrl target) {
        String id = backup.getFileName().toString().replace(BackupRepository.EXTENSION, "");
        BackupService service = new BackupService(() -> target, new BackupRepository(backup.getParent()),
                Clock.systemUTC(), new EventJournal(100, null));
        service.restore(id, Optional.of(target));
    }

    static void run(Export export, Restore restore) throws Exception {
        String pgDump = PgTools.version();
        if (pgDump == null) {
            System.out.println("# backup: skipped, no pg_dump on the PATH; " + PgTools.INSTALL_HINT);
            return;
        }
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("scaledeck-bench-backup");
        try (EmbeddedPostgres server = Postgres15.start()) {
            Session session = new Session(server.getPort(), new PgTools(server.getPort()), work, export, restore);
            session.prepare(pgDump);
            session.compareExports();
            session.compareRestores();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "# backup: %.0f s in all%n", (System.nanoTime() - started) / 1e9);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** One measurement: only {@code timed} counts. */
    private record Trial(Step before, Step timed, Step after) {

        Trial(Step before, Step timed) {
            this(before, timed, () -> { });
        }
    }

    /** The state of one benchmark run on one server. */
    private static final class Session {

        private final int port;
        private final PgTools tools;
        private final Export export;
        private final Restore restore;
        private final Path ourDir;
        private final Path ourCompressedDir;
        private final Path theirDump;
        private final Path theirCompressedDump;
        private BackupData.Size size;
        private Path ourUncompressed;

        Session(int port, PgTools tools, Path work, Export export, Restore restore) throws Exception {
            this.port = port;
            this.tools = tools;
            this.export = export;
            this.restore = restore;
            this.ourDir = Files.createDirectories(work.resolve("ours.z0"));
            this.ourCompressedDir = Files.createDirectories(work.resolve("ours.z6"));
            this.theirDump = work.resolve("pg_dump.z0.dump");
            this.theirCompressedDump = work.resolve("pg_dump.default.dump");
        }

        DatabaseUrl url(String database) {
            return DatabaseUrl.of("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", null);
        }

        /** Seeds the source, measures it, makes the restore template, and warms both sides once. */
        void prepare(String pgDumpVersion) throws Exception {
            admin("CREATE DATABASE " + SOURCE);
            BackupData.create(url(SOURCE));
            size = BackupData.measure(url(SOURCE));
            System.out.println("# backup data: " + size.describe() + " (PostgreSQL 15 server; " + pgDumpVersion + ")");
            tools.dump(SOURCE, theirDump, 0);
            admin("CREATE DATABASE " + TEMPLATE);
            tools.restore(theirDump, TEMPLATE, "--schema-only");
            ourUncompressed = export.run(url(SOURCE), ourDir, 0);
        }

        void compareExports() throws Exception {
            compare("backup.export.uncompressed", "pg_dump.custom.z0",
                    new Trial(() -> clear(ourDir), () -> ourUncompressed = export.run(url(SOURCE), ourDir, 0)),
                    new Trial(() -> Files.deleteIfExists(theirDump), () -> tools.dump(SOURCE, theirDump, 0)));
            compare("backup.export.compressed", "pg_dump.custom",
                    new Trial(() -> clear(ourCompressedDir), () -> export.run(url(SOURCE), ourCompressedDir, DEFAULT_LEVEL)),
                    new Trial(() -> Files.deleteIfExists(theirCompressedDump),
                            () -> tools.dump(SOURCE, theirCompressedDump, null)));
            System.out.printf(Locale.ROOT, "# backup files: ours %.1f MB (level 0), %.1f MB (level %d); "
                            + "pg_dump %.1f MB (-Z0), %.1f MB (default)%n", megabytes(ourUncompressed),
                    megabytes(ourCompressedDir), DEFAULT_LEVEL, megabytes(theirDump), megabytes(theirCompressedDump));
        }

        /*
         * pg_restore --data-only loads tables in dump order, not foreign-key order, so it needs
         * --disable-triggers (its documented way); our side turns the same triggers off per table.
         */
        void compareRestores() throws Exception {
            compare("backup.restore", "pg_restore",
                    restoreTrial(() -> restore.run(ourUncompressed, url(TARGET))),
                    restoreTrial(() -> tools.restore(theirDump, TARGET, "--data-only", "--disable-triggers")));
        }

        private Trial restoreTrial(Step restoreIt) {
            return new Trial(() -> {
                admin("DROP DATABASE IF EXISTS " + TARGET);
                admin("CREATE DATABASE " + TARGET + " TEMPLATE " + TEMPLATE);
            }, restoreIt, this::requireAllRows);
        }

        /** Rounds alternate which side runs first; prints the median of each as one BENCH line. */
        private void compare(String name, String reference, Trial ours, Trial theirs) throws Exception {
            double[] a = new double[ROUNDS];
            double[] b = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                if (r % 2 == 0) {
                    a[r] = seconds(ours);
                    b[r] = seconds(theirs);
                } else {
                    b[r] = seconds(theirs);
                    a[r] = seconds(ours);
                }
            }
            System.out.printf(Locale.ROOT, "# %s seconds: ours %s, %s %s%n", name, Arrays.toString(a), reference,
                    Arrays.toString(b));
            Bench.line(name, size.megabytes() / Bench.median(a), "MB/s", reference, size.megabytes() / Bench.median(b));
        }

        private double seconds(Trial trial) throws Exception {
            trial.before().run();
            settle();
            long start = System.nanoTime();
            trial.timed().run();
            double seconds = (System.nanoTime() - start) / 1e9;
            trial.after().run();
            return seconds;
        }

        /** A restore that lost rows would look fast: check every table's count against the source. */
        private void requireAllRows() throws Exception {
            Map<String, Long> restored = BackupData.rowCounts(url(TARGET));
            if (!restored.equals(size.rows())) {
                throw new IllegalStateException("restore is incomplete: source " + size.rows() + ", restored " + restored);
            }
        }

        /** The file's size, or the total size of the directory's files. */
        private static double megabytes(Path path) throws Exception {
            if (Files.isRegularFile(path)) {
                return Files.size(path) / 1e6;
            }
            long bytes = 0;
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    bytes += Files.size(file);
                }
            }
            return bytes / 1e6;
        }

        private static void clear(Path dir) throws Exception {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
        }

        /** Writes out what earlier runs left dirty (server pages, then files), so no run pays for another's writes. */
        private void settle() throws Exception {
            admin("CHECKPOINT");
            Process sync = new ProcessBuilder("sync").inheritIO().start();
            if (sync.waitFor() != 0) {
                throw new IllegalStateException("sync exited with " + sync.exitValue());
            }
        }

        private void admin(String sql) throws SQLException {
            try (Connection c = Tables.open(url("postgres")); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
