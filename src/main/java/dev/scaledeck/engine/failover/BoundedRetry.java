package dev.scaledeck.engine.failover;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Runs an attempt again after a failure, bounded by attempts <em>and</em> total time. A
 * Resilience4j {@link Retry} decides whether to go on and how long to wait (exponential backoff
 * with jitter, from {@link FailoverConfig}); the waits go through a {@link Sleeper} and time is
 * read from the {@link Clock}, so tests record the waits and move a fake clock instead of
 * sleeping. A wait that would end past {@link FailoverConfig#maxTotalTime()} is not started.
 *
 * <p>Thread-safe: each call has a retry context of its own.
 *
 * @param <T> what an attempt returns
 */
public final class BoundedRetry<T> {

    /** One try; {@code remaining} is the time left in the total budget, to cut the attempt's own timeout. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call(int attempt, Duration remaining) throws Exception;
    }

    private final Retry retry;
    private final Predicate<T> retryOnResult;
    private final Predicate<Throwable> retryOnError;
    private final Duration maxTotalTime;
    private final Clock clock;
    private final Sleeper sleeper;

    public BoundedRetry(String name, FailoverConfig config, Predicate<T> retryOnResult, Predicate<Throwable> retryOnError,
                        Clock clock, Sleeper sleeper) {
        this.retryOnResult = retryOnResult;
        this.retryOnError = retryOnError;
        this.maxTotalTime = config.maxTotalTime();
        this.clock = clock;
        this.sleeper = sleeper;
        RetryConfig retryConfig = RetryConfig.<T>custom()
                .maxAttempts(config.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(config.initialBackoff().toMillis(),
                        config.backoffMultiplier(), config.jitter()))
                .retryOnResult(retryOnResult)
                .retryOnException(retryOnError)
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of(name, retryConfig);
    }

    /**
     * Calls {@code attempt} until it succeeds, fails in a way not worth retrying, or the attempts
     * or the time run out. A result that is worth retrying (a 503) is returned as it is when no
     * retry is left.
     *
     * @param retryAllowed false calls exactly once (a request that is not safe to repeat)
     * @throws RetryExhaustedException when the last attempt failed and attempts or time ran out
     * @throws Exception               a failure that is not retried, as it was thrown
     */
    public T execute(Attempt<T> attempt, boolean retryAllowed) throws Exception {
        Instant start = clock.instant();
        if (!retryAllowed) {
            return attempt.call(1, maxTotalTime);
        }
        Retry.AsyncContext<T> context = retry.asyncContext();
        for (int n = 1; ; n++) {
            Duration remaining = maxTotalTime.minus(elapsed(start));
            T result;
            try {
                result = attempt.call(n, remaining);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!retryOnError.test(e)) {
                    throw e;
                }
                long wait = context.onError(e);
                if (wait < 0) {
                    throw new RetryExhaustedException("gave up after " + n + " attempt(s) in " + text(elapsed(start))
                            + " (at most " + retry.getRetryConfig().getMaxAttempts() + "): " + e.getMessage(),
                            n, elapsed(start), e);
                }
                if (pastBudget(start, wait)) {
                    throw new RetryExhaustedException("gave up after " + n + " attempt(s) in " + text(elapsed(start))
                            + ": waiting " + wait + " ms more would pass the " + text(maxTotalTime)
                            + " limit on total time: " + e.getMessage(), n, elapsed(start), e);
                }
                sleeper.sleep(Duration.ofMillis(wait));
                continue;
            }
            if (!retryOnResult.test(result)) {
                context.onComplete();
                return result;
            }
            long wait = context.onResult(result);
            if (wait < 0 || pastBudget(start, wait)) {
                return result;
            }
            sleeper.sleep(Duration.ofMillis(wait));
        }
    }

    /** The Resilience4j retry, for its metrics and events (each wait is a {@code RetryOnRetryEvent}). */
    public Retry retry() {
        return retry;
    }

    private boolean pastBudget(Instant start, long waitMillis) {
        return elapsed(start).plusMillis(waitMillis).compareTo(maxTotalTime) > 0;
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, clock.instant());
    }

    private static String text(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
