package dev.scaledeck.engine.loadtest;

import dev.scaledeck.engine.util.Numbers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a stress test found. Immutable.
 *
 * @param plan            what was asked
 * @param started         when it started
 * @param ended           when it ended
 * @param state           completed (it broke, or every step held), stopped, or failed
 * @param steps           each step run, in order
 * @param highestHeld     the last step that held, if any: the highest sustainable load
 * @param brokeAt         the step that broke it, if any
 * @param breakingReason  why that step counts as broken, e.g. {@code error rate 23 % > 10 %}
 */
public record StressReport(StressPlan plan, Instant started, Instant ended, RunState state, List<Step> steps,
                           Optional<Step> highestHeld, Optional<Step> brokeAt, Optional<String> breakingReason) {

    public StressReport {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param load               its users or rate
     * @param requestsPerSecond  what it served
     * @param p99Ms              its p99, milliseconds
     * @param errorRatePercent   its failed requests, percent
     * @param held               whether the system held at this load
     * @param report             the step's load-test report (its files name its id)
     */
    public record Step(double load, double requestsPerSecond, double p99Ms, double errorRatePercent, boolean held,
                       LoadTestReport report) {
    }

    /** One line: {@code held 40 users (812 requests/s); broke at 50 users: p99 2310 ms > 2000 ms}. */
    public String summary() {
        String unit = plan.unit();
        String held = highestHeld.map(s -> "held " + Numbers.oneDecimal(s.load()) + " " + unit + " ("
                + Numbers.oneDecimal(s.requestsPerSecond()) + " requests/s)").orElse("no step held");
        String broke = brokeAt.map(s -> "; broke at " + Numbers.oneDecimal(s.load()) + " " + unit + ": "
                + breakingReason.orElse("")).orElse("; did not break within " + plan.maxSteps() + " steps");
        return held + broke;
    }
}
