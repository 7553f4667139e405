package dev.scaledeck.engine.loadtest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Short load-test plans for the tests. */
final class Plans {

    private Plans() {
    }

    static LoadTestPlan plan(LoadTarget target, Workload workload, Duration duration, String... thresholds) {
        return new LoadTestPlan("test", target, workload, duration, RequestSpec.get(), List.of(new Check.Status(200)),
                Arrays.stream(thresholds).map(Threshold::parse).toList(), false);
    }

    static Workload.Closed users(int users, Duration thinkTime) {
        return new Workload.Closed(users, Duration.ZERO, thinkTime);
    }

    static Workload.ConstantRate rate(double perSecond, int connections) {
        return new Workload.ConstantRate(perSecond, connections);
    }
}
