package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.backup.BackupCenter;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.util.Objects;
import java.util.Optional;

/** Makes the {@link FaultDrill} for a plan's fault on this engine. */
public final class DrillFaults {

    private DrillFaults() {
    }

    /**
     * @param database the database server when the environment manages it (needed for database-down)
     * @throws IllegalStateException naming what is missing when this fault cannot be drilled here
     */
    public static FaultDrill create(DrillFault fault, ScalingEngine engine, Optional<ManagedDatabase> database) {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(database, "database");
        return switch (fault) {
            case DATABASE_DOWN -> new DatabaseDownDrill(engine, database.orElseThrow(() -> new IllegalStateException(
                    "no managed database: database-down drills stop and start the embedded PostgreSQL that this "
                            + "process runs, and " + engine.pool().maskedUrl() + " is not one")));
            case INSTANCE_CRASH -> new InstanceCrashDrill(engine, stoppingPlatform(engine));
            case USER_DATA_DAMAGED -> {
                BackupCenter.PitrSupport pitr = engine.backups().pitrSupport();
                if (!pitr.available()) {
                    throw new IllegalStateException("point-in-time recovery unavailable: " + pitr.reason());
                }
                yield new UserDataDrill(engine);
            }
            case BACKUP_REPOSITORY_LOST -> {
                if (engine.backups().config().copies().isEmpty()) {
                    throw new IllegalStateException("no secondary repository configured (backup.copies): the plan "
                            + "would have nothing to bring the lost backups back from");
                }
                yield new RepositoryLossDrill(engine);
            }
        };
    }

    private static ScalingPlatform stoppingPlatform(ScalingEngine engine) {
        ScalingPlatform platform = engine.platform().orElseThrow(() -> new IllegalStateException(
                "no platform to crash an instance on: " + engine.autoScaler().missingPlatformReason()));
        if (!platform.canStopInstances()) {
            throw new IllegalStateException("the " + platform.name() + " platform cannot stop instances");
        }
        return platform;
    }
}
