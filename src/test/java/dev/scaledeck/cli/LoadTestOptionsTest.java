package dev.scaledeck.cli;

import dev.scaledeck.engine.loadtest.Check;
import dev.scaledeck.engine.loadtest.LoadTarget;
import dev.scaledeck.engine.loadtest.LoadTestPlan;
import dev.scaledeck.engine.loadtest.Threshold;
import dev.scaledeck.engine.loadtest.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadTestOptionsTest {

    @Command(name = "load-test")
    static final class Holder {
        @Mixin
        LoadTestOptions options;
    }

    private static LoadTestPlan plan(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options.plan();
    }

    @Test
    void theSeedsScenarioShouldBecomeAClosedModelOnTheCluster() {
        LoadTestPlan p = plan("--cluster", "--concurrency", "50", "--duration", "60s", "--ramp-up", "10s");

        assertThat(p.target()).isEqualTo(new LoadTarget.Cluster("/api/projects?user=1"));
        assertThat(p.workload()).isEqualTo(new Workload.Closed(50, Duration.ofSeconds(10), Duration.ZERO));
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.name()).isEqualTo("cluster-50-users");
        assertThat(p.request().method()).isEqualTo("GET");
    }

    @Test
    void aRateShouldBecomeTheOpenModelWithItsRequestChecksAndThresholds() {
        LoadTestPlan p = plan("--url", "http://127.0.0.1:8080/api", "--rate", "200/s", "--connections", "20",
                "-X", "post", "-H", "Content-Type: application/json", "--body", "{}", "--check", "status==201",
                "--check", "body~ok", "--threshold", "p95<500ms", "--threshold", "error_rate<1%", "--abort-on-fail",
                "--duration", "2m");

        assertThat(p.target()).isEqualTo(new LoadTarget.Url(URI.create("http://127.0.0.1:8080/api")));
        assertThat(p.workload()).isEqualTo(new Workload.ConstantRate(200, 20));
        assertThat(p.request().method()).isEqualTo("POST");
        assertThat(p.request().headers()).isEqualTo(Map.of("Content-Type", "application/json"));
        assertThat(p.request().body()).isEqualTo("{}");
        assertThat(p.checks()).extracting(Check::text).containsExactly("status==201", "body~ok");
        assertThat(p.thresholds()).extracting(Threshold::text).containsExactly("p95<500ms", "error_rate<1%");
        assertThat(p.thresholds().get(0).limit()).isEqualTo(500);
        assertThat(p.abortOnFail()).isTrue();
        assertThat(plan("--sql", "SELECT 1", "--rate", "10", "--rate-to", "50").workload())
                .isEqualTo(new Workload.RampingRate(10, 50, 100));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--cluster --concurrency -5|--concurrency: users must be between 1 and 10000, but was -5",
            "--url htp:/nowhere|--url: the target must be an http(s) URL with a host",
            "--url http://exa^mple.com|--url 'http://exa^mple.com' is not a URL: Illegal character in authority",
            "--cluster --threshold p95~500|--threshold: 'p95~500' is not a threshold; use p50|p90|p95|p99|max|mean",
            "--cluster --threshold p95<500|--threshold: 'p95<500': a latency threshold needs ms or s",
            "--cluster --threshold error_rate<150%|'error_rate<150%': a percentage is at most 100",
            "--cluster --check status=200|--check: 'status=200' is not a check; write status==200 or body~some text",
            "--cluster --rate 100 --concurrency 5|--rate (open model) does not go with --concurrency",
            "--cluster --rate fast|--rate 'fast' is not a rate: write requests per second, e.g. 200 or 200/s",
            "--cluster --rate 0|--rate: rate must be above 0 and at most 100000 requests/s, but was 0.0",
            "--cluster --rate-to 50|--rate-to needs --rate",
            "--cluster --duration 0s|load test: duration must be from 1s to 24h, but was 0s",
            "--cluster --duration 10s --ramp-up 20s|ramp-up (20s) must not be longer than the duration (10s)",
            "--cluster --duration soon|--duration 'soon' is not valid: a duration such as",
            "--cluster -H NoColon|--header 'NoColon' is not valid: write it as 'Name: value'",
            "--cluster -X FETCH|--method/--timeout: method must be one of GET, POST",
            "--cluster --path api|--path: the cluster path must start with '/'",
    })
    void badInputShouldBeNamedWithWhatIsAllowed(String args, String message) {
        assertThatThrownBy(() -> plan(args.split(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
