package dev.scaledeck.engine.config;

import java.time.Duration;

/**
 * The embedded environment.
 *
 * @param sampleInstances how many sample converter instances to start
 * @param ambientRate     background requests per second over them; 0 turns it off
 * @param serviceTime     how long each sample API request holds a worker on top of its own work
 */
public record EmbeddedConfig(int sampleInstances, double ambientRate, Duration serviceTime) {
}
