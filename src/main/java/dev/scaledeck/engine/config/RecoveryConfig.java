package dev.scaledeck.engine.config;

import dev.scaledeck.engine.recovery.RecoveryMode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Disaster recovery settings. Immutable.
 *
 * @param mode      what detection does when a plan matches
 * @param directory where the operator's own runbooks are
 */
public record RecoveryConfig(RecoveryMode mode, Path directory) {

    public RecoveryConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(directory, "directory");
    }
}
