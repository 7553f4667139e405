package dev.scaledeck.engine.scaling;

import java.util.List;

/**
 * Where the auto-scaler gets per-instance metrics from: the instances' own {@code /metrics}
 * (the sample service's JSON or Prometheus text), or the Kubernetes metrics API.
 * Implementations are thread-safe.
 */
public interface MetricsSource {

    /** Short name for the window and reasons, e.g. {@code instances}, {@code kubernetes metrics API}. */
    String name();

    /**
     * The latest metrics of every instance that reported; instances that did not are left out.
     *
     * @throws RuntimeException naming the source and the cause when nothing could be read
     */
    List<InstanceMetrics> collect();
}
