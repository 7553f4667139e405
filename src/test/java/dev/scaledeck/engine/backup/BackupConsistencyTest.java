package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.scaledeck.engine.backup.BackupFixtures.queryLong;
import static dev.scaledeck.engine.backup.BackupFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money moves between two tables while a backup runs; every transfer keeps the total
 * constant. A backup that is one snapshot shows the same total; one that read the tables
 * at different moments would not, because transfers are made to land between the copy of
 * the first table and the copy of the second.
 */
class BackupConsistencyTest {

    private static final long TOTAL = 1_000_000;

    @TempDir
    Path directory;
    private DatabaseUrl db;
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong transfers = new AtomicLong();

    @BeforeEach
    void setUp() {
        db = BackupFixtures.emptyDatabase();
        sql(db, "CREATE TABLE a_accounts (id int PRIMARY KEY, balance bigint NOT NULL)",
                "CREATE TABLE b_accounts (id int PRIMARY KEY, balance bigint NOT NULL)",
                "INSERT INTO a_accounts SELECT g, 1000 FROM generate_series(1, 1000) g",
                "INSERT INTO b_accounts SELECT g, 0 FROM generate_series(1, 1000) g");
    }

    @AfterEach
    void tearDown() throws Exception {
        running.set(false);
        writer.shutdown();
        assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldBackUpOneSnapshotWhileTransfersRun() throws Exception {
        Future<?> transfersDone = writer.submit(this::transferUntilStopped);
        await().atMost(30, TimeUnit.SECONDS).until(() -> transfers.get() > 10);
        BackupService service = new BackupService(() -> db, new BackupRepository(directory),
                java.time.Clock.systemUTC(), new EventJournal(10, null));

        BackupManifest manifest = service.createFullBackup((step, fraction) -> {
            if (step.startsWith("Copying b_accounts")) {
                // a_accounts has been copied: let more transfers commit before b_accounts is read.
                long seen = transfers.get();
                await().atMost(30, TimeUnit.SECONDS).until(() -> transfers.get() >= seen + 20);
            }
        });
        running.set(false);
        transfersDone.get(30, TimeUnit.SECONDS);

        assertThat(manifest.tables()).extracting(TablePart::table).containsExactly("a_accounts", "b_accounts");
        long inBackup;
        try (BackupArchive archive = service.repository().open(manifest.id())) {
            inBackup = balanceSum(archive, manifest.tables().get(0)) + balanceSum(archive, manifest.tables().get(1));
        }
        assertThat(inBackup).isEqualTo(TOTAL);
        assertThat(queryLong(db, "SELECT (SELECT sum(balance) FROM a_accounts) + (SELECT sum(balance) FROM b_accounts)"))
                .isEqualTo(TOTAL);
        assertThat(queryLong(db, "SELECT sum(balance) FROM b_accounts")).as("transfers really happened").isPositive();
    }

    private void transferUntilStopped() {
        try (Connection c = BackupFixtures.connect(db);
             PreparedStatement debit = c.prepareStatement("UPDATE a_accounts SET balance = balance - 1 WHERE id = ?");
             PreparedStatement credit = c.prepareStatement("UPDATE b_accounts SET balance = balance + 1 WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int i = 0; running.get(); i++) {
                debit.setInt(1, 1 + i % 1000);
                debit.executeUpdate();
                credit.setInt(1, 1 + (i * 7) % 1000);
                credit.executeUpdate();
                c.commit();
                transfers.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long balanceSum(BackupArchive archive, TablePart part) throws IOException {
        long sum = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(archive.open(part), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                sum += Long.parseLong(line.split("\t")[1]);
            }
        }
        return sum;
    }
}
