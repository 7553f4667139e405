package dev.scaledeck.engine.scaling;

/** Where the auto-scaler reads metrics ({@code scaling.metrics}). */
public enum MetricsSourceKind {
    /** Each instance's {@code /metrics}: the sample service's JSON or Prometheus text. */
    INSTANCES,
    /** The Kubernetes metrics API (metrics-server), as the HPA reads it. */
    KUBERNETES
}
