package dev.scaledeck.engine.scaling;

import dev.scaledeck.engine.scaling.platform.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Runs a platform call with retries: a {@link PlatformException} marked retryable (a timeout,
 * a refused connection, a conflict) is tried again after a doubling pause; anything else fails
 * at once. Each failed attempt is logged; the caller turns the final failure into an event and
 * an alert.
 */
final class PlatformCalls {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCalls.class);

    /** Pauses between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int attempts;
    private final Duration firstPause;
    private final Sleeper sleeper;

    PlatformCalls(int attempts, Duration firstPause, Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, but was " + attempts);
        }
        this.attempts = attempts;
        this.firstPause = firstPause;
        this.sleeper = sleeper;
    }

    /**
     * @return how many attempts it took
     * @throws PlatformException the last failure, when every attempt failed or one could not be retried
     */
    int run(String what, Runnable call) {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return attempt;
            } catch (PlatformException e) {
                if (!e.retryable() || attempt == attempts) {
                    throw e;
                }
                LOG.warn("{} failed (attempt {} of {}), retrying in {}: {}", what, attempt, attempts,
                        DecisionPipeline.human(pause), e.getMessage());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2);
            }
        }
    }
}
