package dev.scaledeck.engine.config;

/**
 * A configuration value that cannot be used. The message always names the setting (as the
 * operator wrote it: environment variable, YAML key or flag), the rejected value and what
 * is allowed, so it can be shown as-is, without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    private final String setting;
    private final String value;

    public ConfigException(String setting, String value, String allowed) {
        super(setting + " = '" + value + "' is not valid: " + allowed);
        this.setting = setting;
        this.value = value;
    }

    /** A problem that is not about one value (an unreadable file, say). */
    public ConfigException(String message) {
        super(message);
        this.setting = null;
        this.value = null;
    }

    /** The setting as the operator named it, or null when the problem is not one value. */
    public String setting() {
        return setting;
    }

    public String value() {
        return value;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Shown to operators as one line; a stack trace would only hide the message.
        return this;
    }
}
