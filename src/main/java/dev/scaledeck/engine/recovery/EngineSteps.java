package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.engine.health.DatabasePing;
import dev.scaledeck.engine.health.HealthReport;
import dev.scaledeck.engine.health.HealthResult;
import dev.scaledeck.engine.health.HealthStatus;
import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The steps that act on the engine's own parts: health, waits, failover, the database server, scaling, instances. */
final class EngineSteps {

    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    private EngineSteps() {
    }

    static void healthCheck(StepAction.HealthCheck step, StepContext c) throws Exception {
        String target = c.fill(step.target());
        Outcome o = check(target, c.engine());
        c.say(o.detail());
        if (o.passed() != step.expectPass()) {
            throw new StepFailedException(target + (o.passed() ? " passes" : " fails") + ", but the step expects it to "
                    + (step.expectPass() ? "pass" : "fail") + ": " + o.detail());
        }
    }

    static void waitFor(StepAction.Wait step, StepContext c) throws Exception {
        Boolean last = null;
        while (true) {
            Outcome o = condition(step.condition(), c);
            // Said once, and again when the answer changes: a poll a second must not flood the output.
            if (last == null || last != o.passed()) {
                c.say(o.detail());
                last = o.passed();
            }
            if (o.passed()) {
                return;
            }
            Thread.sleep(Math.max(50, step.every().toMillis()));
        }
    }

    static void failover(StepAction.Failover step, StepContext c) throws Exception {
        String target = c.fill(step.target());
        ScalingEngine engine = c.engine();
        FailoverSnapshot s;
        if (target.equals("database")) {
            s = engine.checkDatabaseFailover().orElseThrow(() -> new StepNotApplicableException(
                    "no standby database is configured (DATABASE_SECONDARY_URL), so there is nothing to fail over to"));
        } else {
            s = engine.httpFailover(target).orElseThrow(() -> new StepFailedException("no HTTP service " + target
                    + " with a standby is configured (failover.http)")).checkNow();
        }
        c.say(target + ": " + s.active() + " (" + s.activeEndpoint() + ") takes the work"
                + (s.lastSwitchReason() == null ? "" : "; " + s.lastSwitchReason()));
        if (!s.status(s.active()).healthy()) {
            throw new StepFailedException(target + ": the active endpoint " + s.activeEndpoint()
                    + " does not answer and the other one cannot take over");
        }
    }

    static void startDatabase(StepContext c) throws Exception {
        ManagedDatabase db = c.database().orElseThrow(() -> new StepNotApplicableException(
                "ScaleDeck does not run this database (DATABASE_URL points to a server of its own): start it on its host"));
        if (db.running() && DatabasePing.ping(c.engine().pool().database(), PING_TIMEOUT).reachable()) {
            c.say("the database server is already running and answers");
            return;
        }
        c.say("starting the database server");
        db.start();
        DatabasePing.Result ping = DatabasePing.ping(c.engine().pool().database(), PING_TIMEOUT);
        c.say("database server started: " + ping.message());
        if (!ping.reachable()) {
            throw new StepFailedException("the database server started but does not answer: " + ping.message());
        }
    }

    static void scale(StepAction.Scale step, StepContext c, String who) throws Exception {
        ScalingPlatform platform = c.engine().platform().orElseThrow(() -> new StepFailedException(
                "there is no platform the engine can scale: " + c.engine().autoScaler().missingPlatformReason()));
        int now = platform.replicas().desired();
        int target = targetReplicas(c.fill(step.to()), now, c.values());
        ScalingDecision d = c.engine().autoScaler().scaleTo(target, who);
        c.say(platform.target() + ": " + d.current() + " -> " + d.desired() + " replicas");
    }

    static int targetReplicas(String to, int now, java.util.Map<String, String> values) throws StepFailedException {
        try {
            if (to.equals("back")) {
                return Integer.parseInt(values.getOrDefault("replicas-at-start", Integer.toString(now)));
            }
            if (to.startsWith("+")) {
                return now + Integer.parseInt(to.substring(1));
            }
            return Integer.parseInt(to);
        } catch (NumberFormatException e) {
            throw new StepFailedException("scale to \"" + to + "\" is not N, +N or back");
        }
    }

