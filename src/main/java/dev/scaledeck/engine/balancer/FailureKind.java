package dev.scaledeck.engine.balancer;

/** Why a request sent to a picked instance failed; decides who is to blame. */
public enum FailureKind {
    /** The connection was refused or could not be opened in time. */
    CONNECT(true, true),
    /** No response within the request timeout. */
    TIMEOUT(true, true),
    /** The instance answered 5xx. */
    HTTP_5XX(true, true),
    /** The instance answered 4xx: the caller's fault, so it counts as a served request. */
    HTTP_4XX(false, false),
    /** Anything else (a broken body, a protocol error): counts against the breaker, not as an outlier. */
    OTHER(true, false);

    private final boolean instanceFault;
    private final boolean outlierSignal;

    FailureKind(boolean instanceFault, boolean outlierSignal) {
        this.instanceFault = instanceFault;
        this.outlierSignal = outlierSignal;
    }

    /** Whether the failure is held against the instance (its error count and circuit breaker). */
    public boolean instanceFault() {
        return instanceFault;
    }

    /** Whether the failure counts towards passive outlier ejection (consecutive 5xx, connect, timeout). */
    public boolean outlierSignal() {
        return outlierSignal;
    }
}
