package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of a runbook. Immutable.
 *
 * @param name         what the step is for, in the operator's words
 * @param action       what it does
 * @param timeout      how long one attempt may take
 * @param retries      further attempts after a failed one (0 = one attempt)
 * @param retryDelay   pause between attempts
 * @param onFailure    what the run does when every attempt failed
 * @param compensation steps run when {@code onFailure} is {@link OnFailure#COMPENSATE}
 * @param line         the line of the step in its YAML file (for messages), 0 when built in code
 */
public record PlanStep(String name, StepAction action, Duration timeout, int retries, Duration retryDelay,
                       OnFailure onFailure, List<PlanStep> compensation, int line) {

    public PlanStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(onFailure, "onFailure");
        compensation = List.copyOf(compensation);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, but was " + retries);
        }
    }
}
