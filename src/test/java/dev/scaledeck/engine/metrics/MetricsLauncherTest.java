package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.MetricsConfig;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.testsupport.TestPostgres;
import dev.scaledeck.ui.fixtures.TestEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoint lives and dies with the engine it was launched with. */
class MetricsLauncherTest {

    @TempDir
    Path home;

    private final AtomicBoolean launched = new AtomicBoolean();

    private ScalingConfig config(int port) {
        return ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(), "LOAD_BALANCER_INSTANCES", "[]",
                "SCALEDECK_METRICS_PORT", Integer.toString(port)), Map.of());
    }

    /** Starts a bare engine on a fresh test database, as an environment would. */
    private EngineLauncher engineOnTestDatabase(ScalingConfig config) {
        return progress -> {
            launched.set(true);
            return TestEngines.launched(ScalingEngine.start(config, TestPostgres.freshDatabase(), List.of(),
                    Clock.systemUTC()), "test database");
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(MetricsConfig config) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(config.url())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeWhileTheEngineRunsAndStopListeningWhenItCloses() throws Exception {
        ScalingConfig config = config(freePort());
        LaunchedEngine running = MetricsLauncher.around(engineOnTestDatabase(config), config.metrics()).launch(p -> { });
        try {
            HttpResponse<String> response = get(config.metrics());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("scaledeck_pool_connections_max 20.0");
        } finally {
            running.close();
        }

        assertThat(running.engine().isClosed()).isTrue();
        assertThatThrownBy(() -> get(config.metrics())).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldStopBeforeStartingAnythingWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ScalingConfig config = config(taken.getLocalPort());

            assertThatThrownBy(() -> MetricsLauncher.around(engineOnTestDatabase(config), config.metrics()).launch(p -> { }))
                    .isInstanceOf(MetricsEndpointException.class)
                    .hasMessageStartingWith("Cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is already in use");
            assertThat(launched).isFalse();
        }
    }

    @Test
    void shouldLeaveTheLauncherAloneWhenThePortIsZero() {
        ScalingConfig config = config(0);
        EngineLauncher plain = engineOnTestDatabase(config);

        assertThat(MetricsLauncher.around(plain, config.metrics())).isSameAs(plain);
    }
}
