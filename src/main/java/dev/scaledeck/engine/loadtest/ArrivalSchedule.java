package dev.scaledeck.engine.loadtest;

/**
 * When each arrival of an open-model run is due: the rate moves linearly from {@code from} to
 * {@code to} requests/s over the duration (constant when they are equal). Arrival {@code i}
 * (from 0) is due when the arrivals offered so far, {@code N(t) = from·t + (to-from)·t²/(2·D)},
 * reach {@code i}; so a run offers exactly {@code ceil(N(D))} arrivals, none of them lost to
 * rounding. Immutable; thread-safe.
 */
final class ArrivalSchedule {

    private final double from;
    private final double to;
    private final double seconds;
    /** Half the rate's slope: N(t) = from·t + halfSlope·t². */
    private final double halfSlope;

    ArrivalSchedule(double fromPerSecond, double toPerSecond, double durationSeconds) {
        this.from = fromPerSecond;
        this.to = toPerSecond;
        this.seconds = durationSeconds;
        this.halfSlope = (toPerSecond - fromPerSecond) / (2 * durationSeconds);
    }

    static ArrivalSchedule of(Workload workload, double durationSeconds) {
        if (workload instanceof Workload.ConstantRate c) {
            return new ArrivalSchedule(c.perSecond(), c.perSecond(), durationSeconds);
        }
        if (workload instanceof Workload.RampingRate r) {
            return new ArrivalSchedule(r.fromPerSecond(), r.toPerSecond(), durationSeconds);
        }
        throw new IllegalArgumentException("not an arrival-rate workload: " + workload.describe());
    }

    /** Arrivals due before the end. */
    long arrivals() {
        double n = from * seconds + halfSlope * seconds * seconds;
        return (long) Math.ceil(n - 1e-9);
    }

    /** When arrival {@code i} is due, in nanoseconds from the start. */
    long dueNanos(long i) {
        // the root of halfSlope·t² + from·t - i = 0 written so it holds for any slope, zero included
        double t = 2.0 * i / (from + Math.sqrt(from * from + 4 * halfSlope * i));
        return i == 0 ? 0 : (long) (t * 1e9);
    }

    /** The rate asked for at this moment of the run, requests/s. */
    double rateAt(double elapsedSeconds) {
        double t = Math.min(Math.max(elapsedSeconds, 0), seconds);
        return from + (to - from) * t / seconds;
    }
}
