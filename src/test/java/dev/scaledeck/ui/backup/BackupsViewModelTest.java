package dev.scaledeck.ui.backup;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.ui.common.BackgroundTask;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import dev.scaledeck.ui.common.StatusLine;
import dev.scaledeck.ui.common.StatusStyles;
import dev.scaledeck.ui.common.TaskExecutor;
import dev.scaledeck.ui.fixtures.EngineSql;
import dev.scaledeck.ui.fixtures.RecordingDialogService;
import dev.scaledeck.ui.fixtures.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The Backups view model on a real engine and a real PostgreSQL; no toolkit, every task on the calling thread. */
class BackupsViewModelTest {

    @TempDir
    static Path home;
    private static ScalingEngine engine;
    private final RecordingDialogService dialogs = new RecordingDialogService(true);
    private final BackupsViewModel vm = new BackupsViewModel(new CurrentThreadTaskExecutor(), dialogs, ZoneOffset.UTC,
            Clock.systemUTC());

    @BeforeAll
    static void startEngine() throws Exception {
        engine = TestEngines.start(home);
        SmallSchema.create(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** Takes a full backup through the view model and returns its row, selected. */
    private BackupRow fullBackup() {
        vm.fullBackup();
        BackupRow row = vm.selectedProperty().get();
        assertThat(row).as("the new backup is listed and selected").isNotNull();
        return row;
    }

    @Test
    void shouldExplainABadUserIdAndOnlyThenAllowAUserBackup() {
        vm.engineStarted(engine);

        assertThat(vm.userIdMessageProperty().get().text()).as("nothing typed yet").isEmpty();
        assertThat(vm.canUserBackupProperty().get()).isFalse();
        for (String bad : List.of("abc", "0", "-3", "4.5", "99999999999999999999")) {
            vm.userIdTextProperty().set(bad);
            assertThat(vm.userIdMessageProperty().get().text()).as(bad)
                    .isEqualTo("User id must be a positive whole number such as 42, not '" + bad + "'");
            assertThat(vm.userIdMessageProperty().get().style()).isEqualTo(StatusStyles.BAD);
            assertThat(vm.canUserBackupProperty().get()).as(bad).isFalse();
        }
        vm.userIdTextProperty().set(" 42 ");
        assertThat(vm.userIdMessageProperty().get().text()).isEmpty();
        assertThat(vm.canUserBackupProperty().get()).isTrue();
    }

    @Test
    void shouldAddARowForEachBackupTaken() throws Exception {
        vm.engineStarted(engine);
        int before = vm.backups().size();

        BackupRow full = fullBackup();
        vm.userIdTextProperty().set("2");
        vm.userBackup();

        BackupRow user = vm.selectedProperty().get();
        assertThat(vm.backups()).hasSize(before + 2).first().isEqualTo(user);
        assertThat(vm.backups()).contains(full);
        assertThat(full.scope()).isEqualTo("full");
        assertThat(full.rows()).isEqualTo(String.valueOf(SmallSchema.content(engine).size()));
        assertThat(full.verification()).isEqualTo("not verified");
        assertThat(full.verificationStyle()).isEqualTo(StatusStyles.UNKNOWN);
        assertThat(full.copies()).as("no second copies configured").isEqualTo("—");
        assertThat(user.scope()).isEqualTo("user 2");
        assertThat(user.rows()).as("user 2 and their two notes").isEqualTo("3");
        assertThat(vm.statusProperty().get()).startsWith("Backup " + user.id() + " taken (user 2): 3 rows in 2 tables");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).contains(vm.backups().size() + " backups").contains(home.toString());
        assertThat(dialogs.errors()).isEmpty();
    }

    @Test
    void shouldAskWithThePreviewAndChangeNothingWhenTheOperatorDeclines() throws Exception {
        vm.engineStarted(engine);
        BackupRow backup = fullBackup();
        EngineSql.execute(engine, "UPDATE users SET name = 'Grace Hopper' WHERE id = 2", "DELETE FROM notes WHERE id = 6",
                "INSERT INTO notes VALUES (100, 1, 'added later'), (101, 1, 'added later too')");
        List<String> changed = SmallSchema.content(engine);
        int listed = vm.backups().size();
        dialogs.answer(false);

        vm.restore();

        assertThat(dialogs.questions()).hasSize(1);
        RecordingDialogService.Question question = dialogs.questions().get(0);
        assertThat(question.title()).isEqualTo("Restore backup " + backup.id() + "?");
        assertThat(question.confirmLabel()).isEqualTo("Restore " + backup.id());
        assertThat(question.message())
                .contains("Restoring backup " + backup.id() + " (full, taken " + backup.takenAt() + ")")
                .contains("would insert 1, delete 2 and change 1 rows")
                .contains("\n  users: insert 0, delete 0, change 1 (3 in the backup, 3 now)")
                .contains("\n  notes: insert 1, delete 2, change 0")
                .contains("In total: insert 1, delete 2, change 1 rows.")
                .contains("The current rows are saved first");
        assertThat(SmallSchema.content(engine)).as("nothing restored").isEqualTo(changed);
        assertThat(vm.backups()).as("no safety backup either").hasSize(listed);
        assertThat(vm.statusProperty().get()).isEqualTo("Restore of " + backup.id() + " cancelled: nothing changed");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.canRestoreProperty().get()).isTrue();
    }

