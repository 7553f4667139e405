package dev.scaledeck.engine.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where scaling acts ({@code DEPLOYMENT_PLATFORM}). */
public enum Platform {
    LOCAL("local"),
    KUBERNETES("kubernetes"),
    DOCKER_SWARM("docker-swarm"),
    VERCEL("vercel");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static Platform parse(String text) {
        return Arrays.stream(values())
                .filter(p -> p.id.equalsIgnoreCase(text.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(allowed()));
    }

    static String allowed() {
        return "one of " + Arrays.stream(values()).map(Platform::id).collect(Collectors.joining(", "));
    }
}
