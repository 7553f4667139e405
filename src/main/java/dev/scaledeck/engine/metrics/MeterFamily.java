package dev.scaledeck.engine.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One metric name and its series (one per label set), whose values are set from an engine
 * snapshot once per scrape: an instance that appears gets its series, one that is gone loses it.
 * A value not known yet is NaN rather than a missing series, as Prometheus' instrumentation
 * practice asks for series known in advance (a plan not drilled yet, no load test running).
 * Counters hold totals the engine already counts (requests since an instance was added), so
 * they are function counters over the latest snapshot, not incremented here.
 *
 * <p>Not thread-safe for writers: {@link EngineMetrics} sets families from one thread at a time;
 * the registry reads the values from any thread.
 */
final class MeterFamily {

    enum Kind { GAUGE, COUNTER }

    /** The latest value of one series, read by the registry when it scrapes. */
    private static final class Reading {
        volatile double value;
    }

    private final MeterRegistry registry;
    private final Kind kind;
    private final String name;
    private final String help;
    private final String baseUnit;
    private final Map<Tags, Series> series = new HashMap<>();

    private record Series(Reading reading, Meter meter) {
    }

    /**
     * @param name     dotted, without the unit or {@code _total}: {@code scaledeck.balancer.requests}
     * @param baseUnit {@code seconds}, or null; Prometheus naming appends it to the name
     */
    MeterFamily(MeterRegistry registry, Kind kind, String name, String help, String baseUnit) {
        this.registry = registry;
        this.kind = kind;
        this.name = name;
        this.help = help;
        this.baseUnit = baseUnit;
    }

    /** The family has one series without labels, with this value. */
    void set(double value) {
        set(Map.of(Tags.empty(), value));
    }

    /** The family has exactly these series; a series not among them is removed. */
    void set(Map<Tags, Double> values) {
        for (Map.Entry<Tags, Double> e : values.entrySet()) {
            series.computeIfAbsent(e.getKey(), this::register).reading().value = e.getValue();
        }
        for (Iterator<Map.Entry<Tags, Series>> it = series.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tags, Series> e = it.next();
            if (!values.containsKey(e.getKey())) {
                registry.remove(e.getValue().meter());
                it.remove();
            }
        }
    }

    private Series register(Tags tags) {
        Reading reading = new Reading();
        Meter meter = switch (kind) {
            case GAUGE -> Gauge.builder(name, reading, r -> r.value).tags(tags).description(help)
                    .baseUnit(baseUnit).strongReference(true).register(registry);
            case COUNTER -> FunctionCounter.builder(name, reading, r -> r.value).tags(tags).description(help)
                    .baseUnit(baseUnit).register(registry);
        };
        return new Series(reading, meter);
    }
}