    @Test
    void shouldRestoreTheBackupWhenConfirmedAndSaySafetyBackupId() throws Exception {
        vm.engineStarted(engine);
        List<String> original = SmallSchema.content(engine);
        BackupRow backup = fullBackup();
        EngineSql.execute(engine, "UPDATE users SET name = 'changed' WHERE id = 1", "DELETE FROM notes WHERE id IN (1, 2)",
                "INSERT INTO notes VALUES (200, 3, 'new')");
        List<String> changed = SmallSchema.content(engine);

        vm.restore();

        assertThat(dialogs.questions()).hasSize(1);
        assertThat(SmallSchema.content(engine)).as("the rows are as backed up again").isEqualTo(original);
        String status = vm.statusProperty().get();
        assertThat(status).startsWith("Restored " + backup.id() + " (full) into ")
                .contains("The rows it replaced are saved as backup ");
        String safety = status.substring(status.indexOf("saved as backup ") + "saved as backup ".length()).split(" ")[0];
        assertThat(vm.backups()).extracting(BackupRow::id).contains(safety);
        assertThat(safety).isNotEqualTo(backup.id());
        assertThat(dialogs.errors()).isEmpty();

        // The safety backup holds what the restore replaced: restoring it brings the change back.
        vm.select(safety);
        vm.restore();
        assertThat(SmallSchema.content(engine)).isEqualTo(changed);
        vm.select(backup.id());
        vm.restore();
        assertThat(SmallSchema.content(engine)).isEqualTo(original);
    }

    @Test
    void shouldMarkAnIntactBackupVerified() {
        vm.engineStarted(engine);
        BackupRow backup = fullBackup();

        vm.verify();

        assertThat(vm.statusProperty().get()).startsWith(backup.id() + " is intact");
        BackupRow row = vm.selectedProperty().get();
        assertThat(row.id()).isEqualTo(backup.id());
        assertThat(row.verification()).isEqualTo("verified");
        assertThat(row.verificationStyle()).isEqualTo(StatusStyles.GOOD);
        assertThat(dialogs.errors()).isEmpty();
    }

    @Test
    void shouldShowTheProblemsWhenABackupFileIsDamaged() throws Exception {
        vm.engineStarted(engine);
        BackupRow backup = fullBackup();
        Path file = engine.backups().repository().path(backup.id());
        flipFirstDataByte(file);

        vm.verify();

        assertThat(dialogs.errors()).hasSize(1);
        RecordingDialogService.Shown error = dialogs.errors().get(0);
        assertThat(error.title()).isEqualTo("Backup " + backup.id() + " failed verification");
        List<String> problems = engine.backups().service().repository().find(backup.id()).orElseThrow()
                .lastVerification().orElseThrow().problems();
        assertThat(problems).isNotEmpty();
        assertThat(error.message()).contains("cannot be trusted").contains(problems.get(0));
        assertThat(vm.statusProperty().get()).startsWith(backup.id() + " FAILED verification");
        BackupRow row = vm.selectedProperty().get();
        assertThat(row.verification()).isEqualTo("FAILED");
        assertThat(row.verificationStyle()).isEqualTo(StatusStyles.BAD);
        assertThat(vm.summaryProperty().get()).contains("FAILED verification");
    }

