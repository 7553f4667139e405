package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.config.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured schedule: take {@code target} every {@code every}. A schedule is due when its
 * last successful run is at least {@code every} ago (or it never ran); runs that fell due while
 * the engine was not running are reported as missed rather than silently skipped. Immutable.
 */
public record BackupSchedule(BackupScheduleTarget target, Duration every) {

    /** Shorter intervals would spend the database on backups. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);

    public BackupSchedule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(every, "every");
        if (every.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("every " + Durations.format(every) + " is too often; the least is "
                    + Durations.format(SHORTEST));
        }
    }

    /**
     * Where this schedule stands at {@code now}.
     *
     * @param lastRun when the newest backup of this target was taken, if any
     */
    public Status status(Optional<Instant> lastRun, Instant now) {
        if (lastRun.isEmpty()) {
            return new Status(this, true, 0, Optional.empty(), now);
        }
        Instant last = lastRun.get();
        Duration since = Duration.between(last, now);
        if (since.compareTo(every) < 0) {
            return new Status(this, false, 0, lastRun, last.plus(every));
        }
        long missed = since.dividedBy(every) - 1; // the one due now is not missed: it runs
        return new Status(this, true, missed, lastRun, last.plus(every));
    }

    /**
     * A schedule's state at one moment.
     *
     * @param due     whether it should run now
     * @param missed  runs that fell due and did not happen (beyond the one due now)
     * @param lastRun its newest backup's time, if any
     * @param nextDue when the next run falls due (now or in the past when due)
     */
    public record Status(BackupSchedule schedule, boolean due, long missed, Optional<Instant> lastRun, Instant nextDue) {

        /** One line for the journal and the window. */
        public String describe() {
            String what = schedule.target().key() + " every " + Durations.format(schedule.every());
            if (lastRun.isEmpty()) {
                return what + ": never ran; due now";
            }
            if (!due) {
                return what + ": last run " + lastRun.get() + ", next at " + nextDue;
            }
            return what + ": due since " + nextDue + (missed > 0 ? "; " + missed + " scheduled run"
                    + (missed == 1 ? "" : "s") + " missed since the last one at " + lastRun.get() : "");
        }
    }
}
