package dev.scaledeck.engine.alert;

import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.LogCapture;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alerts to a real webhook on the loopback interface: what is sent, what is not, and what a failure does. */
class AlertNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();
    private final AlertCenter center = new AlertCenter(clock, new EventJournal(100, null), 50);
    private WebhookReceiver receiver;
    private AlertNotifier notifier;

    private void notifyTo(URI url, Severity min, Duration interval, int perMinute, Duration timeout) {
        NotifyConfig config = new NotifyConfig(Optional.of(url), min, interval, perMinute);
        notifier = new AlertNotifier(config, clock, new WebhookSender(url, timeout));
        center.addListener(notifier);
    }

    private void notifyTo(WebhookReceiver webhook, Severity min, Duration interval, int perMinute) {
        notifyTo(webhook.url(), min, interval, perMinute, Duration.ofSeconds(5));
    }

    /** Raises a marker alert and waits for it: everything raised before it has been sent or not by then. */
    private void sendMarker(String key) {
        center.raise(key, Severity.CRITICAL, "test", "marker " + key);
        await().atMost(WAIT).until(() -> receiver.texts().stream().anyMatch(t -> t.contains("marker " + key)));
    }

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldPostSlackCompatibleJsonWithSeveritySourceMessageAndTime() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.WARNING, Duration.ofMinutes(5), 10);

        center.raise("pool.exhausted", Severity.CRITICAL, "pool", "20/20 connections in use, 4 \"waiting\"");
        await().atMost(WAIT).until(() -> receiver.texts().size() == 1);
        clock.advance(Duration.ofSeconds(252));
        center.clear("pool.exhausted", "connections free again");
        await().atMost(WAIT).until(() -> receiver.texts().size() == 2);

        assertThat(receiver.texts().get(0)).isEqualTo("ScaleDeck [CRITICAL] pool: 20/20 connections in use, 4 \"waiting\""
                + " (pool.exhausted, raised 2026-11-26 10:00:00 UTC)");
        assertThat(receiver.texts().get(1)).isEqualTo("ScaleDeck resolved [CRITICAL] pool: pool.exhausted cleared"
                + " after 4m 12s (2026-11-26 10:04:12 UTC)");
        assertThat(receiver.contentTypes()).allMatch(type -> type.startsWith("application/json"));
    }

    @Test
    void shouldSendAnAlertOnceItReachesTheMinimumAndNotAgainForTheSameSeverity() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.CRITICAL, Duration.ofMinutes(5), 100);

        center.raise("pool.waiting", Severity.WARNING, "pool", "4 callers waiting"); // below the minimum
        center.raise("pool.waiting", Severity.CRITICAL, "pool", "acquire timeouts");  // now it counts
        center.raise("pool.waiting", Severity.WARNING, "pool", "2 callers waiting");
        center.raise("pool.waiting", Severity.CRITICAL, "pool", "acquire timeouts again");
        sendMarker("m1");

        assertThat(receiver.texts()).hasSize(2);
        assertThat(receiver.texts().get(0)).startsWith("ScaleDeck [CRITICAL] pool: acquire timeouts (pool.waiting");
    }

    @Test
    void shouldSayWhatAnEscalatedAlertWasSentAtBefore() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.INFO, Duration.ofMinutes(5), 100);

        center.raise("disk.low", Severity.WARNING, "disk", "85 % used");
        center.raise("disk.low", Severity.CRITICAL, "disk", "97 % used");
        sendMarker("m2");

        assertThat(receiver.texts()).hasSize(3);
        assertThat(receiver.texts().get(1)).startsWith("ScaleDeck [CRITICAL] disk: 97 % used (disk.low, raised")
                .endsWith("(escalated from WARNING)");
    }

    @Test
    void shouldNotSendAnActiveKeyAgainNorAKeyThatFlapsWithinTheInterval() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.WARNING, Duration.ofMinutes(5), 100);

        center.raise("lag", Severity.WARNING, "engine", "lag 150 ms");
        center.raise("lag", Severity.WARNING, "engine", "lag 180 ms"); // still active: a refresh
        notifier.accept(center.active().get(0)); // even told again, an active key is not sent twice
        clock.advance(Duration.ofSeconds(10));
        center.clear("lag", "lag back to normal");
        clock.advance(Duration.ofSeconds(10));
        center.raise("lag", Severity.WARNING, "engine", "lag 170 ms"); // flaps back within 5 minutes
        sendMarker("m1");

        assertThat(receiver.texts()).hasSize(3);
        assertThat(receiver.texts().get(0)).contains("lag 150 ms");
        assertThat(receiver.texts().get(1)).startsWith("ScaleDeck resolved [WARNING] engine: lag cleared after 10s");

        clock.advance(Duration.ofMinutes(5));
        notifier.flush(); // still active once the interval is over: now it is sent, once
        notifier.flush();
        sendMarker("m2");
        assertThat(receiver.texts()).hasSize(5);
        assertThat(receiver.texts().get(3)).contains("lag 170 ms").contains("it has come and gone since 2026-11-26 10:00:00 UTC");
    }

    @Test
    void shouldForgetAFlappingKeyThatClearsBeforeTheIntervalIsOver() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.WARNING, Duration.ofMinutes(5), 100);

        center.raise("lag", Severity.WARNING, "engine", "lag 150 ms");
        center.clear("lag", "ok");
        center.raise("lag", Severity.WARNING, "engine", "lag 170 ms");
        center.clear("lag", "ok");
        clock.advance(Duration.ofMinutes(6));
        notifier.flush();
        sendMarker("m");

        assertThat(receiver.texts()).hasSize(3); // raise, resolved, marker: the flap made no message
    }

    @Test
    void shouldRateLimitAndSayHowManyWereHeldBackInTheNextMessage() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.WARNING, Duration.ofMinutes(5), 3);

        for (int i = 1; i <= 10; i++) {
            center.raise("storm." + i, Severity.CRITICAL, "health", "check " + i + " failed");
        }
        assertThat(notifier.heldBack()).isEqualTo(7);
        clock.advance(Duration.ofSeconds(61));
        center.raise("after", Severity.CRITICAL, "pool", "pool exhausted");
        await().atMost(WAIT).until(() -> receiver.texts().size() == 4);

        assertThat(receiver.texts().subList(0, 3)).allMatch(t -> t.contains("check "));
        assertThat(receiver.texts().get(3)).contains("pool exhausted")
                .endsWith("\n…and 7 more alerts held back by the limit of 3 messages per minute; see ScaleDeck.");
        assertThat(notifier.heldBack()).isZero();

        center.clear("storm.9", "fine"); // never sent, so no "resolved" either
        center.clear("storm.1", "fine");
        await().atMost(WAIT).until(() -> receiver.texts().size() == 5);
        assertThat(receiver.texts().get(4)).startsWith("ScaleDeck resolved [CRITICAL] health: storm.1 cleared");
    }

    @Test
    void shouldSendTheHeldBackCountOnItsOwnOnceTheMinuteAllows() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.WARNING, Duration.ofMinutes(5), 2);

        for (int i = 1; i <= 5; i++) {
            center.raise("storm." + i, Severity.WARNING, "health", "check " + i + " failed");
        }
        notifier.flush(); // the minute is full: nothing yet
        clock.advance(Duration.ofSeconds(30));
        notifier.flush();
        assertThat(notifier.heldBack()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(31));
        notifier.flush();
        await().atMost(WAIT).until(() -> receiver.texts().size() == 3);

        assertThat(receiver.texts().get(2))
                .isEqualTo("ScaleDeck: 3 more alerts were held back by the limit of 2 messages per minute; see ScaleDeck.");
        assertThat(notifier.heldBack()).isZero();
    }

    @Test
    void shouldSendOnlyAlertsAtOrAboveTheMinimumSeverity() throws Exception {
        receiver = new WebhookReceiver();
        notifyTo(receiver, Severity.CRITICAL, Duration.ofMinutes(5), 10);

        center.raise("info", Severity.INFO, "x", "for the record");
        center.raise("warn", Severity.WARNING, "x", "getting warm");
        center.clear("warn", "cooled");
        center.raise("crit", Severity.CRITICAL, "x", "on fire");
        await().atMost(WAIT).until(() -> receiver.texts().size() == 1);
        sendMarker("m");

        assertThat(receiver.texts()).hasSize(2);
        assertThat(receiver.texts().get(0)).contains("[CRITICAL] x: on fire");
    }

    @Test
    void shouldLogARefusedDeliveryWithTheHostOnlyAndNeverThrowOrBlock() {
        URI closed = WebhookReceiver.closedPort();
        try (LogCapture log = new LogCapture(WebhookSender.class)) {
            notifyTo(closed, Severity.WARNING, Duration.ofMinutes(5), 10, Duration.ofSeconds(2));

            long start = System.nanoTime();
            Alert raised = center.raise("db.down", Severity.CRITICAL, "database", "database not reachable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(raised.active()).isTrue();

            await().atMost(WAIT).until(() -> !log.lines().isEmpty());
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("WARN Alert notification to webhook at 127.0.0.1:" + closed.getPort() + " not delivered: cannot connect")
                    .doesNotContain("services", "secret", "T0000");
        }
    }

    @Test
    void shouldLogAnErrorAnswerAndATimeoutWithoutTheSecretPath() throws Exception {
        receiver = new WebhookReceiver();
        receiver.answer(403, "invalid_token for " + WebhookReceiver.SECRET_PATH);
        try (LogCapture log = new LogCapture(WebhookSender.class)) {
            notifyTo(receiver.url(), Severity.WARNING, Duration.ofMinutes(5), 10, Duration.ofMillis(300));

            center.raise("a", Severity.WARNING, "x", "first");
            await().atMost(WAIT).until(() -> log.lines().size() == 1);
            receiver.delay(2_000);
            center.raise("b", Severity.WARNING, "x", "second");
            await().atMost(WAIT).until(() -> log.lines().size() == 2);

            assertThat(log.lines().get(0)).isEqualTo("WARN Alert notification to webhook at " + receiver.host()
                    + " not delivered: it answered HTTP 403 (invalid_token for /****); the alert is still shown in ScaleDeck");
            assertThat(log.lines().get(1)).contains("not delivered: no answer within 300 ms");
            assertThat(String.join("\n", log.lines())).doesNotContain("secret", "services", "T0000");
        }
    }
}
