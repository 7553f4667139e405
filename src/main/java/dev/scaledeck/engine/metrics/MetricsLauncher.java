package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.config.MetricsConfig;

import java.util.function.Consumer;

/**
 * Launches the engine with its metrics endpoint, which lives and dies with it: the port is taken
 * before anything starts (a port in use stops the launch at once, naming address and port), the
 * endpoint serves once the engine runs, and closing the launched engine closes the endpoint first.
 */
public final class MetricsLauncher implements EngineLauncher {

    private final EngineLauncher launcher;
    private final MetricsConfig config;

    private MetricsLauncher(EngineLauncher launcher, MetricsConfig config) {
        this.launcher = launcher;
        this.config = config;
    }

    /** {@code launcher} with the endpoint {@code config} asks for; {@code launcher} itself when the port is 0. */
    public static EngineLauncher around(EngineLauncher launcher, MetricsConfig config) {
        return config.enabled() ? new MetricsLauncher(launcher, config) : launcher;
    }

    /** @throws MetricsEndpointException when the endpoint cannot listen where configured */
    @Override
    public LaunchedEngine launch(Consumer<String> progress) throws Exception {
        MetricsEndpoint endpoint = MetricsEndpoint.bind(config.address(), config.hostAndPort());
        LaunchedEngine launched;
        try {
            launched = launcher.launch(progress);
        } catch (Exception | Error e) {
            endpoint.close();
            throw e;
        }
        try {
            EngineMetrics metrics = new EngineMetrics(launched.engine());
            endpoint.start(metrics);
            return new ExposedEngine(launched, endpoint, metrics);
        } catch (RuntimeException | Error e) {
            endpoint.close();
            launched.close();
            throw e;
        }
    }
}
