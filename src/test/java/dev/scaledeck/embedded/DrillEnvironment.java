package dev.scaledeck.embedded;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.config.ConfigLoader;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The embedded environment drills run on: two sample instances, no ambient traffic, no backup schedules. */
final class DrillEnvironment {

    private DrillEnvironment() {
    }

    /** @param settings further environment settings, e.g. {@code SCALEDECK_BACKUP_COPIES} */
    static LaunchedEngine launch(Path home, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "SCALEDECK_HOME", home.toString(),
                "SCALEDECK_SAMPLE_INSTANCES", "2",
                "SCALEDECK_AMBIENT_RATE", "0",
                "SCALEDECK_BACKUP_SCHEDULES", "[]"));
        env.putAll(settings);
        return new EnvironmentLauncher(ConfigLoader.load(null, env, Map.of()), false, Clock.systemUTC()).launch(p -> { });
    }
}
