package dev.scaledeck.engine.balancer;

import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The application's instances and what their probes say: {@code GET /health} decides UP or
 * DOWN, {@code GET /metrics} (the sample service's JSON or Prometheus text, when the instance
 * has it; see {@link ScrapedMetrics}) adds load figures. Instances can be added and removed at
 * runtime. Every change of state is an {@link EngineEvent}. Thread-safe.
 */
public final class InstanceMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceMonitor.class);

    private final Clock clock;
    private final EventJournal journal;
    private final Duration interval;
    private final HttpClient http;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private ScheduledFuture<?> task;

    private static final class Entry {
        final InstanceSpec spec;
        volatile InstanceStatus status;
        /** The previous scrape, for rates; guarded by the entry's monitor. */
        final MetricsScraper scraper;

        Entry(InstanceSpec spec, InstanceStatus status) {
            this.spec = spec;
            this.status = status;
            this.scraper = new MetricsScraper(spec.id());
        }
    }

    /**
     * @param clock    the engine clock, for states and events
     * @param journal  where changes of state go
     * @param interval between probe rounds once {@link #start started}
     * @param io       runs the HTTP client
     */
    public InstanceMonitor(Clock clock, EventJournal journal, Duration interval, ExecutorService io) {
        this(clock, journal, interval, io, System::nanoTime);
    }

    /** As the public constructor, with the monotonic clock that rates are measured on (tests move it). */
    InstanceMonitor(Clock clock, EventJournal journal, Duration interval, ExecutorService io, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.journal = journal;
        this.interval = interval;
        this.http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** Adds an instance (or replaces the one with the same id). */
    public void add(InstanceSpec spec) {
        entries.put(spec.id(), new Entry(spec, InstanceStatus.unknown(spec, clock.instant())));
        journal.record(new EngineEvent(clock.instant(), "instance", "added", spec.id(),
                "Instance " + spec.id() + " at " + spec.url() + " (weight " + spec.weight() + ") added"));
    }

    /** Removes an instance; returns whether it was there. */
    public boolean remove(String id) {
        Entry removed = entries.remove(id);
        if (removed != null) {
            journal.record(new EngineEvent(clock.instant(), "instance", "removed", id, "Instance " + id + " removed"));
        }
        return removed != null;
    }

    /** Every instance as last probed, by id. A snapshot. */
    public List<InstanceStatus> snapshot() {
        List<InstanceStatus> list = new ArrayList<>();
        entries.values().forEach(e -> list.add(e.status));
        list.sort(Comparator.comparing(InstanceStatus::id));
        return List.copyOf(list);
    }

    public synchronized void start(ScheduledExecutorService scheduler) {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::probeAllSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probeAllSafely() {
        try {
            probeAll().get(interval.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Instance probe round did not finish: {}", e.toString());
        }
    }

    /** Probes every instance once; completes when all have answered or timed out. */
    public CompletableFuture<Void> probeAll() {
        List<CompletableFuture<Void>> probes = new ArrayList<>();
        for (Entry e : entries.values()) {
            probes.add(probe(e));
        }
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> probe(Entry e) {
        Duration timeout = Duration.ofMillis(Math.max(500, interval.toMillis()));
        return get(e.spec.url(), "health", timeout).handle((health, error) -> {
            if (error != null) {
                return new Object[] {InstanceState.DOWN, describe(error)};
            }
            return health.statusCode() / 100 == 2
                    ? new Object[] {InstanceState.UP, "health " + health.statusCode()}
                    : new Object[] {InstanceState.DOWN, "health answered HTTP " + health.statusCode()};
        }).thenCompose(result -> get(e.spec.url(), "metrics", timeout)
                .handle((metrics, error) -> {
                    update(e, (InstanceState) result[0], (String) result[1],
                            error == null && metrics.statusCode() == 200 ? metrics : null);
                    return null;
                }));
    }

    private CompletableFuture<HttpResponse<String>> get(URI base, String path, Duration timeout) {
        URI uri = base.resolve(base.getPath().endsWith("/") ? path : base.getPath() + "/" + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void update(Entry e, InstanceState state, String reason, HttpResponse<String> metricsResponse) {
        Instant now = clock.instant();
        InstanceStatus previous = e.status;
        ScrapedMetrics m = metricsResponse == null ? ScrapedMetrics.UNKNOWN : scrape(e, metricsResponse);
        Instant since = previous.state() == state ? previous.since() : now;
        e.status = new InstanceStatus(e.spec, state, reason, since, m.requestsPerSecond(), m.inFlight(),
                m.errorsTotal(), m.utilization(), m.latencyP50Ms(), m.latencyP95Ms(), m.cpuPercent(), m.memoryPercent());
        if (previous.state() != state && entries.get(e.spec.id()) == e) {
            journal.record(new EngineEvent(now, "instance", state == InstanceState.UP ? "up" : "down", e.spec.id(),
                    "Instance " + e.spec.id() + " is " + state + ": " + reason));
        }
    }

    private ScrapedMetrics scrape(Entry e, HttpResponse<String> response) {
        try {
            synchronized (e) {
                return e.scraper.read(response.headers().firstValue("Content-Type").orElse(null), response.body(),
                        nanoTime.getAsLong());
            }
        } catch (Exception ex) {
            LOG.debug("Instance {} metrics unreadable: {}", e.spec.id(), ex.toString());
            return ScrapedMetrics.UNKNOWN;
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                // The JDK client reports a refused connect as either, depending on timing.
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "health check timed out";
            }
            root = t;
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
