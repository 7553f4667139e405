package dev.scaledeck.engine.balancer;

import dev.scaledeck.testsupport.MutableClock;
import dev.scaledeck.engine.config.InstanceSpec;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.engine.util.NamedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BalancedHttpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(1000, null);
    private final ExecutorService io = Executors.newCachedThreadPool(new NamedThreads("test-io"));
    private final LoadBalancer lb = new LoadBalancer(Balancers.noSlowStart().build(), clock, journal);
    private final BalancedHttpClient client = new BalancedHttpClient(lb, io);
    private final List<LocalServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        lb.close();
        servers.forEach(LocalServer::close);
        io.shutdownNow();
    }

    private LocalServer server(String id) throws Exception {
        LocalServer s = new LocalServer(id);
        servers.add(s);
        lb.add(s.spec(1));
        return s;
    }

    @Test
    void instanceAnsweringFiveHundredsShouldBeEjectedAndTrafficShouldMoveToTheOthers() throws Exception {
        server("a");
        server("b");
        LocalServer broken = server("c");
        broken.status.set(500);

        List<BalancedResponse> responses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            responses.add(client.send("GET", "/convert", null, TIMEOUT));
        }
        assertThat(responses).filteredOn(r -> r.instanceId().equals("c"))
                .hasSize(5).allMatch(r -> r.statusCode() == 500);
        assertThat(lb.stats().instance("c").state()).isEqualTo(InstanceHealth.EJECTED);
        assertThat(lb.stats().instance("c").errors()).isEqualTo(5);

        List<BalancedResponse> after = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            after.add(client.send("GET", "/convert", null, TIMEOUT));
        }
        assertThat(after).allMatch(r -> r.statusCode() == 200).extracting(BalancedResponse::instanceId)
                .containsOnly("a", "b");
        assertThat(broken.requests.get()).isEqualTo(5);
        assertThat(lb.stats().inFlight()).isZero();
    }

    @Test
    void requestShouldCarryMethodPathAndBodyToThePickedInstance() throws Exception {
        server("a");

        BalancedResponse r = client.send("post", "convert?lang=python", "{\"nodes\":[]}", TIMEOUT);

        assertThat(r.instanceId()).isEqualTo("a");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("from a: POST /convert?lang=python {\"nodes\":[]}");
        assertThat(r.latency()).isPositive();
        assertThat(lb.stats().instance("a").requests()).isEqualTo(1);
    }

    @Test
    void refusedConnectionShouldBeReportedAsConnectFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        lb.add(new InstanceSpec("gone", URI.create("http://127.0.0.1:" + port), 1));

        assertThatThrownBy(() -> client.send("GET", "/convert", null, TIMEOUT))
                .isInstanceOfSatisfying(BalancedRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.CONNECT);
                    assertThat(e.instanceId()).isEqualTo("gone");
                })
                .hasMessageStartingWith("GET /convert to instance gone (http://127.0.0.1:" + port + "/convert) failed after ")
                .hasMessageContaining("could not connect");
        assertThat(lb.stats().instance("gone").errors()).isEqualTo(1);
        assertThat(lb.stats().instance("gone").inFlight()).isZero();
    }

    @Test
    void unansweredRequestShouldBeReportedAsTimeout() throws Exception {
        server("slow").hang();

        assertThatThrownBy(() -> client.send("GET", "/convert", null, Duration.ofMillis(200)))
                .isInstanceOfSatisfying(BalancedRequestException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT))
                .hasMessageEndingWith("no answer within 200 ms");
        assertThat(lb.stats().instance("slow").errors()).isEqualTo(1);
    }

    @Test
    void clientErrorShouldBeReturnedWithoutCountingAgainstTheInstance() throws Exception {
        server("a").status.set(404);

        BalancedResponse r = client.send("GET", "/missing", null, TIMEOUT);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(lb.stats().instance("a").errors()).isZero();
        assertThat(lb.stats().instance("a").requests()).isEqualTo(1);
    }

    @Test
    void noInstanceShouldFailAtOnceWithTheBalancersReason() {
        assertThatThrownBy(() -> client.send("GET", "/convert", null, TIMEOUT))
                .isInstanceOf(NoHealthyInstanceException.class);
    }
}
