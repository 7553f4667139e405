package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.backup.BackupRepository;
import dev.scaledeck.engine.backup.RpoWatch;
import dev.scaledeck.engine.balancer.InstanceStats;
import dev.scaledeck.engine.health.DatabasePing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns what the engine sees into named signals: the database does not answer, an instance is
 * down, the cluster's error rate is high, a backup is older than its RPO, the primary backup
 * repository lost files its copies hold. Each signal keeps the time it was first seen while it
 * lasts. Thread-safe.
 */
final class SignalWatch {

    static final String DATABASE = "database_connection_failed";
    static final String INSTANCE = "instance_down";
    static final String ERROR_RATE = "error_rate_high";
    static final String BACKUP_STALE = "backup_stale";
    static final String REPOSITORY = "backup_repository_missing";
    /** The signals the engine detects itself; any other is declared by an operator. */
    static final Set<String> DETECTED = Set.of(DATABASE, INSTANCE, ERROR_RATE, BACKUP_STALE, REPOSITORY);

    static final double ERROR_RATE_LIMIT = 0.10;
    private static final int MIN_REQUESTS = 20;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final ScalingEngine engine;
    private final Clock clock;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Deque<long[]> traffic = new ArrayDeque<>();
    private List<Signal> current = List.of();

    SignalWatch(ScalingEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The signals of the last evaluation. */
    synchronized List<Signal> current() {
        return current;
    }

    /** Looks at everything now (may take up to the database ping's 2 s timeout). */
    List<Signal> evaluateNow() {
        Instant now = clock.instant();
        List<String[]> seen = new ArrayList<>();
        DatabasePing.Result ping = DatabasePing.ping(engine.pool().database(), PING_TIMEOUT);
        if (!ping.reachable()) {
            seen.add(new String[] {DATABASE, "database", "the database does not answer: " + ping.message()});
        }
        List<InstanceStats> instances = engine.balancer().stats().instances();
        for (InstanceStats i : instances) {
            if (EngineSteps.isDown(i)) {
                seen.add(new String[] {INSTANCE, i.id(), i.id() + " is " + i.state() + ": " + i.reason()});
            }
        }
        errorRate(instances, now).ifPresent(m -> seen.add(new String[] {ERROR_RATE, "balancer", m}));
        for (Alert a : engine.alerts().active()) {
            if (a.key().startsWith(RpoWatch.ALERT_PREFIX)) {
                seen.add(new String[] {BACKUP_STALE, a.key(), a.message()});
            }
        }
        repositoryLoss().ifPresent(m -> seen.add(new String[] {REPOSITORY, "backups", m}));
        synchronized (this) {
            Set<String> keys = seen.stream().map(s -> s[0] + "|" + s[1]).collect(Collectors.toSet());
            firstSeen.keySet().retainAll(keys);
            List<Signal> signals = new ArrayList<>();
            for (String[] s : seen) {
                Instant since = firstSeen.computeIfAbsent(s[0] + "|" + s[1], k -> now);
                signals.add(new Signal(s[0], s[1], s[2], since));
            }
            current = List.copyOf(signals);
            return current;
        }
    }

    private synchronized java.util.Optional<String> errorRate(List<InstanceStats> instances, Instant now) {
        long requests = instances.stream().mapToLong(InstanceStats::requests).sum();
        long errors = instances.stream().mapToLong(InstanceStats::errors).sum();
        traffic.addLast(new long[] {now.toEpochMilli(), requests, errors});
        while (traffic.size() > 1 && traffic.peekFirst()[0] < now.toEpochMilli() - RATE_WINDOW.toMillis()) {
            traffic.removeFirst();
        }
        long[] first = traffic.peekFirst();
        long dr = requests - first[1];
        long de = errors - first[2];
        // Instances come and go (their counters with them): a negative delta is a reset, not traffic.
        if (dr < MIN_REQUESTS || de < 0) {
            return java.util.Optional.empty();
        }
        double rate = (double) de / dr;
        return rate > ERROR_RATE_LIMIT
                ? java.util.Optional.of(String.format(java.util.Locale.ROOT, "%.0f %% of %d requests through the balancer "
                        + "failed in the last %d s (limit %.0f %%)", rate * 100, dr, RATE_WINDOW.toSeconds(), ERROR_RATE_LIMIT * 100))
                : java.util.Optional.empty();
    }

    private java.util.Optional<String> repositoryLoss() {
        Path primary = engine.backups().repository().directory();
        for (Path copy : engine.backups().config().copies()) {
            Set<String> held = backupFiles(copy);
            if (held.isEmpty()) {
                continue;
            }
            Set<String> present = backupFiles(primary);
            long missing = held.stream().filter(f -> !present.contains(f)).count();
            if (missing > 0) {
                return java.util.Optional.of(missing + " of the " + held.size() + " backup(s) in the secondary repository "
                        + copy + " are missing from the primary repository " + primary
                        + (Files.isDirectory(primary) ? "" : " (the directory is gone)"));
            }
        }
        return java.util.Optional.empty();
    }

    private static Set<String> backupFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(BackupRepository.EXTENSION))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }
}
