package dev.scaledeck.engine.failover;

/**
 * The answer of one health probe of an endpoint. Immutable.
 *
 * @param healthy whether the endpoint answered as healthy
 * @param detail  what it said or why it failed, for a person ("HTTP 200 in 3 ms", "connection refused to ...")
 */
public record ProbeResult(boolean healthy, String detail) {

    public static ProbeResult healthy(String detail) {
        return new ProbeResult(true, detail);
    }

    public static ProbeResult failed(String detail) {
        return new ProbeResult(false, detail);
    }
}
