package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.TrafficDial;
import dev.scaledeck.engine.recovery.ManagedDatabase;

import java.util.Optional;

/** A launched engine with its metrics endpoint; closing it stops the endpoint, then the engine. */
final class ExposedEngine implements LaunchedEngine {

    private final LaunchedEngine launched;
    private final MetricsEndpoint endpoint;
    private final EngineMetrics metrics;

    ExposedEngine(LaunchedEngine launched, MetricsEndpoint endpoint, EngineMetrics metrics) {
        this.launched = launched;
        this.endpoint = endpoint;
        this.metrics = metrics;
    }

    @Override
    public ScalingEngine engine() {
        return launched.engine();
    }

    @Override
    public String description() {
        return launched.description();
    }

    @Override
    public Optional<TrafficDial> traffic() {
        return launched.traffic();
    }

    @Override
    public Optional<ManagedDatabase> managedDatabase() {
        return launched.managedDatabase();
    }

    @Override
    public void close() {
        endpoint.close();
        metrics.close();
        launched.close();
    }
}
