package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.ScalingEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine as Prometheus metrics ({@code scaledeck_} prefix, base units, {@code _total}
 * counters) plus the JVM's: a Micrometer registry of its own (never the global one) whose engine
 * meters are set from the engine's point-in-time snapshots once per scrape. Nothing is pushed per
 * event, and a scrape reads each snapshot once. A part whose snapshot cannot be read (an
 * unreadable backup repository) keeps its previous values and is logged.
 *
 * <p>Thread-safe: scrapes are serialised.
 */
public final class EngineMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<MeterGroup> groups;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Set<String> failing = new HashSet<>();

    public EngineMetrics(ScalingEngine engine) {
        Families f = new Families(registry);
        groups = List.of(
                new PoolMeters(f, () -> engine.pool().stats()),
                new BalancerMeters(f, () -> engine.balancer().stats()),
                new ScalingMeters(f, engine.autoScaler(), engine::platform),
                new LoadTestMeters(f, engine.loadTester()),
                new HealthMeters(f, engine.health()),
                new BackupMeters(f, engine.backups(), engine.clock()),
                new RecoveryMeters(f, engine.recovery()),
                new AlertMeters(f, engine.alerts()));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        refresh();
    }

    /** The Content-Type of what {@link #scrape()} returns: Prometheus text format 0.0.4. */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** Reads the engine's snapshots and returns every metric in the Prometheus text format. */
    public synchronized String scrape() {
        refresh();
        return registry.scrape();
    }

    /** As {@link #scrape()}, written to {@code out}. */
    public synchronized void scrape(OutputStream out) throws IOException {
        refresh();
        registry.scrape(out);
    }

    /** The registry, for binding more meters; its engine meters change only when scraped. */
    public MeterRegistry registry() {
        return registry;
    }

    private void refresh() {
        for (MeterGroup group : groups) {
            try {
                group.refresh();
                if (failing.remove(group.name())) {
                    LOG.info("Metrics of the {} can be read again", group.name());
                }
            } catch (RuntimeException e) {
                if (failing.add(group.name())) {
                    LOG.warn("Metrics of the {} cannot be read; they keep their last values: {}", group.name(),
                            e.toString(), e);
                } else {
                    LOG.debug("Metrics of the {} still cannot be read: {}", group.name(), e.toString());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        gc.close();
        registry.close();
    }
}
