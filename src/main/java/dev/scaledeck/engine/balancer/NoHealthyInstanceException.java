package dev.scaledeck.engine.balancer;

/**
 * No instance can take a request: every one is ejected, unhealthy, draining or behind an open
 * circuit breaker (and the panic mode is FAIL_FAST), or none is configured. The message names
 * each instance and why it is out.
 */
public final class NoHealthyInstanceException extends RuntimeException {

    public NoHealthyInstanceException(String message) {
        super(message);
    }
}
