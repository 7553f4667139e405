package dev.scaledeck.engine;

import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.failover.FailoverRequest;
import dev.scaledeck.engine.failover.FailoverState;
import dev.scaledeck.engine.failover.FailoverSnapshot;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An HTTP service with a standby, configured by SCALEDECK_HTTP_FAILOVER and run by the engine. */
class ScalingEngineHttpFailoverTest {

    @TempDir
    Path home;

    private static HttpServer server(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }

    @Test
    void shouldSendToTheStandbyOnceThePrimaryIsDownAndListBothFailovers() throws Exception {
        HttpServer primary = server("primary");
        HttpServer secondary = server("secondary");
        try {
            String spec = "[{\"name\":\"auth\",\"primary\":\"http://127.0.0.1:" + primary.getAddress().getPort()
                    + "\",\"secondary\":\"http://127.0.0.1:" + secondary.getAddress().getPort() + "\"}]";
            ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                    "LOAD_BALANCER_INSTANCES", "[]", "SCALEDECK_HTTP_FAILOVER", spec,
                    "SCALEDECK_FAILOVER_AFTER", "2", "SCALEDECK_FAILOVER_CHECK_INTERVAL", "100ms"), Map.of());
            try (ScalingEngine engine = ScalingEngine.start(config, TestPostgres.freshDatabase(), List.of(), Clock.systemUTC())) {
                var auth = engine.httpFailover("auth").orElseThrow();
                assertThat(auth.execute(FailoverRequest.get("/token")).body()).isEqualTo("primary");
                assertThat(engine.httpFailover("billing")).isEmpty();

                primary.stop(0);
                await().atMost(Duration.ofSeconds(10)).until(() -> auth.snapshot().state() == FailoverState.ON_SECONDARY);

                assertThat(auth.execute(FailoverRequest.get("/token")).body()).isEqualTo("secondary");
                assertThat(engine.failovers()).extracting(FailoverSnapshot::name).containsExactly("auth");
                assertThat(engine.journal().recent(100))
                        .anyMatch(e -> e.category().equals("failover") && e.type().equals("failover"));
            }
        } finally {
            primary.stop(0);
            secondary.stop(0);
        }
    }
}
