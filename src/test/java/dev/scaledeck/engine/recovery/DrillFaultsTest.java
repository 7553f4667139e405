package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An engine on a plain database, with no platform, no WAL archive and no secondary repository:
 * every fault is refused with what is missing. The drills themselves run on the embedded
 * environment (dev.scaledeck.embedded.*DrillsTest).
 */
class DrillFaultsTest {

    @TempDir
    static Path home;
    private static ScalingEngine engine;

    @BeforeAll
    static void startEngine() {
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString()), Map.of());
        engine = ScalingEngine.start(config, TestPostgres.freshDatabase(), List.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void shouldRefuseDatabaseDownWithoutAManagedDatabase() {
        assertThatThrownBy(() -> DrillFaults.create(DrillFault.DATABASE_DOWN, engine, Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no managed database");
    }

    @Test
    void shouldRefuseInstanceCrashWithoutAPlatform() {
        assertThatThrownBy(() -> DrillFaults.create(DrillFault.INSTANCE_CRASH, engine, Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no platform to crash an instance on");
    }

    @Test
    void shouldRefuseUserDataDamagedWithoutPointInTimeRecovery() {
        assertThatThrownBy(() -> DrillFaults.create(DrillFault.USER_DATA_DAMAGED, engine, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("point-in-time recovery unavailable: Point-in-time recovery needs");
    }

    @Test
    void shouldRefuseBackupRepositoryLostWithoutASecondaryRepository() {
        assertThatThrownBy(() -> DrillFaults.create(DrillFault.BACKUP_REPOSITORY_LOST, engine, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no secondary repository configured (backup.copies)");
    }
}
