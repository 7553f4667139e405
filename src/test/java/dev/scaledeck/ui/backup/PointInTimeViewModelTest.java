package dev.scaledeck.ui.backup;

import dev.scaledeck.embedded.EmbeddedDatabase;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.ClusterFiles;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.fixtures.EngineSql;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restore to a point in time from the window's view model, on a real archiving embedded
 * PostgreSQL: each recovery starts a scratch server for a few seconds. The first test starts
 * from no base backup at all, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PointInTimeViewModelTest {

    @TempDir
    static Path home;
    private static EmbeddedDatabase live;
    private static ScalingEngine engine;
    private final RecordingDialogService dialogs = new RecordingDialogService(false);
    private final BackupsViewModel vm = new BackupsViewModel(new CurrentThreadTaskExecutor(), dialogs, ZoneOffset.UTC,
            Clock.systemUTC());
    private final PointInTimeViewModel pitr = vm.pointInTime();

    @BeforeAll
    static void startArchivingDatabaseAndEngine() throws Exception {
        live = EmbeddedDatabase.startOrReuse(home.resolve("live"), message -> { });
        engine = ScalingEngine.start(ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString()), Map.of()),
                live.url(), List.of(), Clock.systemUTC());
        engine.backups().useClusterFiles(new ClusterFiles(live.dataDirectory(), live.walArchive()));
        SmallSchema.create(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
        live.close();
    }

    /** A second from now on, truncated to the second: what the operator would type for "just now". */
    private static Instant aMomentThatHasPassed() throws InterruptedException {
        Thread.sleep(1100);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Thread.sleep(1100);
        return at;
    }

    private void enterTime(Instant at) {
        pitr.dateProperty().set(LocalDate.ofInstant(at, ZoneOffset.UTC));
        pitr.timeTextProperty().set(DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalTime.ofInstant(at, ZoneOffset.UTC)));
    }

    private static List<Path> scratchDirectories() throws IOException {
        Path scratch = home.resolve("pitr");
        if (!Files.isDirectory(scratch)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(scratch)) {
            return children.toList();
        }
    }

    @Test
    @Order(1)
    void shouldRestoreOneUserAsOfATimeOnlyOnceTheOperatorConfirmsThePreview() throws Exception {
        vm.engineStarted(engine);
        assertThat(pitr.availableProperty().get()).isTrue();
        assertThat(pitr.availabilityProperty().get().text()).startsWith("No base backup yet");
        assertThat(pitr.availabilityProperty().get().style()).isEqualTo(StatusStyles.DEGRADED);

        pitr.takeBaseBackup();
        assertThat(vm.statusProperty().get()).startsWith("Base backup base-").contains("can be recovered");
        assertThat(pitr.availabilityProperty().get().text()).startsWith("Any time since ")
                .contains("1 base backup").contains(live.walArchive().toString());

        List<String> before = SmallSchema.content(engine);
        Instant at = aMomentThatHasPassed();
        EngineSql.execute(engine, "UPDATE users SET name = 'Ada (changed)' WHERE id = 1", "DELETE FROM notes WHERE id = 2",
                "INSERT INTO notes VALUES (300, 1, 'later')", "UPDATE users SET name = 'Grace (changed)' WHERE id = 2");
        List<String> changed = SmallSchema.content(engine);
        pitr.userIdTextProperty().set("1");
        enterTime(at);
        String when = BackupTexts.dateTime(at, ZoneOffset.UTC);
        assertThat(pitr.messageProperty().get().text()).isEqualTo("User 1's rows as they were at " + when + " (Z).");
        assertThat(pitr.canRestoreUserProperty().get()).isTrue();

        pitr.restoreUserAsOf();

        assertThat(dialogs.questions()).hasSize(1);
        RecordingDialogService.Question question = dialogs.questions().get(0);
        assertThat(question.title()).isEqualTo("Restore user 1 as of " + when + "?");
        assertThat(question.message()).contains("Replacing user 1's rows with those as of " + when)
                .contains("\n  users: insert 0, delete 0, change 1").contains("\n  notes: insert 1, delete 1, change 0")
                .contains("User 1's current rows are saved first");
        assertThat(SmallSchema.content(engine)).as("declined: nothing changed").isEqualTo(changed);
        assertThat(vm.statusProperty().get()).isEqualTo("Restore of user 1 as of " + when + " cancelled: nothing changed");
        assertThat(scratchDirectories()).as("the recovered copy is closed when declined").isEmpty();

        dialogs.answer(true);
        pitr.restoreUserAsOf();

        List<String> expected = before.stream().map(line -> line.equals("users 2 Grace") ? "users 2 Grace (changed)" : line)
                .toList();
        assertThat(SmallSchema.content(engine)).as("user 1 as before; user 2's later change stays").isEqualTo(expected);
        assertThat(vm.statusProperty().get()).startsWith("Restored user 1 as of " + when + " into ")
                .contains("The rows it replaced are saved as backup user-1-");
        assertThat(scratchDirectories()).as("the recovered copy is closed after the restore").isEmpty();
        assertThat(dialogs.errors()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    @Order(2)
    void shouldRecoverTheWholeDatabaseIntoAKeptCopyAndSayHowToUseIt() throws Exception {
        engine.backups().createBaseBackup();
        vm.engineStarted(engine);
        enterTime(aMomentThatHasPassed());
        assertThat(pitr.canRecoverProperty().get()).as("no user id needed").isTrue();

        pitr.recoverCluster();

        assertThat(dialogs.questions()).hasSize(1);
        assertThat(dialogs.questions().get(0).message()).contains("The live database keeps running and is not changed");
        assertThat(vm.statusProperty().get()).endsWith("cancelled");
        assertThat(scratchDirectories()).isEmpty();

        dialogs.answer(true);
        pitr.recoverCluster();

        String status = vm.statusProperty().get();
        assertThat(status).contains(" is kept in " + home.resolve("pitr")).contains("To make it the database: stop ScaleDeck")
                .contains(home.resolve("postgres").toString());
        assertThat(scratchDirectories()).hasSize(1);
        Path data = scratchDirectories().get(0).resolve("data");
        assertThat(status).contains(data.toString());
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).as("the copy is stopped").doesNotExist();
        assertThat(dialogs.errors()).isEmpty();
    }
}
