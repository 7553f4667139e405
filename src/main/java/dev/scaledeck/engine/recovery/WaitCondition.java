package dev.scaledeck.engine.recovery;

import java.util.Objects;

/**
 * What a {@code wait} step waits for, as its YAML {@code until} says. Immutable.
 *
 * <ul>
 *   <li>{@code database-up} / {@code database-down}: a connection through the pool answers, or not</li>
 *   <li>{@code instances-healthy} with {@code count}: at least that many instances take traffic
 *       ({@code count: all} or absent: every instance not ejected by an operator, and at least one);
 *       the count may be a placeholder such as {@code ${replicas-at-start}}</li>
 *   <li>{@code health-up}: the overall health report is UP</li>
 * </ul>
 *
 * @param kind  which condition
 * @param count for {@code instances-healthy}: a number, a placeholder, or {@code all}; {@code all} otherwise
 */
public record WaitCondition(Kind kind, String count) {

    public enum Kind {
        DATABASE_UP("database-up"),
        DATABASE_DOWN("database-down"),
        INSTANCES_HEALTHY("instances-healthy"),
        HEALTH_UP("health-up");

        private final String yaml;

        Kind(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public WaitCondition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(count, "count");
    }

    public String describe() {
        return kind == Kind.INSTANCES_HEALTHY
                ? ("all".equals(count) ? "every instance in rotation healthy" : "at least " + count + " healthy instance(s)")
                : kind.yaml();
    }
}
