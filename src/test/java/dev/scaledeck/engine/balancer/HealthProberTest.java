package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.util.NamedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthProberTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);
    private final ExecutorService io = Executors.newCachedThreadPool(new NamedThreads("test-io"));
    private final LoadBalancer lb = new LoadBalancer(BalancerConfig.defaults(), clock, journal);
    private final HealthProber prober = new HealthProber(lb, io);
    private LocalServer server;

    @AfterEach
    void tearDown() {
        prober.close();
        lb.close();
        if (server != null) {
            server.close();
        }
        io.shutdownNow();
    }

    private InstanceHealth stateOf(String id) {
        return lb.stats().instance(id).state();
    }

    private void probe(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            prober.probeAll().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void stoppedServerShouldTurnUnhealthyAfterThreeFailedProbesAndHealthyAfterTwoGoodOnesOnceRestarted() throws Exception {
        server = new LocalServer("a");
        lb.add(server.spec(1));
        probe(1);
        assertThat(stateOf("a")).isEqualTo(InstanceHealth.HEALTHY);

        server.stop();
        probe(2);
        assertThat(stateOf("a")).isEqualTo(InstanceHealth.HEALTHY);
        probe(1);
        assertThat(stateOf("a")).isEqualTo(InstanceHealth.UNHEALTHY);
        assertThat(lb.stats().instance("a").reason())
                .isEqualTo("3 consecutive failed health probes (last: connection refused)");

        server.restart();
        probe(1);
        assertThat(stateOf("a")).isEqualTo(InstanceHealth.UNHEALTHY);
        clock.advance(Duration.ofSeconds(5));
        probe(1);
        assertThat(stateOf("a")).isEqualTo(InstanceHealth.HEALTHY);
        assertThat(lb.stats().instance("a").reason()).isEqualTo("2 consecutive successful health probes");
        assertThat(lb.stats().instance("a").since()).isEqualTo(clock.instant());
        assertThat(Balancers.types(journal, "instance")).containsExactly("added:a", "unhealthy:a", "healthy:a");
    }

    @Test
    void errorAnswerFromHealthShouldCountAsAFailedProbe() throws Exception {
        server = new LocalServer("a");
        lb.add(server.spec(1));
        server.healthStatus.set(503);

        probe(3);

        assertThat(stateOf("a")).isEqualTo(InstanceHealth.UNHEALTHY);
        assertThat(lb.stats().instance("a").reason())
                .isEqualTo("3 consecutive failed health probes (last: health answered HTTP 503)");
    }

    @Test
    void instanceAddedAgainUnderTheSameIdBetweenTwoRoundsShouldTurnUnhealthyAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var ghost = new dev.scaledeck.engine.config.InstanceSpec("ghost", URI.create("http://127.0.0.1:" + port), 1);
        lb.add(ghost);
        probe(3);
        assertThat(stateOf("ghost")).isEqualTo(InstanceHealth.UNHEALTHY);

        // Removed and added again with no probe round in between: it joins HEALTHY, as a new instance.
        lb.remove("ghost").get(5, TimeUnit.SECONDS);
        lb.add(ghost);
        assertThat(stateOf("ghost")).isEqualTo(InstanceHealth.HEALTHY);
        probe(3);

        assertThat(stateOf("ghost")).as("its own three failed probes").isEqualTo(InstanceHealth.UNHEALTHY);
    }

    @Test
    void ejectedInstanceWithFailingProbesShouldReturnUnhealthy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        lb.add(new dev.scaledeck.engine.config.InstanceSpec("gone", URI.create("http://127.0.0.1:" + port), 1));
        lb.eject("gone", "maintenance");

        probe(3);
        assertThat(stateOf("gone")).isEqualTo(InstanceHealth.EJECTED);
        lb.restore("gone");

        assertThat(stateOf("gone")).isEqualTo(InstanceHealth.UNHEALTHY);
        assertThat(lb.stats().instance("gone").reason()).isEqualTo("restored by operator; its health probes are failing");
    }

    @Test
    void startedProberShouldProbeOnTheSchedulerUntilClosed() throws Exception {
        LoadBalancer fast = new LoadBalancer(BalancerConfig.builder().probeInterval(Duration.ofMillis(50))
                .probeTimeout(Duration.ofMillis(500)).build(), clock, journal);
        HealthProber scheduled = new HealthProber(fast, io);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("test-probe"));
        server = new LocalServer("a");
        fast.add(server.spec(1));
        try {
            scheduled.start(scheduler);
            scheduled.start(scheduler);
            server.healthStatus.set(500);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fast.stats().instance("a").state() == InstanceHealth.UNHEALTHY);
            server.healthStatus.set(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fast.stats().instance("a").state() == InstanceHealth.HEALTHY);
        } finally {
            scheduled.close();
            scheduler.shutdownNow();
            fast.close();
        }
    }
}
