package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.health.HealthCheckService;
import dev.scaledeck.engine.health.HealthReport;
import dev.scaledeck.engine.health.HealthResult;
import dev.scaledeck.engine.health.HealthStatus;
import io.micrometer.core.instrument.Tags;

import java.util.Map;

/** The latest round of health checks (a scrape never starts a round). */
final class HealthMeters implements MeterGroup {

    private final HealthCheckService health;
    private final MeterFamily overall;
    private final MeterFamily checks;
    private final MeterFamily durations;

    HealthMeters(Families f, HealthCheckService health) {
        this.health = health;
        overall = f.gauge("health.status", "The application's health: 1 up, 0.5 degraded, 0 down");
        checks = f.gauge("health.check.status", "Each health check: 1 up, 0.5 degraded, 0 down");
        durations = f.seconds("health.check.duration", "How long each health check took in the latest round");
    }

    /** 1 up, 0.5 degraded, 0 down: a dashboard colours it and an alert rule compares it with 1. */
    static double value(HealthStatus status) {
        return switch (status) {
            case UP -> 1;
            case DEGRADED -> 0.5;
            case DOWN -> 0;
        };
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public void refresh() {
        HealthReport report = health.report();
        overall.set(value(report.status()));
        Map<Tags, Double> status = Families.series();
        Map<Tags, Double> took = Families.series();
        for (HealthResult r : report.checks().values()) {
            Tags check = Tags.of("check", r.check());
            status.put(check, value(r.status()));
            took.put(check, Families.seconds(r.latency()));
        }
        checks.set(status);
        durations.set(took);
    }
}
