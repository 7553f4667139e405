package dev.scaledeck.engine.config;

/**
 * One setting's text as the operator gave it, and where it came from, so a rejection can
 * name the setting the way the operator wrote it.
 *
 * @param text   the value as written
 * @param origin the setting as named at its source, e.g. {@code SUPABASE_MAX_CONNECTIONS}
 *               or {@code pool.maxConnections (scaledeck.yaml)}
 */
public record RawValue(String text, String origin) {

    ConfigException reject(String allowed) {
        return new ConfigException(origin, text, allowed);
    }
}