    @Test
    void shouldShowTheEnginesMessageWhenAnOperationFails() throws Exception {
        vm.engineStarted(engine);
        BackupRow backup = fullBackup();
        Files.delete(engine.backups().repository().path(backup.id()));

        vm.restore();

        assertThat(dialogs.questions()).as("no preview, no question").isEmpty();
        assertThat(dialogs.errors()).hasSize(1);
        assertThat(dialogs.errors().get(0).title()).isEqualTo("Could not preview the restore of " + backup.id());
        assertThat(dialogs.errors().get(0).message()).isEqualTo(dialogs.errors().get(0).cause().getMessage())
                .contains(backup.id());
        assertThat(vm.statusProperty().get()).isEqualTo("Could not preview the restore of " + backup.id());
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.backups()).extracting(BackupRow::id).doesNotContain(backup.id());
    }

    @Test
    void shouldDisableTheConflictingButtonsWhileAnOperationRuns() {
        HeldTasks held = new HeldTasks();
        BackupsViewModel waiting = new BackupsViewModel(held, dialogs, ZoneOffset.UTC, Clock.systemUTC());
        waiting.engineStarted(engine);
        held.runAll(); // the first listing
        waiting.userIdTextProperty().set("1");
        assertThat(waiting.canFullBackupProperty().get()).isTrue();
        assertThat(waiting.canUserBackupProperty().get()).isTrue();

        waiting.fullBackup();

        assertThat(waiting.busyProperty().get()).isTrue();
        assertThat(waiting.statusProperty().get()).isEqualTo("Taking a full backup…");
        assertThat(waiting.canFullBackupProperty().get()).isFalse();
        assertThat(waiting.canUserBackupProperty().get()).isFalse();
        assertThat(waiting.canVerifyProperty().get()).isFalse();
        assertThat(waiting.canRestoreProperty().get()).isFalse();
        waiting.userBackup();
        assertThat(held.pending()).as("a second operation does not start").isEqualTo(1);

        held.runAll();

        assertThat(waiting.busyProperty().get()).isFalse();
        assertThat(waiting.canFullBackupProperty().get()).isTrue();
        assertThat(waiting.canVerifyProperty().get()).as("the new backup is selected").isTrue();
        assertThat(waiting.progressStepProperty().get()).isEmpty();
    }

    @Test
    void shouldDisablePointInTimeRecoveryWithTheEnginesReasonWhenItHasNoClusterFiles() {
        vm.engineStarted(engine);
        PointInTimeViewModel pitr = vm.pointInTime();
        pitr.userIdTextProperty().set("1");
        pitr.timeTextProperty().set("00:00");

        assertThat(pitr.availableProperty().get()).isFalse();
        assertThat(pitr.availabilityProperty().get().text())
                .isEqualTo("Not available: " + engine.backups().pitrSupport().reason() + ".");
        assertThat(pitr.availabilityProperty().get().style()).isEqualTo(StatusStyles.DEGRADED);
        assertThat(pitr.canRestoreUserProperty().get()).isFalse();
        assertThat(pitr.canRecoverProperty().get()).isFalse();
        assertThat(pitr.canTakeBaseBackupProperty().get()).isFalse();
    }

    @Test
    void shouldListSchedulesRetentionAndTheRpoOfEachScope() {
        vm.engineStarted(engine);

        assertThat(vm.schedules()).extracting(StatusLine::text)
                .anyMatch(line -> line.startsWith("full every 24h: "))
                .anyMatch(line -> line.startsWith("base every 24h: "));
        assertThat(vm.retentionProperty().get()).startsWith("Keeps, per scope, the last 7 backups");
        assertThat(vm.copiesProperty().get()).startsWith("Second copies: none configured");
        // Base backups need the cluster's files, which this engine lacks: only "full" is watched.
        assertThat(vm.rpo()).hasSize(1);
        StatusLine full = vm.rpo().get(0);
        assertThat(full.text()).startsWith("full: ");
        assertThat(full.style()).isEqualTo(engine.backups().checkRpo().get(0).exceeded()
                ? StatusStyles.DEGRADED : StatusStyles.GOOD);
    }

    /**
     * Flips the first byte of the archive's first entry, a table part: the manifest comes last
     * and stays readable, so the backup is still listed.
     */
    private static void flipFirstDataByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0)).as("a zip local file header").isEqualTo(0x04034b50);
        int data = 30 + header.getShort(26) + header.getShort(28);
        bytes[data] ^= (byte) 0xff;
        Files.write(file, bytes);
    }

    /** Holds every task until the test runs them, so it can look at the view model while work is "running". */
    private static final class HeldTasks implements TaskExecutor {
        private final List<Runnable> tasks = new ArrayList<>();
        private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

        @Override
        public <T> void execute(BackgroundTask<T> task, Consumer<String> onProgress, Consumer<? super T> onSuccess,
                                Consumer<? super Throwable> onFailure) {
            tasks.add(() -> now.execute(task, onProgress, onSuccess, onFailure));
        }

        int pending() {
            return tasks.size();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove(0).run();
            }
        }

        @Override
        public void runInUiThread(Runnable action) {
            action.run();
        }

        @Override
        public void shutdown() {
        }
    }
}
