package dev.scaledeck.engine.loadtest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built reports for the report tests: a four-second run with a stall, errors and a lost threshold. */
final class ReportFixture {

    static final Instant STARTED = Instant.parse("2026-11-26T14:05:00Z");
    static final String HOSTILE_CHECK = "body~<script>alert('x')</script>";

    private ReportFixture() {
    }

    /** A URL target with a password and a token, 10 users: p95 holds, the error rate does not. */
    static LoadTestReport urlReport(String id, Instant started) {
        LoadTestPlan plan = new LoadTestPlan("api-10-users",
                new LoadTarget.Url(URI.create("http://admin:s3cret@127.0.0.1:8080/api?token=abc123&page=1")),
                new Workload.Closed(10, Duration.ofSeconds(2), Duration.ZERO), Duration.ofSeconds(4),
                new RequestSpec("POST", Map.of("Authorization", "Bearer hidden"), "{}", Duration.ofSeconds(2)),
                List.of(Check.parse("status==200"), Check.parse(HOSTILE_CHECK)),
                List.of(Threshold.parse("p95<500ms"), Threshold.parse("error_rate<1%")), true);
        List<LoadTestSnapshot> timeline = List.of(
                snapshot(started, 1, 100, 100, 12.5, 20, 30, Map.of(), 5, 5, 0),
                snapshot(started, 2, 250, 150, 14, 25, 41.25, Map.of(ErrorKind.TIMEOUT, 2L), 8, 10, 0),
                snapshot(started, 3, 250, 0, Double.NaN, Double.NaN, Double.NaN, Map.of(ErrorKind.TIMEOUT, 2L), 10, 10, 0),
                snapshot(started, 4, 420, 170, 13, 22, 35, Map.of(ErrorKind.TIMEOUT, 5L, ErrorKind.HTTP_5XX, 3L), 0, 10, 0));
        return new LoadTestReport(id, plan, started, started.plusSeconds(4), RunState.COMPLETED, Optional.empty(),
                420, 105, new LoadTestReport.Latency(13, 24, 33.5, 40, 1250, 15.25),
                Map.of(ErrorKind.TIMEOUT, 5L, ErrorKind.HTTP_5XX, 3L), 0, 800, 32,
                List.of(new ThresholdResult(Threshold.parse("p95<500ms"), 33.5, true),
                        new ThresholdResult(Threshold.parse("error_rate<1%"), 100.0 * 8 / 420, false)),
                Map.of(), timeline, Optional.empty());
    }

    /** An open-model cluster run that passed, spread over two instances. */
    static LoadTestReport clusterReport(String id, Instant started) {
        LoadTestPlan plan = new LoadTestPlan("cluster-rate", new LoadTarget.Cluster("/api/projects"),
                new Workload.RampingRate(50, 150, 20), Duration.ofSeconds(2), RequestSpec.get(), List.of(),
                List.of(Threshold.parse("p99<1s")), false);
        List<LoadTestSnapshot> timeline = List.of(
                rateSnapshot(started, 1, 50, 50, Map.of("sample-1", 34L, "sample-2", 16L)),
                rateSnapshot(started, 2, 200, 150, Map.of("sample-1", 130L, "sample-2", 70L)));
        return new LoadTestReport(id, plan, started, started.plusSeconds(2), RunState.STOPPED, Optional.empty(),
                200, 100, new LoadTestReport.Latency(5, 8, 9, 12, 30, 6), Map.of(), 3, 0, 0,
                List.of(new ThresholdResult(Threshold.parse("p99<1s"), 12, true)),
                Map.of("sample-1", 130L, "sample-2", 70L), timeline, Optional.empty());
    }

    static LoadTestSnapshot snapshot(Instant started, int second, long requests, double rps, double p50, double p90,
                                     double p99, Map<ErrorKind, Long> errors, long inFlight, int users,
                                     long missedSends) {
        return new LoadTestSnapshot(started.plusSeconds(second), Duration.ofSeconds(second), RunState.RUNNING, requests,
                rps, p50, p90, p99, Double.isNaN(p99) ? Double.NaN : p99 * 2, errors, inFlight, users, 0, missedSends,
                requests, 0, Map.of());
    }

    private static LoadTestSnapshot rateSnapshot(Instant started, int second, long requests, double rate,
                                                 Map<String, Long> perInstance) {
        return new LoadTestSnapshot(started.plusSeconds(second), Duration.ofSeconds(second), RunState.RUNNING, requests,
                rate, 4, 7, 11, 20, Map.of(), 3, 0, rate, 1, 0, 0, perInstance);
    }
}
