package dev.scaledeck.engine.balancer;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies the outcome of a completed {@link Pick}: the instance's traffic figures, its circuit
 * breaker (only when the pick held a breaker permit), passive outlier detection, and finally the
 * in-flight count, so a drain completes only after the last request is fully accounted for.
 * Thread-safe; lock-free except when an ejection is decided.
 */
final class PickOutcomes {

    private final OutlierDetector outliers;
    private final Supplier<List<Backend>> all;
    private final Runnable onEjection;

    PickOutcomes(OutlierDetector outliers, Supplier<List<Backend>> all, Runnable onEjection) {
        this.outliers = outliers;
        this.all = all;
        this.onEjection = onEjection;
    }

    /** @param failure null for a success */
    void complete(Backend b, boolean breakerPermit, FailureKind failure, Duration latency) {
        try {
            boolean instanceFault = failure != null && failure.instanceFault();
            b.traffic.record(latency, instanceFault);
            if (breakerPermit) {
                if (instanceFault) {
                    b.breaker.onFailure(latency, failure);
                } else {
                    b.breaker.onSuccess(latency);
                }
            }
            if (!instanceFault) {
                outliers.onSuccess(b);
            } else if (outliers.onFailure(b, failure, all.get())) {
                onEjection.run();
            }
        } finally {
            b.release();
        }
    }
}
