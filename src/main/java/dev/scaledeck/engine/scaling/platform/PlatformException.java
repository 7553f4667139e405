package dev.scaledeck.engine.scaling.platform;

/**
 * A platform call that failed: the platform refused it, or could not be reached. The message
 * names the platform, what was asked and why it failed, e.g. {@code kubernetes: scale
 * Deployment shop/web to 4 failed: deployments.apps "web" not found}.
 */
public final class PlatformException extends RuntimeException {

    private final String platform;
    private final boolean retryable;

    /**
     * @param retryable whether the same call may succeed later (a timeout, a refused connection,
     *                  a conflict) rather than never (not found, forbidden, bad request)
     */
    public PlatformException(String platform, String operation, String reason, boolean retryable, Throwable cause) {
        super(platform + ": " + operation + " failed: " + reason, cause);
        this.platform = platform;
        this.retryable = retryable;
    }

    public String platform() {
        return platform;
    }

    public boolean retryable() {
        return retryable;
    }
}
