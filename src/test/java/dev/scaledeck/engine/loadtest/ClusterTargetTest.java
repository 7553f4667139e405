package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.balancer.BalancedHttpClient;
import dev.scaledeck.engine.balancer.BalancerConfig;
import dev.scaledeck.engine.balancer.InstanceHealth;
import dev.scaledeck.engine.balancer.LoadBalancer;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.util.NamedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.scaledeck.engine.loadtest.Plans.plan;
import static dev.scaledeck.engine.loadtest.Plans.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The cluster target through the engine's real load balancer, over real loopback instances. */
class ClusterTargetTest {

    private final ExecutorService io = Executors.newCachedThreadPool(new NamedThreads("test-cluster-io"));
    private final LoadBalancer balancer = new LoadBalancer(BalancerConfig.builder().slowStart(Duration.ZERO).build(),
            Clock.systemUTC(), new EventJournal(1000, null));
    private final LoadTester tester = new LoadTester(() -> null, new BalancedHttpClient(balancer, io),
            Clock.systemUTC(), new InMemorySink());
    private final List<LoopbackServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        tester.close();
        balancer.close();
        servers.forEach(LoopbackServer::close);
        io.shutdownNow();
    }

    private LoopbackServer instance(String id, int weight) throws Exception {
        LoopbackServer s = new LoopbackServer(id);
        servers.add(s);
        balancer.add(s.spec(weight));
        return s;
    }

    @Test
    void requestsShouldSpreadOverTheInstancesByWeight() throws Exception {
        instance("heavy", 3);
        instance("light", 1);

        LoadTestReport report = tester.start(plan(new LoadTarget.Cluster("/api"), users(4, Duration.ofMillis(2)),
                Duration.ofSeconds(3), "error_rate<1%")).report().get(20, TimeUnit.SECONDS);

        Map<String, Long> spread = report.perInstance();
        double heavyShare = (double) spread.get("heavy") / report.requests();
        System.out.printf("cluster: %s of %d requests (heavy share %.3f)%n", spread, report.requests(), heavyShare);
        assertThat(report.passed()).isTrue();
        assertThat(spread.keySet()).containsExactlyInAnyOrder("heavy", "light");
        assertThat(heavyShare).isCloseTo(0.75, within(0.1));
        assertThat(report.timeline().get(1).perInstance()).containsKeys("heavy", "light");
    }

    @Test
    void aStoppedInstanceShouldCostSomeConnectErrorsWhileTheOthersTakeOver() throws Exception {
        instance("a", 1);
        instance("b", 1);
        LoopbackServer c = instance("c", 1);
        LoadTestRun run = tester.start(plan(new LoadTarget.Cluster("/api"), users(4, Duration.ofMillis(2)),
                Duration.ofSeconds(4)));
        await().atMost(Duration.ofSeconds(5)).until(() -> run.snapshot().requests() > 100);

        c.stop();
        long cAtStop = run.snapshot().perInstance().getOrDefault("c", 0L);
        long requestsAtStop = run.snapshot().requests();
        LoadTestReport report = run.report().get(20, TimeUnit.SECONDS);

        long after = report.requests() - requestsAtStop;
        long cAfter = report.perInstance().get("c") - cAtStop;
        System.out.printf("failover: %d requests after c stopped, %d of them to c; errors %s; c is %s%n", after, cAfter,
                report.errors(), balancer.stats().instance("c").state());
        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.errorCount()).isPositive();
        assertThat(after).isGreaterThan(100);
        assertThat(cAfter).isLessThan(after / 10);
        assertThat(balancer.stats().instance("c").state()).isEqualTo(InstanceHealth.EJECTED);
        assertThat(report.timeline().get(report.timeline().size() - 1).requestsPerSecond()).isPositive();
    }

    @Test
    void aClusterWithNoInstanceToTakeRequestsShouldCountConnectErrors() throws Exception {
        LoadTestReport report = tester.start(plan(new LoadTarget.Cluster("/api"), users(1, Duration.ofMillis(20)),
                Duration.ofSeconds(1))).report().get(20, TimeUnit.SECONDS);

        assertThat(report.state()).isEqualTo(RunState.COMPLETED);
        assertThat(report.requests()).isPositive();
        assertThat(report.errors().get(ErrorKind.CONNECT)).isEqualTo(report.requests());
        assertThat(report.perInstance()).isEmpty();
    }
}
