package dev.scaledeck.engine.health;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.event.EngineEvent;
import dev.scaledeck.engine.event.EventJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class HealthCheckServiceTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(200, null);
    private final AlertCenter alerts = new AlertCenter(clock, journal, 50);
    private HealthCheckService service = new HealthCheckService(HealthConfig.defaults(), clock, alerts, journal);

    @AfterEach
    void close() {
        service.close();
    }

    /** A check that answers whatever status the test sets. */
    static final class ScriptedCheck implements HealthCheck {
        private final String name;
        private final boolean critical;
        private final Clock clock;
        private final AtomicInteger runs = new AtomicInteger();
        private volatile HealthStatus next = HealthStatus.UP;

        ScriptedCheck(String name, boolean critical, Clock clock) {
            this.name = name;
            this.critical = critical;
            this.clock = clock;
        }

        ScriptedCheck answer(HealthStatus status) {
            next = status;
            return this;
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
            runs.incrementAndGet();
            return HealthResult.of(name, next, name + " measured " + next, Duration.ofMillis(1), clock.instant());
        }
    }

    private ScriptedCheck register(String name, boolean critical) {
        ScriptedCheck check = new ScriptedCheck(name, critical, clock);
        service.register(check);
        return check;
    }

    private List<EngineEvent> healthEvents() {
        return journal.recent(200).stream().filter(e -> e.category().equals("health")).toList();
    }

    @Test
    void shouldBeUpWhenEveryCheckIsUp() {
        register("database", true);
        register("memory", false);

        HealthReport report = service.checkNow();

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.checks()).containsOnlyKeys("database", "memory");
        assertThat(report.time()).isEqualTo(clock.instant());
        assertThat(alerts.active()).isEmpty();
    }

    @Test
    void shouldBeDownWhenACriticalCheckIsDown() {
        register("database", true).answer(HealthStatus.DOWN);
        register("memory", false);

        HealthReport report = service.checkNow();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.failing()).containsExactly("database");
    }

    @Test
    void shouldOnlyBeDegradedWhenANonCriticalCheckIsDown() {
        register("database", true);
        register("payments-api", false).answer(HealthStatus.DOWN);

        assertThat(service.checkNow().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void shouldRaiseAWarningForADegradedCheckAndClearItWhenTheCheckRecovers() {
        ScriptedCheck memory = register("memory", false).answer(HealthStatus.DEGRADED);

        service.checkNow();

        assertThat(alerts.active()).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("health.memory");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.source()).isEqualTo("health");
            assertThat(a.message()).isEqualTo("memory DEGRADED: memory measured DEGRADED");
        });

        memory.answer(HealthStatus.UP);
        clock.advance(Duration.ofSeconds(30));
        service.checkNow();

        assertThat(alerts.active()).isEmpty();
        assertThat(alerts.history()).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("health.memory");
            assertThat(a.clearedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void shouldRaiseACriticalAlertWhenACheckGoesDownAndSayWhenItEscalated() {
        ScriptedCheck database = register("database", true).answer(HealthStatus.DEGRADED);
        service.checkNow();

        database.answer(HealthStatus.DOWN);
        service.checkNow();
        service.checkNow();

        List<Alert> active = alerts.active();
        assertThat(active).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("health.database");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.occurrences()).isEqualTo(2);
        });
        assertThat(journal.recent(200)).filteredOn(e -> e.category().equals("alert"))
                .extracting(EngineEvent::type, EngineEvent::message)
                .containsExactly(
                        tuple("raised", "WARNING: database DEGRADED: database measured DEGRADED"),
                        tuple("cleared", "database is now DOWN"),
                        tuple("raised", "CRITICAL: database DOWN: database measured DOWN"));
    }

    @Test
    void shouldRecordAnEventOnlyWhenTheAggregateStatusChanges() {
        ScriptedCheck database = register("database", true);
        service.checkNow();
        service.checkNow();
        database.answer(HealthStatus.DOWN);
        clock.advance(Duration.ofSeconds(30));
        service.checkNow();
        service.checkNow();
        database.answer(HealthStatus.UP);
        service.checkNow();

        assertThat(healthEvents()).extracting(EngineEvent::message).containsExactly(
                "Health UP: all 1 checks UP",
                "Health DOWN (was UP): database DOWN (database measured DOWN)",
                "Health UP (was DOWN): all 1 checks UP");
        assertThat(healthEvents().get(1).time()).isEqualTo(clock.instant());
        assertThat(healthEvents()).allSatisfy(e -> assertThat(e.type()).isEqualTo("status-changed"));
    }

    @Test
    void shouldRunChecksConcurrently() {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        for (String name : List.of("a", "b")) {
            service.register(new HealthCheck() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public HealthResult check() {
                    try {
                        bothRunning.await(3, TimeUnit.SECONDS);
                        return HealthResult.of(name, HealthStatus.UP, "met the other check", Duration.ZERO, clock.instant());
                    } catch (Exception e) {
                        return HealthResult.of(name, HealthStatus.DOWN, "ran alone", Duration.ZERO, clock.instant());
                    }
                }
            });
        }

        assertThat(service.checkNow().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void shouldReportAHangingCheckAsDownWhenTheCheckTimeoutExpires() {
        service.close();
        HealthConfig config = HealthConfig.defaults().withCheckTimeout(Duration.ofMillis(200));
        service = new HealthCheckService(config, clock, alerts, journal);
        CountDownLatch never = new CountDownLatch(1);
        service.register(new HealthCheck() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public HealthResult check() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HealthResult.of("stuck", HealthStatus.UP, "late", Duration.ZERO, clock.instant());
            }
        });
        register("memory", false);

        long start = System.nanoTime();
        HealthReport report = service.checkNow();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(report.result("stuck")).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(r.message()).isEqualTo("no answer within the 200 ms check timeout");
        });
        assertThat(report.result("memory")).hasValueSatisfying(r -> assertThat(r.isUp()).isTrue());
    }

    @Test
    void shouldReportAThrowingCheckAsDownWithTheReason() {
        service.register(failingCheck("flaky", new AtomicInteger()));

        HealthReport report = service.checkNow();

        assertThat(report.result("flaky")).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(r.message()).isEqualTo("check failed: IllegalStateException: sensor unplugged");
        });
        assertThat(alerts.isActive("health.flaky")).isTrue();
    }

    @Test
    void shouldKeepABoundedHistoryPerCheckOldestFirst() {
        service.close();
        service = new HealthCheckService(HealthConfig.defaults().withHistorySize(3), clock, alerts, journal);
        register("memory", false);

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            service.checkNow();
        }

        List<HealthResult> history = service.history("memory");
        assertThat(history).hasSize(3);
        assertThat(history.get(2).time()).isEqualTo(clock.instant());
        assertThat(history.get(0).time()).isEqualTo(clock.instant().minusSeconds(2));
        assertThat(service.report().history().get("memory")).isEqualTo(history);
        assertThat(service.history("unknown")).isEmpty();
    }

    @Test
    void periodicChecksShouldSurviveAThrowingCheck() {
        AtomicInteger runs = new AtomicInteger();
        service.register(failingCheck("flaky", runs));

        service.startPeriodicChecks(Duration.ofMillis(10));

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        assertThat(service.periodicChecksRunning()).isTrue();
    }

    @Test
    void unregisteringACheckShouldClearItsAlertAndDropIt() {
        register("payments-api", false).answer(HealthStatus.DOWN);
        service.checkNow();

        assertThat(service.unregister("payments-api")).isTrue();

        assertThat(alerts.active()).isEmpty();
        assertThat(service.checkNow().checks()).isEmpty();
        assertThat(service.names()).isEmpty();
    }

    @Test
    void shouldRejectASecondCheckWithTheSameName() {
        register("memory", false);

        assertThatThrownBy(() -> register("memory", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a health check named 'memory' is already registered");
    }

    @Test
    void aClosedServiceShouldRefuseRounds() {
        service.close();
        service.close();

        assertThatThrownBy(() -> service.checkNow()).hasMessage("health check service is closed");
    }

    private HealthCheck failingCheck(String name, AtomicInteger runs) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthResult check() {
                runs.incrementAndGet();
                throw new IllegalStateException("sensor unplugged");
            }
        };
    }
}
