package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Active health checks for the balancer's instances: {@code GET {url}/health} every
 * {@code probeInterval} with {@code probeTimeout}; {@code unhealthyThreshold} failures in a row
 * make an instance UNHEALTHY, {@code healthyThreshold} successes in a row make it HEALTHY again
 * (through slow start). A probe succeeds on a 2xx answer. Draining instances are not probed.
 * Thread-safe; the schedule survives any failing round.
 */
public final class HealthProber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthProber.class);

    private final LoadBalancer balancer;
    private final BalancerConfig config;
    private final HttpClient http;
    /**
     * Per instance as the balancer holds it (identity, not id): an instance removed and added
     * again under the same id between two rounds starts a new streak, as it starts HEALTHY.
     */
    private final Map<Backend, ProbeStreak> streaks = new ConcurrentHashMap<>();
    private ScheduledFuture<?> task;

    /**
     * @param balancer whose instances to probe and tell
     * @param io       runs the HTTP client's work
     */
    public HealthProber(LoadBalancer balancer, ExecutorService io) {
        this.balancer = Objects.requireNonNull(balancer, "balancer");
        this.config = balancer.config();
        this.http = HttpClient.newBuilder()
                .executor(Objects.requireNonNull(io, "io"))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.probeTimeout())
                .build();
    }

    /** Probes every {@code probeInterval} on the scheduler, first at once. A second call does nothing. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::probeAllSafely, 0,
                    config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probeAllSafely() {
        try {
            probeAll().get(config.probeTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Never let an exception escape: it would cancel the schedule for good.
            LOG.warn("Health probe round did not finish: {}", e.toString());
        }
    }

    /**
     * Probes every instance that is not draining once and applies the verdicts; completes when
     * all have answered or timed out (never exceptionally).
     */
    public CompletableFuture<Void> probeAll() {
        List<Backend> targets = balancer.backends();
        streaks.keySet().removeIf(b -> !targets.contains(b));
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (Backend b : targets) {
            if (b.health.state().servesInPanic()) {
                probes.add(probe(b));
            }
        }
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> probe(Backend b) {
        HttpRequest request = HttpRequest.newBuilder(healthUri(b.spec.url())).timeout(config.probeTimeout()).GET().build();
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            try {
                if (error != null) {
                    record(b, false, describe(error));
                } else if (response.statusCode() / 100 == 2) {
                    record(b, true, "HTTP " + response.statusCode());
                } else {
                    record(b, false, "health answered HTTP " + response.statusCode());
                }
            } catch (RuntimeException e) {
                LOG.warn("Applying the health probe of instance {} failed", b.id(), e);
            }
            return null;
        });
    }

    private void record(Backend b, boolean ok, String detail) {
        ProbeStreak streak = streaks.computeIfAbsent(b, k -> new ProbeStreak());
        String verdict = streak.add(ok, detail, config.unhealthyThreshold(), config.healthyThreshold());
        if (verdict != null) {
            balancer.probeVerdict(b, ok, verdict);
        }
    }

    static URI healthUri(URI base) {
        String path = base.getPath() == null ? "" : base.getPath();
        return base.resolve(path.endsWith("/") ? path + "health" : path + "/health");
    }

    private String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connect timed out";
            }
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                // The JDK client reports a refused connect as either, depending on timing.
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer within " + Durations.format(config.probeTimeout());
            }
            if (t.getCause() == null) {
                return t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
            }
        }
        return "probe failed";
    }

    /** Stops probing. Idempotent; probes under way finish on their own within the probe timeout. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /**
     * Consecutive probe results of one instance and the verdict they support. The verdict starts
     * healthy, as instances join the balancer HEALTHY. Thread-safe.
     */
    static final class ProbeStreak {
        private boolean healthy = true;
        private int run;

        /** @return a reason when this result flips the verdict, otherwise null */
        synchronized String add(boolean ok, String detail, int unhealthyThreshold, int healthyThreshold) {
            if (ok == healthy) {
                run = 0;
                return null;
            }
            run++;
            if (ok && run >= healthyThreshold) {
                healthy = true;
                run = 0;
                return healthyThreshold + " consecutive successful health probes";
            }
            if (!ok && run >= unhealthyThreshold) {
                healthy = false;
                run = 0;
                return unhealthyThreshold + " consecutive failed health probes (last: " + detail + ")";
            }
            return null;
        }
    }
}
