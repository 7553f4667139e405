package dev.scaledeck.engine;

/**
 * A source of traffic the environment offers, whose rate the operator can turn up and down
 * (the embedded environment's background traffic over the sample instances), so the effect of
 * load on the balancer and the auto-scaler can be seen without another tool. Thread-safe.
 */
public interface TrafficDial {

    /** Requests per second now; 0 when off. */
    double rate();

    /**
     * Changes the rate from now on.
     *
     * @throws IllegalArgumentException when below 0 or above {@link #maxRate()}, naming the value
     */
    void setRate(double requestsPerSecond);

    /** The highest rate {@link #setRate} takes. */
    double maxRate();

    /** What a rate means for the instances, for the operator (e.g. how much fills one); may be empty. */
    default String hint() {
        return "";
    }
}
