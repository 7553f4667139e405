package dev.scaledeck.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.DatabaseUrl;
import dev.scaledeck.engine.config.ScalingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SCALEDECK_NOTIFY_WEBHOOK set: the engine sends its alerts there once notifications are started. */
class ScalingEngineNotifyTest {

    @TempDir
    Path home;

    @Test
    void shouldSendTheEnginesAlertsToTheConfiguredWebhook() throws Exception {
        List<String> texts = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", ex -> {
            texts.add(new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()).get("text").asText());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        try {
            ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                    "LOAD_BALANCER_INSTANCES", "[]", "SCALEDECK_HEALTH_INTERVAL", "1h",
                    "SCALEDECK_NOTIFY_WEBHOOK", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/secret"),
                    Map.of());
            // Nothing listens on port 1: the pool starts anyway and the test needs no database.
            try (ScalingEngine engine = ScalingEngine.start(config, DatabaseUrl.parse("postgres://u@127.0.0.1:1/none"),
                    List.of(), Clock.systemUTC())) {
                engine.alerts().raise("early.alert", Severity.WARNING, "test", "raised before notifications started");
                Thread.sleep(300);
                assertThat(texts).isEmpty(); // one-shot commands never start them: each would resend the same alerts

                engine.startNotifications();
                engine.startNotifications();
                engine.alerts().raise("test.alert", Severity.CRITICAL, "test", "raised by the test");
                await().atMost(Duration.ofSeconds(10)).until(() -> texts.stream().anyMatch(t -> t.contains("raised by the test")));
                await().atMost(Duration.ofSeconds(10)).until(() -> texts.stream().anyMatch(t -> t.contains("raised before")));
            }
        } finally {
            webhook.stop(0);
        }
        assertThat(texts).anyMatch(t -> t.startsWith("ScaleDeck [CRITICAL] test: raised by the test (test.alert, raised "));
        assertThat(texts).filteredOn(t -> t.contains("raised before notifications started")).hasSize(1);
    }
}
