package dev.scaledeck.embedded;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.backup.BackupListing;
import dev.scaledeck.engine.backup.BackupProgress;
import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.DrillFaults;
import dev.scaledeck.engine.recovery.FaultDrill;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * user-data-damaged and backup-repository-lost drills on one embedded environment with a
 * secondary backup repository: the fault takes effect, the plan's recovery (played by the
 * test) lets the RPO be measured, and the cleanup puts back what the plan did not.
 */
class BackupDrillsTest {

    @TempDir
    static Path home;
    private static LaunchedEngine launched;
    private static ScalingEngine engine;

    @BeforeAll
    static void launch() throws Exception {
        launched = DrillEnvironment.launch(home, Map.of("SCALEDECK_BACKUP_COPIES", "[\"" + home.resolve("secondary") + "\"]"));
        engine = launched.engine();
    }

    @AfterAll
    static void close() {
        if (launched != null) {
            launched.close();
        }
    }

    @Test
    void shouldMeasureTheSpanFromTheRestorePointToTheDamageOnceThePlanRestoredTheUser() throws Exception {
        FaultDrill drill = DrillFaults.create(DrillFault.USER_DATA_DAMAGED, engine, Optional.empty());
        drill.prepare();
        long user = Long.parseLong(drill.parameters().get("user"));
        Instant at = Instant.parse(drill.parameters().get("at"));
        assertThat(engine.backups().baseBackups().orElseThrow().list()).isNotEmpty();
        List<String> projectsBefore = projectNames(user);
        long conversionsBefore = conversions(user);
        assertThat(projectsBefore).isNotEmpty();
        assertThat(conversionsBefore).isPositive();

        Instant faultAt = drill.inject();

        assertThat(faultAt).isAfter(at);
        assertThat(projectNames(user)).hasSameSizeAs(projectsBefore).allMatch(n -> n.endsWith(" (damaged)"));
        assertThat(conversions(user)).isEqualTo(conversionsBefore - Math.max(1, conversionsBefore / 2));

        try (BackupCenter.UserAsOf asOf = engine.backups().prepareUserAsOf(user, at, BackupProgress.NONE)) {
            asOf.apply(BackupProgress.NONE); // the plan's restore-backup step, scope user:${user}, at ${at}
        }
        assertThat(projectNames(user)).isEqualTo(projectsBefore);
        assertThat(conversions(user)).isEqualTo(conversionsBefore);
        FaultDrill.Rpo rpo = drill.measureRpo();

        assertThat(rpo.lost()).isEqualTo(Duration.between(at, faultAt)).isPositive().isLessThan(Duration.ofMinutes(1));
        assertThat(rpo.basis()).startsWith("user " + user + " restored as of ")
                .contains("(the restore point, " + rpo.lost().toMillis() + " ms before the damage)")
                .endsWith("their rows matched the baseline taken before it");
        assertThat(drill.cleanup()).containsExactly("user " + user + "'s rows match the baseline; nothing to put back");
    }

    @Test
    void shouldRestoreTheUserInCleanupWhenThePlanDidNot() throws Exception {
        FaultDrill drill = DrillFaults.create(DrillFault.USER_DATA_DAMAGED, engine, Optional.empty());
        drill.prepare();
        long user = Long.parseLong(drill.parameters().get("user"));
        List<String> projectsBefore = projectNames(user);
        long conversionsBefore = conversions(user);
        drill.inject();

        assertThatThrownBy(drill::measureRpo).isInstanceOf(IllegalStateException.class)
                .hasMessage("the restore did not bring user " + user + "'s rows back: their projects, workflows or "
                        + "conversions still differ from the baseline taken before the damage");
        List<String> done = drill.cleanup();

        assertThat(done).singleElement().asString().startsWith("restored user " + user + " from ")
                .endsWith("(taken before the damage): their rows match the baseline again");
        assertThat(projectNames(user)).isEqualTo(projectsBefore);
        assertThat(conversions(user)).isEqualTo(conversionsBefore);
    }

    @Test
    void shouldMeasureNoLossWhenThePlanBroughtTheBackupsBackAndPutBackTheRestInCleanup() throws Exception {
        FaultDrill drill = DrillFaults.create(DrillFault.BACKUP_REPOSITORY_LOST, engine, Optional.empty());
        drill.prepare();
        Path primary = engine.backups().repository().directory();
        Path secondary = home.resolve("secondary");
        List<BackupListing> listed = engine.backups().list();
        assertThat(listed).anyMatch(l -> l.copies() == 1);
        Map<Path, Long> before = files(primary);

        drill.inject();

        assertThat(primary).doesNotExist();
        assertThat(siblingsOf(primary)).singleElement().asString().contains(primary.getFileName() + ".drill-");
        // The plan's restore-repository step: every backup archive back from the secondary repository.
        Files.createDirectories(primary);
        try (Stream<Path> copies = Files.list(secondary)) {
            for (Path copy : (Iterable<Path>) copies::iterator) {
                Files.copy(copy, primary.resolve(copy.getFileName()));
            }
        }
        FaultDrill.Rpo rpo = drill.measureRpo();

        assertThat(rpo.lost()).isZero();
        assertThat(rpo.basis()).isEqualTo("the newest backup before the loss (" + listed.get(0).id() + ") is back in "
                + primary + "; " + listed.size() + " of the " + listed.size()
                + " backup files (.sdbk) in the repository before the loss came back");
        List<String> done = drill.cleanup();

        assertThat(done).hasSize(2);
        assertThat(done.get(0)).startsWith("copied ").contains(" file(s) the plan did not bring back from ");
        assertThat(done.get(1)).startsWith("deleted ").endsWith(": every file in it is in " + primary);
        assertThat(files(primary)).isEqualTo(before);
        assertThat(siblingsOf(primary)).isEmpty();
    }

    @Test
    void shouldMoveTheRepositoryBackInCleanupWhenThePlanBroughtNothingBack() throws Exception {
        FaultDrill drill = DrillFaults.create(DrillFault.BACKUP_REPOSITORY_LOST, engine, Optional.empty());
        drill.prepare();
        Path primary = engine.backups().repository().directory();
        Map<Path, Long> before = files(primary);
        drill.inject();
        assertThat(primary).doesNotExist();

        List<String> done = drill.cleanup();

        assertThat(done).singleElement().asString().startsWith("moved ")
                .endsWith(" back to " + primary + " (the plan brought nothing back)");
        assertThat(files(primary)).isEqualTo(before);
        assertThat(siblingsOf(primary)).isEmpty();
    }

    private static List<Path> siblingsOf(Path directory) throws IOException {
        try (Stream<Path> all = Files.list(directory.getParent())) {
            return all.filter(p -> p.getFileName().toString().startsWith(directory.getFileName() + ".drill-")).toList();
        }
    }

    private static Map<Path, Long> files(Path directory) throws IOException {
        Map<Path, Long> sizes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    sizes.put(directory.relativize(p), Files.size(p));
                }
            }
        }
        return sizes;
    }

    private static List<String> projectNames(long user) throws SQLException {
        return engine.pool().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM projects WHERE user_id = ? ORDER BY id")) {
                ps.setLong(1, user);
                List<String> names = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            }
        });
    }

    private static long conversions(long user) throws SQLException {
        return engine.pool().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM conversions WHERE user_id = ?")) {
                ps.setLong(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
