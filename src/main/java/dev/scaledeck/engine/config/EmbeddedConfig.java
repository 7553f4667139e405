package dev.scaledeck.engine.config;

/**
 * The embedded environment.
 *
 * @param sampleInstances how many sample converter instances to start
 * @param ambientRate     background requests per second over them; 0 turns it off
 */
public record EmbeddedConfig(int sampleInstances, double ambientRate) {
}
