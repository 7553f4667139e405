package dev.scaledeck.engine.pool;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.config.MonitorConfig;
import dev.scaledeck.engine.config.PoolConfig;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ResourceMonitorTest {

    private static ConnectionPool pool;

    @BeforeAll
    static void start() {
        pool = new ConnectionPool("monitor-test", TestPostgres.freshDatabase(), PoolConfig.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void shouldRaiseSchedulerLagAboveTheThresholdAndClearItBelow() {
        EventJournal journal = new EventJournal(10, null);
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), journal, 10);
        ResourceMonitor monitor = new ResourceMonitor(pool, alerts, MonitorConfig.defaults(), Clock.systemUTC());

        monitor.sample(Duration.ofMillis(100));
        assertThat(alerts.isActive(ResourceMonitor.ALERT_LAG)).as("100 ms is not above 100 ms").isFalse();
        monitor.sample(Duration.ofMillis(250));
        assertThat(alerts.active()).extracting(Alert::message).containsExactly("Engine scheduler lag 250 ms > 100 ms");
        monitor.sample(Duration.ofMillis(3));
        assertThat(alerts.isActive(ResourceMonitor.ALERT_LAG)).isFalse();
        assertThat(journal.recent(10)).extracting(EngineEvent::message)
                .containsExactly("WARNING: Engine scheduler lag 250 ms > 100 ms", "scheduler lag back to 3 ms");
    }

    @Test
    void shouldRaiseMemoryAlertWhenHeapUseIsAboveTheConfiguredShare() {
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), new EventJournal(10, null), 10);
        ResourceMonitor strict = new ResourceMonitor(pool, alerts,
                new MonitorConfig(Duration.ofSeconds(1), 0.0001, Duration.ofMillis(100)), Clock.systemUTC());

        ResourceMetrics m = strict.sample(Duration.ZERO);
        assertThat(m.heapUsed()).isPositive();
        assertThat(m.heapMax()).isGreaterThanOrEqualTo(m.heapUsed());
        assertThat(alerts.isActive(ResourceMonitor.ALERT_MEMORY)).isTrue();
        assertThat(alerts.active().get(0).message()).startsWith("Heap use").contains("> 0 %");

        ResourceMonitor lenient = new ResourceMonitor(pool, alerts, MonitorConfig.defaults(), Clock.systemUTC());
        lenient.sample(Duration.ZERO);
        assertThat(alerts.isActive(ResourceMonitor.ALERT_MEMORY)).isFalse();
    }

    @Test
    void shouldSampleOnItsScheduleAndKeepABoundedHistory() {
        AlertCenter alerts = new AlertCenter(Clock.systemUTC(), new EventJournal(10, null), 10);
        ResourceMonitor monitor = new ResourceMonitor(pool, alerts,
                new MonitorConfig(Duration.ofMillis(20), 90, Duration.ofSeconds(5)), Clock.systemUTC());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            monitor.start(scheduler);
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.history().size() >= 5);
            assertThat(monitor.metrics().pool().max()).isEqualTo(20);
        } finally {
            monitor.close();
            scheduler.shutdownNow();
        }
    }
}
