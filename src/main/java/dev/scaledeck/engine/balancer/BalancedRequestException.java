package dev.scaledeck.engine.balancer;

/**
 * A request sent through the balancer got no answer: the connection failed, it timed out or the
 * exchange broke. The message says which request, which instance and what went wrong.
 */
public final class BalancedRequestException extends RuntimeException {

    private final String instanceId;
    private final FailureKind kind;

    public BalancedRequestException(String message, String instanceId, FailureKind kind, Throwable cause) {
        super(message, cause);
        this.instanceId = instanceId;
        this.kind = kind;
    }

    /** The instance the request was sent to. */
    public String instanceId() {
        return instanceId;
    }

    /** CONNECT, TIMEOUT or OTHER. */
    public FailureKind kind() {
        return kind;
    }
}
