package dev.scaledeck.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scaledeck.engine.alert.NotifyConfig;
import dev.scaledeck.engine.alert.Severity;
import dev.scaledeck.engine.balancer.BalancerConfig;
import dev.scaledeck.engine.balancer.PanicMode;
import dev.scaledeck.engine.backup.BackupConfig;
import dev.scaledeck.engine.backup.BackupSchedule;
import dev.scaledeck.engine.backup.BackupScheduleTarget;
import dev.scaledeck.engine.backup.RetentionPolicy;
import dev.scaledeck.engine.balancer.Strategy;
import dev.scaledeck.engine.failover.FailoverConfig;
import dev.scaledeck.engine.health.HealthConfig;
import dev.scaledeck.engine.scaling.Metric;
import dev.scaledeck.engine.scaling.MetricsSourceKind;
import dev.scaledeck.engine.scaling.PolicyKind;
import dev.scaledeck.engine.scaling.ScalingMode;
import dev.scaledeck.engine.scaling.ScalingRules;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the layered raw texts into a validated {@link ScalingConfig}. One use per load. */
final class ConfigParser {

    private static final int MAX_POOL = 10_000;
    private static final int MAX_INSTANCES = 1_000;

    private final Map<Setting, RawValue> raw;
    private final Map<String, String> env;

    ConfigParser(Map<Setting, RawValue> raw, Map<String, String> env) {
        this.raw = raw;
        this.env = env;
    }

    ScalingConfig parse() {
        Path home = home();
        Optional<DatabaseUrl> database = database();
        PoolConfig pool = pool();
        Optional<List<InstanceSpec>> instances = instances();
        AutoScalingConfig autoScaling = autoScaling();
        EmbeddedConfig embedded = new EmbeddedConfig(
                intIn(Setting.SAMPLE_INSTANCES, 1, 64),
                number(Setting.AMBIENT_RATE, 0, 1_000), serviceTime());
        MonitorConfig monitor = new MonitorConfig(
                positiveDuration(Setting.MONITOR_INTERVAL),
                number(Setting.MEMORY_ALERT, 1, 100),
                positiveDuration(Setting.LAG_ALERT),
                positiveDuration(Setting.LOAD_TEST_LATENCY_ALERT));
        return new ScalingConfig(home, database, pool, instances, autoScaling, embedded, monitor, debug(),
                balancer(), health(), services(), failover(), secondaryDatabase(database), httpFailovers(),
                backup(home), recovery(home), metrics(), notifications());
    }

    private MetricsConfig metrics() {
        return new MetricsConfig(intIn(Setting.METRICS_PORT, 0, MetricsConfig.MAX_PORT), bindAddress());
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * An IP literal or {@code localhost}, never a name to look up: where a port is opened must not
     * depend on what DNS answers at start.
     */
    private java.net.InetAddress bindAddress() {
        RawValue v = raw.get(Setting.METRICS_BIND);
        String text = v.text().trim();
        String allowed = "an IP address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost";
        if (text.equalsIgnoreCase("localhost")) {
            return java.net.InetAddress.getLoopbackAddress();
        }
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            throw v.reject(allowed);
        }
        try {
            // A literal: parsed, not resolved.
            return java.net.InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw v.reject(allowed);
        }
    }

    private NotifyConfig notifications() {
        return new NotifyConfig(webhook(), choice(Setting.NOTIFY_MIN_SEVERITY, Severity.values()),
                duration(Setting.NOTIFY_INTERVAL), intIn(Setting.NOTIFY_MAX_PER_MINUTE, 1, 1_000));
    }

