package dev.scaledeck.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What each scaling platform needs to find what it scales. Only the chosen platform's part is
 * used. Immutable.
 */
public record PlatformSettings(Kubernetes kubernetes, Swarm swarm, Vercel vercel) {

    /**
     * @param namespace  the Deployment's namespace; empty: the kubeconfig's
     * @param deployment the Deployment's name
     * @param context    the kubeconfig context; empty: the current one
     * @param port       the port the pods serve on
     */
    public record Kubernetes(Optional<String> namespace, String deployment, Optional<String> context, int port) {
    }

    /**
     * @param host    the Docker Engine API: {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
     * @param service the Swarm service's name
     * @param port    the port its tasks serve on
     */
    public record Swarm(String host, String service, int port) {
    }

    /**
     * @param functions   the functions glob in vercel.json
     * @param maxDuration the function time limit
     * @param memoryMb    the function memory, when set
     * @param file        the vercel.json to write
     */
    public record Vercel(String functions, Duration maxDuration, OptionalInt memoryMb, Path file) {
    }
}
