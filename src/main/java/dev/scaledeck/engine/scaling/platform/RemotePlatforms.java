package dev.scaledeck.engine.scaling.platform;

import dev.scaledeck.engine.config.AutoScalingConfig;
import dev.scaledeck.engine.config.PlatformSettings;
import dev.scaledeck.engine.scaling.MetricsSource;
import dev.scaledeck.engine.scaling.MetricsSourceKind;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Builds the platform {@code scaling.platform} names when it is not {@code local} (the local
 * one comes from the embedded environment): a Kubernetes Deployment through the operator's
 * kubeconfig, a Swarm service through the Docker Engine API, or Vercel, whose function limits
 * are written to vercel.json here.
 */
public final class RemotePlatforms {

    /**
     * A platform, the metrics source that goes with it when configured, and what was done to set
     * it up, for the journal.
     */
    public record Connected(ScalingPlatform platform, Optional<MetricsSource> metrics, List<String> notes) {
    }

    private RemotePlatforms() {
    }

    /**
     * @throws IllegalArgumentException when the kubeconfig, context or Docker host cannot be used, named in the message
     * @throws IOException              when vercel.json cannot be read or written
     */
    public static Connected connect(AutoScalingConfig config, Clock clock) throws IOException {
        PlatformSettings p = config.platforms();
        return switch (config.platform()) {
            case LOCAL -> throw new IllegalArgumentException("the local platform comes from the embedded environment");
            case KUBERNETES -> {
                KubernetesPlatform k8s = KubernetesPlatform.fromKubeconfig(p.kubernetes().context(),
                        p.kubernetes().namespace(), p.kubernetes().deployment(), p.kubernetes().port());
                Optional<MetricsSource> metrics = config.metrics() == MetricsSourceKind.KUBERNETES
                        ? Optional.of(k8s.metricsSource(clock)) : Optional.empty();
                yield new Connected(k8s, metrics, List.of("Scaling " + k8s.target() + " through the kubeconfig"));
            }
            case DOCKER_SWARM -> {
                DockerSwarmPlatform swarm = new DockerSwarmPlatform(DockerEngineClient.fromHost(p.swarm().host()),
                        p.swarm().service(), p.swarm().port());
                yield new Connected(swarm, Optional.empty(), List.of("Scaling " + swarm.target() + " through the Docker "
                        + "Engine API at " + p.swarm().host()));
            }
            case VERCEL -> {
                PlatformSettings.Vercel v = p.vercel();
                VercelFunctionLimits limits = new VercelFunctionLimits(v.functions(), (int) v.maxDuration().toSeconds(),
                        v.memoryMb(), List.of());
                boolean written = limits.writeVercelJson(v.file().toAbsolutePath());
                yield new Connected(new VercelPlatform(), Optional.empty(), List.of(
                        (written ? "Wrote" : "Kept") + " the function limits for " + v.functions() + " (maxDuration "
                                + limits.maxDuration() + " s" + (v.memoryMb().isPresent() ? ", memory "
                                + v.memoryMb().getAsInt() + " MB" : "") + ") in " + v.file().toAbsolutePath()));
            }
        };
    }
}