    /**
     * The webhook URL, or empty. Its path is a secret (Slack's carries the token), so a rejection
     * shows the value with everything after the host masked.
     */
    private Optional<URI> webhook() {
        RawValue v = raw.get(Setting.NOTIFY_WEBHOOK);
        String text = v.text().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String allowed = "an http(s) URL such as https://hooks.slack.com/services/..., or empty for no notifications";
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // rejected below, without the parser's message: it quotes the whole value
        }
        throw new ConfigException(v.origin(), maskAfterHost(text), allowed);
    }

    /** {@code https://hooks.slack.com/****}: what of a webhook URL may be shown. */
    static String maskAfterHost(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        String shown = url.substring(0, start) + (at < 0 ? authority : "****@" + authority.substring(at + 1));
        return end < url.length() ? shown + url.charAt(end) + "****" : shown;
    }

    private RecoveryConfig recovery(Path home) {
        RawValue dir = raw.get(Setting.RECOVERY_DIRECTORY);
        Path directory = dir.text().isBlank() ? home.resolve("runbooks") : path(dir, dir.text());
        return new RecoveryConfig(choice(Setting.RECOVERY_MODE, dev.scaledeck.engine.recovery.RecoveryMode.values()),
                directory);
    }

    private BalancerConfig balancer() {
        Strategy strategy = choice(Setting.STRATEGY, Strategy.values());
        PanicMode panic = choice(Setting.PANIC_MODE, PanicMode.values());
        Duration base = positiveDuration(Setting.EJECTION_TIME);
        Duration max = positiveDuration(Setting.MAX_EJECTION_TIME);
        if (max.compareTo(base) < 0) {
            throw raw.get(Setting.MAX_EJECTION_TIME).reject("must not be shorter than "
                    + raw.get(Setting.EJECTION_TIME).origin() + " = " + raw.get(Setting.EJECTION_TIME).text());
        }
        return BalancerConfig.defaults().toBuilder()
                .strategy(strategy)
                .slowStart(duration(Setting.SLOW_START))
                .probeInterval(positiveDuration(Setting.PROBE_INTERVAL))
                .probeTimeout(positiveDuration(Setting.PROBE_TIMEOUT))
                .unhealthyThreshold(intIn(Setting.UNHEALTHY_THRESHOLD, 1, 100))
                .healthyThreshold(intIn(Setting.HEALTHY_THRESHOLD, 1, 100))
                .outlierConsecutiveFailures(intIn(Setting.OUTLIER_FAILURES, 1, 1000))
                .baseEjectionTime(base)
                .maxEjectionTime(max)
                .maxEjectedPercent(intIn(Setting.MAX_EJECTED_PERCENT, 0, 100))
                .panicMode(panic)
                .breakerFailureRateThreshold(number(Setting.BREAKER_FAILURE_RATE, 1, 100))
                .breakerOpenWait(positiveDuration(Setting.BREAKER_OPEN_WAIT))
                .build();
    }

    /** An enum value written in lower case with dashes: {@code least-connections}. */
    private <E extends Enum<E>> E choice(Setting s, E[] values) {
        RawValue v = raw.get(s);
        String wanted = v.text().trim().toLowerCase(Locale.ROOT);
        List<String> ids = new ArrayList<>();
        for (E e : values) {
            String id = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (id.equals(wanted)) {
                return e;
            }
            ids.add(id);
        }
        throw v.reject("one of " + String.join(", ", ids));
    }

    private HealthConfig health() {
        HealthConfig d = HealthConfig.defaults();
        return new HealthConfig(positiveDuration(Setting.HEALTH_INTERVAL), d.checkTimeout(), d.historySize(),
                d.memoryDegradedPercent(), d.memoryDownPercent(), d.diskFreeDegradedPercent(), d.diskFreeDownPercent(),
                d.diskFreeDegradedBytes(), d.diskFreeDownBytes(), d.databaseDegradedAbove(), d.httpDegradedAbove());
    }

    private List<ServiceSpec> services() {
        RawValue v = raw.get(Setting.HEALTH_SERVICES);
        String allowed = "a JSON list of {\"name\": text, \"url\": \"http(s)://host:port/path\"}";
        JsonNode root = jsonList(v, allowed);
        List<ServiceSpec> services = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; root != null && i < root.size(); i++) {
            JsonNode node = root.get(i);
            String at = " (entry " + (i + 1) + ")";
            String name = requiredText(v, node, "name", allowed + at);
            if (!names.add(name)) {
                throw v.reject(allowed + at + ": name \"" + name + "\" appears twice; names must be unique");
            }
            JsonNode url = node.get("url");
            if (url == null || !url.isTextual()) {
                throw v.reject(allowed + at + ": \"url\" is missing");
            }
            services.add(new ServiceSpec(name, httpUrl(url.asText(), v, allowed + at)));
        }
        return services;
    }

    private List<HttpFailoverSpec> httpFailovers() {
        RawValue v = raw.get(Setting.HTTP_FAILOVER);
        List<HttpFailoverSpec> specs = new ArrayList<>();
        String allowed = "a JSON list of {\"name\": text, \"primary\": \"http(s)://...\", \"secondary\": \"http(s)://...\"}";
        JsonNode root = jsonList(v, allowed);
        Set<String> names = new HashSet<>();
        for (int i = 0; root != null && i < root.size(); i++) {
            JsonNode node = root.get(i);
            String at = " (entry " + (i + 1) + ")";
            String name = requiredText(v, node, "name", allowed + at);
            if (!names.add(name)) {
                throw v.reject(allowed + at + ": name \"" + name + "\" appears twice; names must be unique");
            }
            URI primary = httpUrl(requiredText(v, node, "primary", allowed + at), v, allowed + at);
            URI secondary = httpUrl(requiredText(v, node, "secondary", allowed + at), v, allowed + at);
            if (primary.equals(secondary)) {
                throw v.reject(allowed + at + ": primary and secondary are the same URL");
            }
            specs.add(new HttpFailoverSpec(name, primary, secondary));
        }
        return specs;
    }

    private BackupConfig backup(Path home) {
        RawValue dirValue = raw.get(Setting.BACKUP_DIRECTORY);
        Path directory = dirValue.text().isBlank() ? home.resolve("backups") : path(dirValue, dirValue.text());
        int level = switch (choiceText(Setting.BACKUP_COMPRESSION, List.of("none", "fast", "default"))) {
            case "none" -> 0;
            case "fast" -> 1;
            default -> 6;
        };
        RawValue retentionValue = raw.get(Setting.BACKUP_RETENTION);
        RetentionPolicy retention;
        try {
            retention = RetentionPolicy.parse(retentionValue.text());
        } catch (IllegalArgumentException e) {
            throw retentionValue.reject("rules like last=7,daily=7,weekly=4,monthly=6 (" + e.getMessage() + ")");
        }
        return new BackupConfig(directory, level, backupSchedules(), retention, backupCopies(),
                positiveDuration(Setting.BACKUP_RPO), identifier(Setting.BACKUP_USER_TABLE), backupOwnership());
    }

    private List<BackupSchedule> backupSchedules() {
        RawValue v = raw.get(Setting.BACKUP_SCHEDULES);
        String allowed = "a JSON list of {\"scope\": \"full\" | \"base\" | \"user:ID\", \"every\": duration like 1h}";
        JsonNode root = jsonList(v, allowed);
        List<BackupSchedule> schedules = new ArrayList<>();
        Set<String> scopes = new HashSet<>();
        for (int i = 0; root != null && i < root.size(); i++) {
            JsonNode node = root.get(i);
            String at = " (entry " + (i + 1) + ")";
            try {
                BackupScheduleTarget target = BackupScheduleTarget.parse(requiredText(v, node, "scope", allowed + at));
                if (!scopes.add(target.key())) {
                    throw v.reject(allowed + at + ": scope " + target.key() + " is scheduled twice");
                }
                schedules.add(new BackupSchedule(target, Durations.parse(requiredText(v, node, "every", allowed + at))));
            } catch (IllegalArgumentException e) {
                throw v.reject(allowed + at + ": " + e.getMessage());
            }
        }
        return schedules;
    }

    private List<Path> backupCopies() {
        RawValue v = raw.get(Setting.BACKUP_COPIES);
        String allowed = "a JSON list of directory paths";
        JsonNode root = jsonList(v, allowed);
        List<Path> copies = new ArrayList<>();
        for (int i = 0; root != null && i < root.size(); i++) {
            JsonNode node = root.get(i);
            if (!node.isTextual() || node.asText().isBlank()) {
                throw v.reject(allowed + " (entry " + (i + 1) + " is not a path)");
            }
            copies.add(path(v, node.asText()));
        }
        return copies;
    }

    private Map<String, String> backupOwnership() {
        RawValue v = raw.get(Setting.BACKUP_OWNERSHIP);
        String allowed = "a JSON object {\"table\": \"user id column\"}";
        if (v.text().isBlank()) {
            return Map.of();
        }
        JsonNode root = json(v, allowed);
        if (root == null || !root.isObject()) {
            throw v.reject(allowed + " (not an object)");
        }
        Map<String, String> ownership = new java.util.LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual() || !IDENTIFIER.matcher(field.getValue().asText()).matches()
                    || !QUALIFIED.matcher(field.getKey()).matches()) {
                throw v.reject(allowed + ": \"" + field.getKey() + "\" must be a table name and its value a column name");
            }
            ownership.put(field.getKey(), field.getValue().asText());
        }
        return ownership;
    }

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final java.util.regex.Pattern QUALIFIED =
            java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*");

    private String identifier(Setting s) {
        RawValue v = raw.get(s);
        String text = v.text().trim();
        if (!QUALIFIED.matcher(text).matches()) {
            throw v.reject("a table name (letters, digits, _; optionally schema.table)");
        }
        return text;
    }

    /** One of {@code allowed}, as written (lower case). */
    private String choiceText(Setting s, List<String> allowed) {
        RawValue v = raw.get(s);
        String text = v.text().trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(text)) {
            throw v.reject("one of " + String.join(", ", allowed));
        }
        return text;
    }

    private Path path(RawValue v, String text) {
        String t = text.trim();
        if (t.equals("~") || t.startsWith("~/")) {
            t = env.getOrDefault("HOME", System.getProperty("user.home")) + t.substring(1);
        }
        try {
            return Path.of(t).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw v.reject("a directory path");
        }
    }

    /** The value as a JSON array, or null when it is blank. */
    private static JsonNode jsonList(RawValue v, String allowed) {
        if (v.text().isBlank()) {
            return null;
        }
        JsonNode root = json(v, allowed);
        if (root == null || !root.isArray()) {
            throw v.reject(allowed + " (not a list)");
        }
        return root;
    }

    private static JsonNode json(RawValue v, String allowed) {
        try {
            return new ObjectMapper().readTree(v.text());
        } catch (JsonProcessingException e) {
            throw v.reject(allowed + " (malformed JSON: " + e.getOriginalMessage() + ")");
        }
    }

    private static String requiredText(RawValue v, JsonNode node, String field, String allowed) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw v.reject(allowed + ": \"" + field + "\" must be a non-empty text");
        }
        return value.asText();
    }

    private FailoverConfig failover() {
        FailoverConfig d = FailoverConfig.defaults();
        return new FailoverConfig(intIn(Setting.FAILOVER_AFTER, 1, 100), intIn(Setting.FAILBACK_AFTER, 1, 100),
                positiveDuration(Setting.FAILOVER_CHECK_INTERVAL), d.probeTimeout(), d.requestTimeout(), d.maxAttempts(),
                d.initialBackoff(), d.backoffMultiplier(), d.jitter(), d.maxTotalTime(), d.retryNonIdempotent());
    }

    private Optional<DatabaseUrl> secondaryDatabase(Optional<DatabaseUrl> primary) {
        RawValue v = raw.get(Setting.DATABASE_SECONDARY_URL);
        if (v.text().isBlank()) {
            return Optional.empty();
        }
        if (primary.isEmpty()) {
            throw new ConfigException(v.origin(), DatabaseUrl.maskPasswords(v.text()),
                    "a standby needs a primary: set DATABASE_URL too (the embedded database has no standby)");
        }
        try {
            return Optional.of(DatabaseUrl.parse(v.text()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(v.origin(), DatabaseUrl.maskPasswords(v.text()), e.getMessage());
        }
    }

    private Path home() {
        RawValue v = raw.get(Setting.HOME);
        String text = v.text().trim();
        if (text.isEmpty()) {
            throw v.reject("a directory path");
        }
        return path(v, text);
    }

    private Optional<DatabaseUrl> database() {
        RawValue v = raw.get(Setting.DATABASE_URL);
        if (v.text().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DatabaseUrl.parse(v.text()));
        } catch (IllegalArgumentException e) {
            // The value itself may hold a password: show it masked.
            throw new ConfigException(v.origin(), DatabaseUrl.maskPasswords(v.text()), e.getMessage());
        }
    }

    private PoolConfig pool() {
        int max = intIn(Setting.POOL_MAX, 1, MAX_POOL);
        int min = intIn(Setting.POOL_MIN, 0, MAX_POOL);
        if (min > max) {
            RawValue v = raw.get(Setting.POOL_MIN);
            throw v.reject("must not exceed " + raw.get(Setting.POOL_MAX).origin() + " = " + max);
        }
        Duration acquire = positiveDuration(Setting.POOL_ACQUIRE_TIMEOUT);
        if (acquire.toMillis() < 250) {
            throw raw.get(Setting.POOL_ACQUIRE_TIMEOUT).reject("at least 250ms (the connection pool's lower bound)");
        }
        Duration idle = positiveDuration(Setting.POOL_IDLE_TIMEOUT);
        if (idle.toMillis() < 10_000) {
            throw raw.get(Setting.POOL_IDLE_TIMEOUT).reject("at least 10s (the connection pool's lower bound)");
        }
        Duration leak = duration(Setting.POOL_LEAK_DETECTION);
        if (!leak.isZero() && leak.toMillis() < 2000) {
            throw raw.get(Setting.POOL_LEAK_DETECTION).reject("0s (off) or at least 2s");
        }
        return new PoolConfig(min, max, acquire, idle, leak, duration(Setting.POOL_SHUTDOWN_TIMEOUT));
    }

    private Optional<List<InstanceSpec>> instances() {
        RawValue v = raw.get(Setting.INSTANCES);
        if (v.text().isBlank()) {
            return Optional.empty();
        }
        String allowed = "a JSON list of {\"id\": text, \"url\": \"http(s)://host:port\", \"weight\": 1.."
                + InstanceSpec.MAX_WEIGHT + "}";
        JsonNode root = jsonList(v, allowed);
        if (root.size() > MAX_INSTANCES) {
            throw v.reject("at most " + MAX_INSTANCES + " instances");
        }
        List<InstanceSpec> specs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String at = " (entry " + (i + 1) + ")";
            if (!node.isObject()) {
                throw v.reject(allowed + at);
            }
            JsonNode id = node.get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw v.reject(allowed + at + ": \"id\" must be a non-empty text");
            }
            if (!ids.add(id.asText())) {
                throw v.reject(allowed + at + ": id \"" + id.asText() + "\" appears twice; ids must be unique");
            }
            JsonNode url = node.get("url");
            if (url == null || !url.isTextual()) {
                throw v.reject(allowed + at + ": \"url\" is missing");
            }
            URI uri = httpUrl(url.asText(), v, allowed + at);
            JsonNode weight = node.get("weight");
            int w = 1;
            if (weight != null) {
                if (!weight.canConvertToInt() || !weight.isIntegralNumber()
                        || weight.asInt() < 1 || weight.asInt() > InstanceSpec.MAX_WEIGHT) {
                    throw v.reject(allowed + at + ": weight " + weight + " is not a whole number from 1 to "
                            + InstanceSpec.MAX_WEIGHT);
                }
                w = weight.asInt();
            }
            specs.add(new InstanceSpec(id.asText(), uri, w));
        }
        return Optional.of(specs);
    }

    private static URI httpUrl(String text, RawValue v, String allowed) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw v.reject(allowed + ": url \"" + text + "\" is not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw v.reject(allowed + ": url \"" + text + "\" is malformed (" + e.getReason() + ")");
        }
    }

    private AutoScalingConfig autoScaling() {
        Platform platform;
        RawValue p = raw.get(Setting.PLATFORM);
        try {
            platform = Platform.parse(p.text());
        } catch (IllegalArgumentException e) {
            throw p.reject(e.getMessage());
        }
        Thresholds up = new Thresholds(number(Setting.SCALE_UP_CPU, 1, 100), number(Setting.SCALE_UP_MEMORY, 1, 100),
                intIn(Setting.SCALE_UP_CONNECTIONS, 1, 1_000_000), positiveDuration(Setting.SCALE_UP_RESPONSE_TIME));
        Thresholds down = new Thresholds(number(Setting.SCALE_DOWN_CPU, 0, 100),
                number(Setting.SCALE_DOWN_MEMORY, 0, 100), intIn(Setting.SCALE_DOWN_CONNECTIONS, 0, 1_000_000),
                duration(Setting.SCALE_DOWN_RESPONSE_TIME));
        requireBelow(Setting.SCALE_DOWN_CPU, down.cpuPercent(), Setting.SCALE_UP_CPU, up.cpuPercent());
        requireBelow(Setting.SCALE_DOWN_MEMORY, down.memoryPercent(), Setting.SCALE_UP_MEMORY, up.memoryPercent());
        requireBelow(Setting.SCALE_DOWN_CONNECTIONS, down.connections(), Setting.SCALE_UP_CONNECTIONS, up.connections());
        requireBelow(Setting.SCALE_DOWN_RESPONSE_TIME, down.responseTime().toMillis(),
                Setting.SCALE_UP_RESPONSE_TIME, up.responseTime().toMillis());
        int min = intIn(Setting.MIN_INSTANCES, 0, MAX_INSTANCES);
        int max = intIn(Setting.MAX_INSTANCES, 1, MAX_INSTANCES);
        if (min > max) {
            throw raw.get(Setting.MIN_INSTANCES).reject("must not exceed " + raw.get(Setting.MAX_INSTANCES).origin()
                    + " = " + max);
        }
        PolicyKind policy = choice(Setting.SCALING_POLICY, PolicyKind.values());
        ScalingRules rules;
        try {
            rules = new ScalingRules(policy, up, down, intIn(Setting.SCALING_SUSTAIN, 1, 100), targets(),
                    number(Setting.SCALING_TOLERANCE, 0, 99), min, max, duration(Setting.COOLDOWN),
                    duration(Setting.SCALE_DOWN_STABILIZATION), duration(Setting.SCALE_UP_STABILIZATION),
                    intIn(Setting.MAX_STEP_UP, 1, MAX_INSTANCES), intIn(Setting.MAX_STEP_UP_PERCENT, 0, 1_000),
                    intIn(Setting.MAX_STEP_DOWN, 1, MAX_INSTANCES), positiveDuration(Setting.RATE_PERIOD),
                    duration(Setting.WARMUP));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        MetricsSourceKind metrics = choice(Setting.SCALING_METRICS, MetricsSourceKind.values());
        if (metrics == MetricsSourceKind.KUBERNETES && platform != Platform.KUBERNETES) {
            throw raw.get(Setting.SCALING_METRICS).reject("instances, unless " + p.origin()
                    + " is kubernetes (the metrics API belongs to a cluster); it is " + platform.id());
        }
        return new AutoScalingConfig(platform, rules, choice(Setting.SCALING_MODE, ScalingMode.values()),
                positiveDuration(Setting.SCALING_INTERVAL), metrics,
                intIn(Setting.INSTANCE_POOL_SIZE, 1, MAX_POOL), intIn(Setting.CONNECTION_RESERVE, 0, MAX_POOL),
                platforms());
    }

    private Duration serviceTime() {
        Duration d = duration(Setting.SAMPLE_SERVICE_TIME);
        if (d.compareTo(Duration.ofSeconds(10)) > 0) {
            throw raw.get(Setting.SAMPLE_SERVICE_TIME).reject("a duration from 0ms to 10s");
        }
        return d;
    }

    /** {@code cpu=70,memory=80}: the per-instance value to hold, per metric. */
    private Map<Metric, Double> targets() {
        RawValue v = raw.get(Setting.SCALING_TARGETS);
        String allowed = "a comma-separated list of metric=value with metrics cpu, memory (%), connections, "
                + "response-time (ms), e.g. cpu=70,memory=80";
        Map<Metric, Double> targets = new java.util.EnumMap<>(Metric.class);
        for (String part : v.text().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw v.reject(allowed + "; \"" + part.trim() + "\" has no '='");
            }
            Metric metric;
            try {
                metric = Metric.parse(part.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw v.reject(allowed + "; " + e.getMessage());
            }
            double value;
            try {
                value = Double.parseDouble(part.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw v.reject(allowed + "; \"" + part.substring(eq + 1).trim() + "\" is not a number");
            }
            double most = metric == Metric.CPU || metric == Metric.MEMORY ? 100 : 1e9;
            if (!(value > 0 && value <= most)) {
                throw v.reject(allowed + "; the target for " + metric.id() + " must be above 0 and at most "
                        + Metric.number(most) + ", but was " + part.substring(eq + 1).trim());
            }
            if (targets.put(metric, value) != null) {
                throw v.reject(allowed + "; " + metric.id() + " appears twice");
            }
        }
        return targets;
    }

    private PlatformSettings platforms() {
        RawValue memory = raw.get(Setting.VERCEL_MEMORY);
        java.util.OptionalInt memoryMb = memory.text().isBlank() ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(intIn(Setting.VERCEL_MEMORY, 128, 3009));
        Duration maxDuration = positiveDuration(Setting.VERCEL_MAX_DURATION);
        if (maxDuration.compareTo(Duration.ofSeconds(900)) > 0 || maxDuration.toMillis() % 1000 != 0) {
            throw raw.get(Setting.VERCEL_MAX_DURATION).reject("whole seconds from 1s to 900s");
        }
        return new PlatformSettings(
                new PlatformSettings.Kubernetes(optionalText(Setting.K8S_NAMESPACE), requiredName(Setting.K8S_DEPLOYMENT),
                        optionalText(Setting.K8S_CONTEXT), intIn(Setting.K8S_PORT, 1, 65_535)),
                new PlatformSettings.Swarm(dockerHost(), requiredName(Setting.SWARM_SERVICE),
                        intIn(Setting.SWARM_PORT, 1, 65_535)),
                new PlatformSettings.Vercel(requiredName(Setting.VERCEL_FUNCTIONS), maxDuration, memoryMb,
                        Path.of(requiredName(Setting.VERCEL_FILE))));
    }

    private Optional<String> optionalText(Setting s) {
        String text = raw.get(s).text().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private String requiredName(Setting s) {
        String text = raw.get(s).text().trim();
        if (text.isEmpty()) {
            throw raw.get(s).reject("a non-empty name");
        }
        return text;
    }

    private String dockerHost() {
        RawValue v = raw.get(Setting.SWARM_HOST);
        String text = v.text().trim();
        if (!text.matches("unix:///.+|tcp://[^/:]+:\\d{1,5}/?|https?://[^/:]+(:\\d{1,5})?/?")) {
            throw v.reject("unix:///path/to/docker.sock or tcp://host:port");
        }
        return text;
    }

    private void requireBelow(Setting low, double lowValue, Setting high, double highValue) {
        if (lowValue >= highValue) {
            throw raw.get(low).reject("must be below " + raw.get(high).origin() + " = " + raw.get(high).text()
                    + " (scale-down thresholds sit under scale-up thresholds, or the scaler would flap)");
        }
    }

    private DebugLogging debug() {
        RawValue v = raw.get(Setting.DEBUG);
        try {
            return DebugLogging.parse(v.text());
        } catch (IllegalArgumentException e) {
            throw v.reject(e.getMessage());
        }
    }

    private int intIn(Setting s, int min, int max) {
        RawValue v = raw.get(s);
        String allowed = "a whole number from " + min + " to " + max;
        try {
            int n = Integer.parseInt(v.text().trim());
            if (n < min || n > max) {
                throw v.reject(allowed);
            }
            return n;
        } catch (NumberFormatException e) {
            throw v.reject(allowed);
        }
    }

    private double number(Setting s, double min, double max) {
        RawValue v = raw.get(s);
        String allowed = "a number from " + trim(min) + " to " + trim(max);
        try {
            double n = Double.parseDouble(v.text().trim());
            if (Double.isNaN(n) || n < min || n > max) {
                throw v.reject(allowed);
            }
            return n;
        } catch (NumberFormatException e) {
            throw v.reject(allowed);
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private Duration duration(Setting s) {
        RawValue v = raw.get(s);
        try {
            return Durations.parse(v.text());
        } catch (IllegalArgumentException e) {
            throw v.reject(Durations.ALLOWED);
        }
    }

    private Duration positiveDuration(Setting s) {
        Duration d = duration(s);
        if (d.isZero()) {
            throw raw.get(s).reject("a duration greater than zero, such as 500ms, 30s or 5m");
        }
        return d;
    }
}
