package dev.scaledeck.cli;

import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.config.Setting;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command takes: {@code --config}, {@code --home}, {@code --set key=value}. */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./scaledeck.yaml when present).")
    Path config;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Data directory (overrides SCALEDECK_HOME; default ~/.scaledeck).")
    String home;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set pool.maxConnections=40 (repeatable; keys as in scaledeck.yaml).")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Loads the configuration: defaults &lt; file &lt; environment &lt; these flags. */
    ScalingConfig load(Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (home != null) {
            flags.put(Setting.HOME.key(), home);
        }
        return ConfigLoader.load(config, env, flags);
    }
}
