package dev.scaledeck.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts as few servers as it can: one shared server for most tests, one restart, and one
 * crashed-process scenario in its own home.
 */
class EmbeddedDatabaseTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path home;
    private static final List<String> progress = new CopyOnWriteArrayList<>();
    private static EmbeddedDatabase database;

    @BeforeAll
    static void startServer() throws Exception {
        database = EmbeddedDatabase.startOrReuse(home, progress::add);
        execute(database, "CREATE TABLE marker (note text)");
        execute(database, "INSERT INTO marker VALUES ('written before any restart')");
    }

    @AfterAll
    static void stopServer() {
        database.close();
    }

    @Test
    void shouldStartAnOwnedPostgres17WithTheScaledeckDatabase() throws SQLException {
        assertThat(database.owned()).isTrue();
        assertThat(database.url().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + database.port() + "/scaledeck");
        assertThat(database.url().user()).isEqualTo("postgres");
        assertThat(database.url().password()).isNull();
        assertThat(database.dataDirectory()).isEqualTo(home.toAbsolutePath().resolve("postgres"));
        assertThat(database.walArchive()).isEqualTo(home.toAbsolutePath().resolve("wal-archive"));
        assertThat(query(database, "SELECT current_database()")).isEqualTo("scaledeck");
        assertThat(query(database, "SHOW server_version")).startsWith("17.");
        assertThat(query(database, "SHOW wal_level")).isEqualTo("replica");
        assertThat(query(database, "SHOW archive_mode")).isEqualTo("on");
        assertThat(query(database, "SHOW max_connections")).isEqualTo("200");
        assertThat(query(database, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(query(database, "SHOW fsync")).isEqualTo("on");
        assertThat(progress).anyMatch(m -> m.startsWith("Starting embedded PostgreSQL 17 in " + database.dataDirectory()))
                .contains("Creating database scaledeck");
    }

    @Test
    void shouldArchiveFinishedWalSegmentsIntoTheWalArchive() throws Exception {
        execute(database, "CREATE TABLE IF NOT EXISTS wal_filler (n integer)");
        execute(database, "INSERT INTO wal_filler SELECT generate_series(1, 10000)");

        String segment = query(database, "SELECT pg_walfile_name(pg_switch_wal())");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(database.walArchive().resolve(segment)));
        assertThat(Files.size(database.walArchive().resolve(segment))).isEqualTo(16L * 1024 * 1024);
        assertThat(query(database, "SELECT failed_count FROM pg_stat_archiver")).isEqualTo("0");
    }

    @Test
    void shouldGiveTheWalArchiveTheOwnerAndPrivacyOfTheDataDirectory() throws IOException {
        assertThat(Files.getOwner(database.walArchive())).isEqualTo(Files.getOwner(database.dataDirectory()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database.walArchive())))
                .isEqualTo("rwx------");
    }

    @Test
    void shouldKeepDataWhenStoppedAndStartedAgainOnTheSameHome() throws Exception {
        database.close();
        assertThat(Files.exists(database.dataDirectory().resolve("postmaster.pid"))).isFalse();

        database = EmbeddedDatabase.startOrReuse(home, progress::add);

        assertThat(database.owned()).isTrue();
        assertThat(query(database, "SELECT note FROM marker LIMIT 1")).isEqualTo("written before any restart");
    }

    @Test
    void shouldConnectToTheRunningServerWhenStartedTwiceInOneProcess() throws Exception {
        List<String> secondProgress = new CopyOnWriteArrayList<>();
        try (EmbeddedDatabase second = EmbeddedDatabase.startOrReuse(home, secondProgress::add)) {
            assertThat(second.owned()).isFalse();
            assertThat(second.port()).isEqualTo(database.port());
            assertThat(query(second, "SELECT count(*) FROM marker")).isEqualTo("1");
            assertThat(secondProgress).singleElement().asString().contains("is already running on port " + database.port());
        }

        assertThat(query(database, "SELECT count(*) FROM marker")).isEqualTo("1");
    }

    @Test
    void shouldLetAnotherProcessConnectToTheServerThisProcessOwns() throws Exception {
        Process child = launch("reuse", home);
        try {
            Map<String, String> result = result(child);

            assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(result).containsEntry("owned", "false")
                    .containsEntry("port", Integer.toString(database.port()))
                    .containsEntry("markers", "1");
        } finally {
            child.destroyForcibly();
        }
        // the other process closing its handle did not stop our server
        assertThat(query(database, "SELECT count(*) FROM marker")).isEqualTo("1");
    }

    @Test
    void shouldStopAServerLeftRunningByACrashedProcessBeforeStartingItsOwn(@TempDir Path crashedHome) throws Exception {
        Process child = launch("hold", crashedHome);
        long orphanPid;
        try {
            Map<String, String> result = result(child);
            assertThat(result).containsEntry("owned", "true");
            orphanPid = Long.parseLong(result.get("pid"));
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(Processes::running)).hasValue(true);

        List<String> restartProgress = new CopyOnWriteArrayList<>();
        try (EmbeddedDatabase restarted = EmbeddedDatabase.startOrReuse(crashedHome, restartProgress::add)) {
            assertThat(restarted.owned()).isTrue();
            assertThat(ProcessHandle.of(orphanPid).map(Processes::running).orElse(false)).isFalse();
            assertThat(restartProgress).contains("Stopping PostgreSQL left running by an earlier run (pid " + orphanPid + ")");
            assertThat(query(restarted, "SELECT note FROM marker")).isEqualTo("written by a process that then crashed");
        }
    }

    /** A second JVM running {@link EmbeddedDatabaseProcess} on the same classpath. */
    private static Process launch(String mode, Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseProcess.class.getName(), mode, home.toString())
                .redirectErrorStream(true)
                .start();
    }

    /** The child's {@code RESULT key=value ...} line as a map; its output keeps draining in the background. */
    private static Map<String, String> result(Process child) throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Deque<String> tail = new ArrayDeque<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    if (text.startsWith("RESULT ")) {
                        line.complete(text);
                    }
                    tail.addLast(text);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            line.completeExceptionally(new IllegalStateException("child ended without a RESULT line; its output ended with:\n"
                    + String.join("\n", tail)));
        }, "embedded-database-test-child-output");
        reader.setDaemon(true);
        reader.start();
        Map<String, String> values = new HashMap<>();
        for (String pair : line.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS).substring("RESULT ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
    }

    private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
