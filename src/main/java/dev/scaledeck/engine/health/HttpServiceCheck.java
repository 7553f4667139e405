package dev.scaledeck.engine.health;

import dev.scaledeck.engine.config.DatabaseUrl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * An external HTTP service the application depends on: {@code GET url} must answer 2xx (UP),
 * and within {@link HealthConfig#httpDegradedAbove()} (else DEGRADED); any other status, a
 * refused connection or no answer within the check timeout is DOWN. Thread-safe.
 */
public final class HttpServiceCheck implements HealthCheck {

    private final String name;
    private final URI url;
    private final String shown;
    private final boolean critical;
    private final HealthConfig config;
    private final Clock clock;
    private final HttpClient http;

    public HttpServiceCheck(String name, URI url, boolean critical, HealthConfig config, Clock clock) {
        this.name = name;
        this.url = url;
        this.shown = DatabaseUrl.maskPasswords(url.toString());
        this.critical = critical;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.checkTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean critical() {
        return critical;
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.checkTimeout()).GET().build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int status = response.statusCode();
            Map<String, Object> details = Map.of("status", status, "url", shown, "millis", took.toMillis());
            String answered = "GET " + shown + " answered " + status + " in " + Formats.text(took);
            Duration limit = config.httpDegradedAbove();
            if (status < 200 || status > 299) {
                return result(HealthStatus.DOWN, answered + " (expected 2xx)", took, details);
            }
            if (took.compareTo(limit) > 0) {
                return result(HealthStatus.DEGRADED, answered + ", slower than the " + Formats.text(limit) + " limit",
                        took, details);
            }
            return result(HealthStatus.UP, answered + " (limit " + Formats.text(limit) + ")", took, details);
        } catch (IOException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String target = url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : defaultPort());
            return result(HealthStatus.DOWN, NetworkErrors.describe(e, target, config.checkTimeout()) + " (GET " + shown + ")",
                    took, Map.of("url", shown));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(HealthStatus.DOWN, "check interrupted (GET " + shown + ")",
                    Duration.ofNanos(System.nanoTime() - start), Map.of("url", shown));
        }
    }

    private int defaultPort() {
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private HealthResult result(HealthStatus status, String message, Duration took, Map<String, Object> details) {
        return new HealthResult(name, status, message, took, clock.instant(), details);
    }
}
