package dev.scaledeck.engine.loadtest;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one run has measured. Recording is wait-free and allocation-free on the request path
 * (HdrHistogram {@link Recorder}, {@link LongAdder}s); {@link #snapshot} drains the latency
 * recorder into a per-second interval histogram and adds it to the run's total. Latency is
 * recorded in microseconds, 1 µs to 1 h, 3 significant digits, for answers and timeouts;
 * connect and other errors end without an answer worth timing and are only counted. Once
 * {@link #close closed}, requests that end are no longer recorded (only their in-flight slot is
 * freed). Thread-safe.
 */
final class Measurements {

    private static final long HIGHEST_MICROS = Duration.ofHours(1).toNanos() / 1000;
    private static final int DIGITS = 3;

    private final List<Check> checks;
    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, DIGITS);
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, DIGITS);
    private final LongAdder requests = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
    private final LongAdder checksPassed = new LongAdder();
    private final LongAdder checksFailed = new LongAdder();
    private final LongAdder missedSends = new LongAdder();
    private final Map<String, LongAdder> perInstance = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean open = true;
    private Histogram interval;
    private long lastRequests;
    private long lastNanos;

    /** @param checks checks on each answer (empty for targets without answers to check) */
    Measurements(List<Check> checks, long startNanos) {
        this.checks = List.copyOf(checks);
        this.lastNanos = startNanos;
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    /** A request is about to be sent. */
    void sending() {
        inFlight.incrementAndGet();
    }

    void answered(long latencyNanos, String instanceId, int status, String body) {
        inFlight.decrementAndGet();
        if (!open) {
            return;
        }
        recorder.recordValue(micros(latencyNanos));
        count(instanceId);
        if (status >= 500 && status <= 599) {
            errors[ErrorKind.HTTP_5XX.ordinal()].increment();
        } else if (status >= 400 && status <= 499) {
            errors[ErrorKind.HTTP_4XX.ordinal()].increment();
        }
        for (int i = 0; i < checks.size(); i++) {
            (checks.get(i).holds(status, body) ? checksPassed : checksFailed).increment();
        }
    }

    /** No answer: every check fails (as k6 checks a missing response). */
    void failed(long latencyNanos, String instanceId, ErrorKind kind) {
        inFlight.decrementAndGet();
        if (!open) {
            return;
        }
        if (kind == ErrorKind.TIMEOUT) {
            recorder.recordValue(micros(latencyNanos));
        }
        count(instanceId);
        errors[kind.ordinal()].increment();
        if (!checks.isEmpty()) {
            checksFailed.add(checks.size());
        }
    }

    /** Arrivals that were not sent on time (open model). */
    void missed(long arrivals) {
        if (open && arrivals > 0) {
            missedSends.add(arrivals);
        }
    }

    private void count(String instanceId) {
        requests.increment();
        if (instanceId != null) {
            LongAdder n = perInstance.get(instanceId);
            if (n == null) {
                n = perInstance.computeIfAbsent(instanceId, id -> new LongAdder());
            }
            n.increment();
        }
    }

    private static long micros(long nanos) {
        return Math.min(Math.max(nanos / 1000, 1), HIGHEST_MICROS);
    }

    /** Stops recording: what ends from now on is not counted. */
    void close() {
        open = false;
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * The run at this moment: the figures of the interval since the last snapshot, the totals so
     * far. Each call starts a new interval.
     */
    synchronized LoadTestSnapshot snapshot(Instant at, Duration elapsed, RunState state, Gauges gauges) {
        long now = System.nanoTime();
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        long done = requests.sum();
        double seconds = Math.max(now - lastNanos, 1) / 1e9;
        double rps = (done - lastRequests) / seconds;
        lastRequests = done;
        lastNanos = now;
        boolean none = interval.getTotalCount() == 0;
        return new LoadTestSnapshot(at, elapsed, state, done, rps,
                none ? Double.NaN : ms(interval.getValueAtPercentile(50)),
                none ? Double.NaN : ms(interval.getValueAtPercentile(90)),
                none ? Double.NaN : ms(interval.getValueAtPercentile(99)),
                none ? Double.NaN : ms(interval.getMaxValue()),
                errors(), inFlight.get(), gauges.activeUsers(), gauges.targetRate(), missedSends.sum(),
                checksPassed.sum(), checksFailed.sum(), perInstance(), gauges.poolWaits());
    }

    /** Everything recorded until the last {@link #snapshot}, for thresholds and the report. */
    synchronized RunTotals totals(double loadSeconds) {
        long done = requests.sum();
        return new RunTotals(done, errors(), missedSends.sum(), checksPassed.sum(), checksFailed.sum(),
                loadSeconds > 0 ? done / loadSeconds : 0, latency(total), perInstance());
    }

    private static LoadTestReport.Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LoadTestReport.Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LoadTestReport.Latency(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), h.getMean() / 1000);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private Map<ErrorKind, Long> errors() {
        Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            byKind.put(kind, errors[kind.ordinal()].sum());
        }
        return byKind;
    }

    private Map<String, Long> perInstance() {
        Map<String, Long> counts = new TreeMap<>();
        perInstance.forEach((id, n) -> counts.put(id, n.sum()));
        return counts;
    }

    /** What the load driver and the target say about the moment: users, rate, pool waits. */
    record Gauges(int activeUsers, double targetRate, long poolWaits) {
    }
}