    static void instance(StepAction.Instance step, StepContext c, String who) throws Exception {
        String wanted = c.fill(step.instance());
        List<InstanceStats> all = c.engine().balancer().stats().instances();
        List<String> ids = wanted.equals("unhealthy")
                ? all.stream().filter(i -> step.eject() ? isDown(i) : operatorEjected(i)).map(InstanceStats::id).toList()
                : List.of(wanted);
        if (ids.isEmpty()) {
            c.say(step.eject() ? "no instance is failing its probes now; nothing to eject" : "no instance is ejected");
            return;
        }
        for (String id : ids) {
            try {
                if (step.eject()) {
                    c.engine().balancer().eject(id, who);
                    c.say("ejected " + id + " from the balancer's rotation");
                } else {
                    c.engine().balancer().restore(id);
                    c.say("restored " + id + " to the rotation (through slow start)");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new StepFailedException(e.getMessage(), e);
            }
        }
    }

    /** Probes failing now, or ejected by outlier detection: an instance that is down, not one an operator took out. */
    static boolean isDown(InstanceStats i) {
        return i.state() == InstanceHealth.UNHEALTHY
                || (i.state() == InstanceHealth.EJECTED && !operatorEjected(i));
    }

    static boolean operatorEjected(InstanceStats i) {
        return i.state() == InstanceHealth.EJECTED && i.reason() != null && i.reason().startsWith("operator");
    }

    record Outcome(boolean passed, String detail) {
    }

    static Outcome check(String target, ScalingEngine engine) throws Exception {
        switch (target) {
            case "database" -> {
                DatabasePing.Result r = DatabasePing.ping(engine.pool().database(), PING_TIMEOUT);
                return new Outcome(r.reachable(), "database: " + r.message());
            }
            case "instances" -> {
                engine.probeInstances().get(10, TimeUnit.SECONDS);
                return instancesHealthy(engine, "all");
            }
            default -> {
                HealthReport report = engine.health().checkNow();
                HealthResult r = report.result(target).orElseThrow(() -> new StepFailedException("no health check "
                        + target + "; the checks are database, instances and " + String.join(", ", engine.health().names())));
                return new Outcome(r.isUp(), target + " " + r.status() + ": " + r.message());
            }
        }
    }

    static Outcome condition(WaitCondition condition, StepContext c) throws Exception {
        ScalingEngine engine = c.engine();
        return switch (condition.kind()) {
            case DATABASE_UP -> check("database", engine);
            case DATABASE_DOWN -> {
                Outcome up = check("database", engine);
                yield new Outcome(!up.passed(), up.detail());
            }
            case INSTANCES_HEALTHY -> instancesHealthy(engine, c.fill(condition.count()));
            case HEALTH_UP -> {
                HealthReport r = engine.health().checkNow();
                yield new Outcome(r.status() == HealthStatus.UP, "health " + r.status()
                        + (r.failing().isEmpty() ? "" : ": failing " + String.join(", ", r.failing())));
            }
        };
    }

    static Outcome instancesHealthy(ScalingEngine engine, String count) throws StepFailedException {
        List<InstanceStats> all = engine.balancer().stats().instances();
        List<InstanceStats> inRotation = all.stream()
                .filter(i -> !operatorEjected(i) && i.state() != InstanceHealth.DRAINING
                        && i.state() != InstanceHealth.REMOVED)
                .toList();
        long healthy = inRotation.stream().filter(i -> i.state() == InstanceHealth.HEALTHY).count();
        List<String> down = inRotation.stream().filter(i -> i.state() != InstanceHealth.HEALTHY)
                .map(i -> i.id() + " " + i.state()).toList();
        String detail = healthy + " of " + inRotation.size() + " instance(s) in rotation healthy"
                + (down.isEmpty() ? "" : " (" + String.join(", ", down) + ")");
        if (count.equals("all")) {
            return new Outcome(healthy >= 1 && down.isEmpty(), detail);
        }
        int wanted;
        try {
            wanted = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new StepFailedException("count \"" + count + "\" is not a number or all");
        }
        return new Outcome(healthy >= wanted, detail + "; " + wanted + " wanted");
    }

    static Optional<String> platformProblem(ScalingEngine engine) {
        return engine.platform().isPresent() ? Optional.empty()
                : Optional.of("no platform the engine can scale: " + engine.autoScaler().missingPlatformReason());
    }
}
