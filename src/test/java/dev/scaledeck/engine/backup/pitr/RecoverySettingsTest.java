package dev.scaledeck.engine.backup.pitr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RecoverySettingsTest {

    @Test
    void shouldWriteTheTargetAsIsoWithAUtcOffsetToTheMicrosecond() {
        assertThat(RecoverySettings.targetTime(Instant.parse("2025-01-02T14:05:06.123456789Z")))
                .isEqualTo("2025-01-02T14:05:06.123456+00:00");
    }

    @Test
    void shouldFetchFromAnArchiveWhosePathHasSpacesQuotesAndPercentSigns(@TempDir Path dir) throws Exception {
        Path archive = Files.createDirectories(dir.resolve("it's 100% archived"));
        Files.writeString(archive.resolve("000000010000000000000003"), "segment");
        Path data = Files.createDirectories(dir.resolve("data/pg_wal"));

        String command = RecoverySettings.restoreCommand(archive);
        // What PostgreSQL does before it runs the command: %f, %p and %% replaced.
        String expanded = command.replace("%f", "000000010000000000000003").replace("%p", "pg_wal/RECOVERYXLOG")
                .replace("%%", "%");
        Process shell = new ProcessBuilder("sh", "-c", expanded).directory(data.getParent().toFile()).start();

        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).isZero();
        assertThat(data.resolve("RECOVERYXLOG")).hasContent("segment");
    }

    @Test
    void shouldAppendRecoverySettingsThatTurnArchivingOffAndSignalRecovery(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("postgresql.auto.conf"), "archive_command = 'cp %p /live/%f'\n");
        Files.writeString(data.resolve("postmaster.pid"), "12345\n");

        RecoverySettings.write(data, Path.of("/archive"), Instant.parse("2025-01-02T14:05:06Z"));

        assertThat(data.resolve("recovery.signal")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(Files.readString(data.resolve("postgresql.auto.conf")))
                .startsWith("archive_command = 'cp %p /live/%f'\n")
                .contains("restore_command = 'cp ''/archive''/%f %p'\n")
                .contains("recovery_target_time = '2025-01-02T14:05:06.000000+00:00'\n")
                .contains("recovery_target_action = 'promote'\n")
                .endsWith("archive_mode = 'off'\narchive_command = ''\n");
    }
}
