package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.config.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recovery point objective watch: for each scope, how old the newest <em>verified</em> backup
 * is, against the configured RPO. A scope over it (or with no verified backup at all) raises
 * the alert {@code backup.rpo.SCOPE}; it clears when a verified backup brings the age back
 * under. Unverified backups do not count: an operator's RPO is about what can be restored.
 * Thread-safe.
 */
public final class RpoWatch {

    public static final String ALERT_PREFIX = "backup.rpo.";

    private final Duration rpo;
    private final AlertCenter alerts;
    private final Clock clock;

    public RpoWatch(Duration rpo, AlertCenter alerts, Clock clock) {
        this.rpo = Objects.requireNonNull(rpo, "rpo");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks every scope, raising and clearing alerts.
     *
     * @param newestVerified per scope key, the creation time of its newest verified backup
     * @return each scope's status, in the map's order
     */
    public List<Status> check(Map<String, Optional<Instant>> newestVerified) {
        List<Status> statuses = status(newestVerified);
        for (Status s : statuses) {
            alerts.set(s.exceeded(), ALERT_PREFIX + s.scope(), Severity.WARNING, "backups", s.describe(),
                    "a verified " + s.scope() + " backup is " + Durations.human(s.age().orElse(Duration.ZERO))
                            + " old, within the RPO");
        }
        return statuses;
    }

    /** Each scope's status now, as {@link #check} finds it, without raising or clearing alerts. */
    public List<Status> status(Map<String, Optional<Instant>> newestVerified) {
        Instant now = clock.instant();
        List<Status> statuses = new ArrayList<>();
        newestVerified.forEach((scope, newest) ->
                statuses.add(new Status(scope, newest, newest.map(t -> Duration.between(t, now)), rpo)));
        return statuses;
    }

    /**
     * One scope against the RPO at one moment.
     *
     * @param newestVerified creation time of the newest verified backup, if any
     * @param age            how old it is
     */
    public record Status(String scope, Optional<Instant> newestVerified, Optional<Duration> age, Duration rpo) {

        public boolean exceeded() {
            return age.isEmpty() || age.get().compareTo(rpo) > 0;
        }

        /** One line: "full: newest verified backup 1d 2h old, over the RPO of 25h". */
        public String describe() {
            if (age.isEmpty()) {
                return scope + ": no verified backup yet (RPO " + Durations.format(rpo) + ")";
            }
            String a = Durations.human(age.get());
            return scope + ": newest verified backup " + a + " old, " + (exceeded() ? "over" : "within")
                    + " the RPO of " + Durations.format(rpo);
        }
    }
}
