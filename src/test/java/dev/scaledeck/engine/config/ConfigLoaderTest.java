package dev.scaledeck.engine.config;

import dev.scaledeck.engine.alert.NotifyConfig;
import dev.scaledeck.engine.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private ScalingConfig load(Map<String, String> env) {
        return ConfigLoader.load(null, env, Map.of());
    }

    @Test
    void shouldUseTheSeedDefaults() {
        ScalingConfig c = load(Map.of("HOME", "/home/op"));
        assertThat(c.pool().maxConnections()).isEqualTo(20);
        assertThat(c.pool().minConnections()).isEqualTo(2);
        assertThat(c.pool().acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pool().idleTimeout()).isEqualTo(Duration.ofSeconds(300));
        AutoScalingConfig a = c.autoScaling();
        assertThat(a.platform()).isEqualTo(Platform.LOCAL);
        assertThat(a.scaleUp()).isEqualTo(new Thresholds(80, 85, 100, Duration.ofMillis(2000)));
        assertThat(a.scaleDown()).isEqualTo(new Thresholds(30, 40, 20, Duration.ofMillis(500)));
        assertThat(a.minInstances()).isEqualTo(1);
        assertThat(a.maxInstances()).isEqualTo(10);
        assertThat(a.cooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.home()).isEqualTo(Path.of("/home/op/.scaledeck"));
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.embeddedInstances()).isTrue();
        assertThat(c.embedded().sampleInstances()).isEqualTo(3);
        assertThat(c.monitor().memoryAlertPercent()).isEqualTo(90);
        assertThat(c.monitor().lagAlert()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.debug().enabled()).isFalse();
        assertThat(c.notifications()).isEqualTo(NotifyConfig.off());
    }

    @Test
    void shouldLayerDefaultsThenYamlThenEnvironmentThenFlags() throws IOException {
        Path yaml = dir.resolve("scaledeck.yaml");
        Files.writeString(yaml, """
                pool:
                  maxConnections: 30
                  minConnections: 4
                  acquireTimeout: 5s
                scaling:
                  platform: kubernetes
                  cooldown: 2m
                """);
        ScalingConfig fromYaml = ConfigLoader.load(yaml, Map.of(), Map.of());
        assertThat(fromYaml.pool().maxConnections()).isEqualTo(30);
        assertThat(fromYaml.pool().acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromYaml.autoScaling().platform()).isEqualTo(Platform.KUBERNETES);

        ScalingConfig withEnv = ConfigLoader.load(yaml, Map.of("SUPABASE_MAX_CONNECTIONS", "40"), Map.of());
        assertThat(withEnv.pool().maxConnections()).isEqualTo(40);
        assertThat(withEnv.pool().minConnections()).isEqualTo(4);

        ScalingConfig withFlag = ConfigLoader.load(yaml, Map.of("SUPABASE_MAX_CONNECTIONS", "40"),
                Map.of("pool.maxConnections", "50", "scaling.cooldown", "90s"));
        assertThat(withFlag.pool().maxConnections()).isEqualTo(50);
        assertThat(withFlag.autoScaling().cooldown()).isEqualTo(Duration.ofSeconds(90));
        assertThat(withFlag.autoScaling().platform()).isEqualTo(Platform.KUBERNETES);
    }

    @Test
    void shouldReadInstancesFromJsonAndFromYamlLists() throws IOException {
        ScalingConfig c = load(Map.of("LOAD_BALANCER_INSTANCES",
                "[{\"id\":\"primary\",\"url\":\"http://127.0.0.1:8081\",\"weight\":2},{\"id\":\"b\",\"url\":\"https://b.example\"}]"));
        assertThat(c.instances()).hasSize(2);
        assertThat(c.instances().get(0).weight()).isEqualTo(2);
        assertThat(c.instances().get(1).weight()).isEqualTo(1);
        assertThat(c.embeddedInstances()).isFalse();

        Path yaml = dir.resolve("i.yaml");
        Files.writeString(yaml, """
                balancer:
                  instances:
                    - {id: a, url: "http://127.0.0.1:9001", weight: 5}
                """);
        assertThat(ConfigLoader.load(yaml, Map.of(), Map.of()).instances())
                .extracting(InstanceSpec::id).containsExactly("a");
    }

    @Test
    void shouldTakeAnExplicitEmptyListAsNoInstancesRatherThanTheSampleOnes() {
        ScalingConfig none = load(Map.of("LOAD_BALANCER_INSTANCES", "[]"));
        assertThat(none.instances()).isEmpty();
        assertThat(none.embeddedInstances()).isFalse();
        assertThat(load(Map.of("LOAD_BALANCER_INSTANCES", " ")).embeddedInstances()).isTrue();
    }

    @Test
    void shouldReadBalancerHealthAndFailoverSettings() {
        ScalingConfig c = load(Map.of("SCALEDECK_BALANCER_STRATEGY", "least-connections", "SCALEDECK_PANIC_MODE", "spread",
                "SCALEDECK_SLOW_START", "0s", "SCALEDECK_HEALTH_SERVICES", "[{\"name\":\"auth\",\"url\":\"http://127.0.0.1:9/health\"}]",
                "DATABASE_URL", "postgres://a:b@db1:5432/app", "DATABASE_SECONDARY_URL", "postgres://a:b@db2:5432/app",
                "SCALEDECK_FAILBACK_AFTER", "7", "SCALEDECK_HEALTH_INTERVAL", "10s"));
        assertThat(c.balancer().strategy()).isEqualTo(dev.scaledeck.engine.balancer.Strategy.LEAST_CONNECTIONS);
        assertThat(c.balancer().panicMode()).isEqualTo(dev.scaledeck.engine.balancer.PanicMode.SPREAD);
        assertThat(c.balancer().slowStart()).isZero();
        assertThat(c.healthServices()).extracting(ServiceSpec::name).containsExactly("auth");
        assertThat(c.secondaryDatabase()).map(DatabaseUrl::jdbcUrl).contains("jdbc:postgresql://db2:5432/app");
        assertThat(c.failover().failBackAfter()).isEqualTo(7);
        assertThat(c.health().checkInterval()).isEqualTo(Duration.ofSeconds(10));
        ScalingConfig defaults = load(Map.of());
        assertThat(defaults.balancer()).isEqualTo(dev.scaledeck.engine.balancer.BalancerConfig.defaults());
    }

    @Test
    void shouldReadBackupSettings() {
        ScalingConfig defaults = load(Map.of());
        assertThat(defaults.backup().directory()).isEqualTo(defaults.home().resolve("backups"));
        assertThat(defaults.backup().compressionLevel()).isEqualTo(6);
        assertThat(defaults.backup().schedules()).extracting(s -> s.target().key() + "/" + s.every())
                .containsExactly("full/PT24H", "base/PT24H");
        assertThat(defaults.backup().retention()).isEqualTo(dev.scaledeck.engine.backup.RetentionPolicy.DEFAULT);
        assertThat(defaults.backup().rpo()).isEqualTo(Duration.ofHours(25));
        assertThat(defaults.backup().copies()).isEmpty();

        ScalingConfig c = load(Map.of("SCALEDECK_BACKUP_DIR", "/srv/backups", "SCALEDECK_BACKUP_COMPRESSION", "none",
                "SCALEDECK_BACKUP_SCHEDULES", "[{\"scope\":\"user:42\",\"every\":\"1h\"}]",
                "SCALEDECK_BACKUP_RETENTION", "last=3,monthly=12", "SCALEDECK_BACKUP_COPIES", "[\"/mnt/b\",\"~/c\"]",
                "SCALEDECK_BACKUP_OWNERSHIP", "{\"audit.log\":\"actor_id\"}", "HOME", "/home/op"));
        assertThat(c.backup().directory()).isEqualTo(java.nio.file.Path.of("/srv/backups"));
        assertThat(c.backup().compressionLevel()).isZero();
        assertThat(c.backup().schedules()).singleElement().satisfies(s -> {
            assertThat(s.target().key()).isEqualTo("user:42");
            assertThat(s.every()).isEqualTo(Duration.ofHours(1));
        });
        assertThat(c.backup().retention()).isEqualTo(new dev.scaledeck.engine.backup.RetentionPolicy(3, 0, 0, 12));
        assertThat(c.backup().copies()).containsExactly(java.nio.file.Path.of("/mnt/b"), java.nio.file.Path.of("/home/op/c"));
        assertThat(c.backup().ownership()).containsExactly(Map.entry("audit.log", "actor_id"));
        assertThat(load(Map.of("SCALEDECK_BACKUP_SCHEDULES", "[]")).backup().schedules()).isEmpty();
    }

    @Test
    void shouldTurnOnEngineDebugForScalingNamespace() {
        assertThat(load(Map.of("DEBUG", "scaling:*")).debug().loggers())
                .containsExactly("dev.scaledeck.engine", "dev.scaledeck.embedded");
        assertThat(load(Map.of("DEBUG", "*")).debug().all()).isTrue();
        assertThat(load(Map.of("DEBUG", "express:*")).debug().enabled()).isFalse();
    }

    @Test
    void shouldTurnOnDebugForEachNamedPartOnly() {
        DebugLogging debug = load(Map.of("DEBUG", "scaling:pool, scaling:balancer,express:router")).debug();
        assertThat(debug.parts()).containsExactly("balancer", "pool");
        assertThat(debug.loggers()).containsExactly("dev.scaledeck.engine.balancer", "dev.scaledeck.engine.pool");
        assertThat(load(Map.of("DEBUG", "scaling:embedded")).debug().loggers()).containsExactly("dev.scaledeck.embedded");
    }

    @Test
    void shouldLeaveOutAPartExcludedWithAMinus() {
        DebugLogging debug = load(Map.of("DEBUG", "scaling:*,-scaling:pool")).debug();
        assertThat(debug.all()).isFalse();
        assertThat(debug.parts()).contains("balancer", "scaling", "embedded").doesNotContain("pool");
        assertThat(debug.loggers()).doesNotContain("dev.scaledeck.engine.pool", "dev.scaledeck.engine");
    }

    @Test
    void shouldMapEveryDebugPartToItsEnginePackage() {
        for (String part : List.of("balancer", "pool", "scaling", "backup", "recovery", "health", "failover",
                "loadtest", "alert", "config", "metrics")) {
            assertThat(DebugLogging.parse("scaling:" + part).loggers()).as(part)
                    .containsExactly("dev.scaledeck.engine." + part);
        }
    }

    @Test
    void shouldReadTheWebhookSettings() {
        ScalingConfig c = ConfigLoader.load(null, Map.of("SCALEDECK_NOTIFY_WEBHOOK", "https://hooks.example.com/services/T0/B0/secret"),
                Map.of("notify.minSeverity", "critical", "notify.interval", "10m", "notify.maxPerMinute", "3"));
        NotifyConfig n = c.notifications();
        assertThat(n.webhook()).contains(java.net.URI.create("https://hooks.example.com/services/T0/B0/secret"));
        assertThat(n.webhookHost()).isEqualTo("hooks.example.com");
        assertThat(n.minSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(n.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(n.maxPerMinute()).isEqualTo(3);
        assertThat(n.toString()).doesNotContain("secret", "services");
    }

    @Test
    void shouldNeverEchoAWebhookPathInARejection() {
        assertThatThrownBy(() -> load(Map.of("SCALEDECK_NOTIFY_WEBHOOK", "ftp://hooks.example.com/services/T0/B0/secret")))
                .hasMessage("SCALEDECK_NOTIFY_WEBHOOK = 'ftp://hooks.example.com/****' is not valid: an http(s) URL"
                        + " such as https://hooks.slack.com/services/..., or empty for no notifications");
        assertThat(ConfigParser.maskAfterHost("https://user:pw@h:8443/a/b?c=d")).isEqualTo("https://****@h:8443/****");
        assertThat(ConfigParser.maskAfterHost("hooks")).isEqualTo("hooks");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SUPABASE_MAX_CONNECTIONS|abc|a whole number from 1 to 10000",
            "SUPABASE_MAX_CONNECTIONS|-5|a whole number from 1 to 10000",
            "SUPABASE_MAX_CONNECTIONS|0|a whole number from 1 to 10000",
            "SUPABASE_MIN_CONNECTIONS|-1|a whole number from 0 to 10000",
            "SUPABASE_MIN_CONNECTIONS|25|must not exceed SUPABASE_MAX_CONNECTIONS",
            "SCALEDECK_POOL_ACQUIRE_TIMEOUT|30|a duration such as 500ms, 30s, 5m or 2h",
            "SCALEDECK_POOL_ACQUIRE_TIMEOUT|0s|greater than zero",
            "SCALEDECK_POOL_IDLE_TIMEOUT|1s|at least 10s",
            "LOAD_BALANCER_INSTANCES|[{\"id\":\"a\",|malformed JSON",
            "LOAD_BALANCER_INSTANCES|{\"id\":\"a\"}|not a list",
            "LOAD_BALANCER_INSTANCES|[{\"id\":\"a\",\"url\":\"ftp://x\"}]|is not an http(s) URL",
            "LOAD_BALANCER_INSTANCES|[{\"id\":\"a\",\"url\":\"http://x\",\"weight\":0}]|weight 0 is not a whole number",
            "LOAD_BALANCER_INSTANCES|[{\"id\":\"a\",\"url\":\"http://x\"},{\"id\":\"a\",\"url\":\"http://y\"}]|appears twice",
            "LOAD_BALANCER_INSTANCES|[{\"url\":\"http://x\"}]|\"id\" must be a non-empty text",
            "DEPLOYMENT_PLATFORM|heroku|one of local, kubernetes, docker-swarm, vercel",
            "DATABASE_URL|mysql://localhost/db|a JDBC URL",
            "DATABASE_URL|postgres://u:p@/db|no host",
            "SCALEDECK_SCALE_UP_CPU|120|a number from 1 to 100",
            "SCALEDECK_SCALE_DOWN_CPU|85|must be below SCALEDECK_SCALE_UP_CPU",
            "SCALEDECK_MIN_INSTANCES|11|must not exceed SCALEDECK_MAX_INSTANCES",
            "SCALEDECK_SCALING_COOLDOWN|five minutes|a duration such as",
            "SCALEDECK_SAMPLE_INSTANCES|0|a whole number from 1 to 64",
            "SCALEDECK_AMBIENT_RATE|-1|a number from 0 to 1000",
            "SCALEDECK_SAMPLE_SERVICE_TIME|11s|a duration from 0ms to 10s",
            "SCALEDECK_LOAD_TEST_LATENCY_ALERT|0ms|greater than zero",
            "SCALEDECK_SCALING_POLICY|hpa|one of threshold, target-tracking",
            "SCALEDECK_SCALING_TARGETS|cpu70|\"cpu70\" has no '='",
            "SCALEDECK_SCALING_TARGETS|disk=50|'disk' is not a metric; use one of cpu, memory, connections, response-time",
            "SCALEDECK_SCALING_TARGETS|cpu=150|the target for cpu must be above 0 and at most 100, but was 150",
            "SCALEDECK_SCALING_TARGETS|cpu=fast|\"fast\" is not a number",
            "SCALEDECK_SCALING_TARGETS|cpu=50,cpu=60|cpu appears twice",
            "SCALEDECK_SCALING_TOLERANCE|100|a number from 0 to 99",
            "SCALEDECK_SCALING_SUSTAIN|0|a whole number from 1 to 100",
            "SCALEDECK_SCALING_MODE|auto|one of recommend, apply",
            "SCALEDECK_RECOVERY_MODE|auto|one of ask, automatic",
            "SCALEDECK_SCALING_INTERVAL|0s|greater than zero",
            "SCALEDECK_SCALE_DOWN_STABILIZATION|soon|a duration such as",
            "SCALEDECK_MAX_STEP_UP|0|a whole number from 1 to 1000",
            "SCALEDECK_MAX_STEP_UP_PERCENT|-5|a whole number from 0 to 1000",
            "SCALEDECK_RATE_PERIOD|0s|greater than zero",
            "SCALEDECK_SCALING_METRICS|kubernetes|instances, unless DEPLOYMENT_PLATFORM",
            "SCALEDECK_SCALING_METRICS|prometheus|one of instances, kubernetes",
            "SCALEDECK_INSTANCE_POOL_SIZE|0|a whole number from 1 to 10000",
            "SCALEDECK_CONNECTION_RESERVE|-1|a whole number from 0 to 10000",
            "SCALEDECK_K8S_PORT|70000|a whole number from 1 to 65535",
            "DOCKER_HOST|ssh://manager|unix:///path/to/docker.sock or tcp://host:port",
            "SCALEDECK_VERCEL_MAX_DURATION|901s|whole seconds from 1s to 900s",
            "SCALEDECK_VERCEL_MEMORY|64|a whole number from 128 to 3009",
            "SCALEDECK_MEMORY_ALERT_PERCENT|NaN|a number from 1 to 100",
            "SCALEDECK_BALANCER_STRATEGY|random|one of smooth-weighted-round-robin, least-connections, round-robin",
            "SCALEDECK_PANIC_MODE|ignore|one of fail-fast, spread",
            "SCALEDECK_MAX_EJECTION_TIME|10s|must not be shorter than SCALEDECK_EJECTION_TIME (default) = 30s",
            "SCALEDECK_MAX_EJECTED_PERCENT|150|a whole number from 0 to 100",
            "SCALEDECK_PROBE_INTERVAL|0s|greater than zero",
            "SCALEDECK_UNHEALTHY_THRESHOLD|0|a whole number from 1 to 100",
            "SCALEDECK_HEALTH_SERVICES|[{\"name\":\"x\"}]|\"url\" is missing",
            "SCALEDECK_HEALTH_SERVICES|[{\"name\":\"x\",\"url\":\"x\"}]|is not an http(s) URL",
            "DATABASE_SECONDARY_URL|postgres://u:p@h/db|a standby needs a primary",
            "SCALEDECK_HTTP_FAILOVER|[{\"name\":\"auth\",\"primary\":\"http://a\"}]|\"secondary\" must be a non-empty text",
            "SCALEDECK_HTTP_FAILOVER|[{\"name\":\"auth\",\"primary\":\"http://a\",\"secondary\":\"http://a\"}]|primary and secondary are the same URL",
            "SCALEDECK_HTTP_FAILOVER|{}|not a list",
            "SCALEDECK_BACKUP_COMPRESSION|zstd|one of none, fast, default",
            "SCALEDECK_BACKUP_SCHEDULES|[{\"scope\":\"users\",\"every\":\"1h\"}]|'users' is not a backup scope: use full, base or user:ID",
            "SCALEDECK_BACKUP_SCHEDULES|[{\"scope\":\"full\",\"every\":\"10s\"}]|(entry 1): every 10s is too often; the least is 1m",
            "SCALEDECK_BACKUP_SCHEDULES|[{\"scope\":\"full\",\"every\":\"daily\"}]|a duration such as",
            "SCALEDECK_BACKUP_SCHEDULES|[{\"scope\":\"full\",\"every\":\"1h\"},{\"scope\":\"full\",\"every\":\"2h\"}]|scope full is scheduled twice",
            "SCALEDECK_BACKUP_SCHEDULES|[{\"every\":\"1h\"}]|\"scope\" must be a non-empty text",
            "SCALEDECK_BACKUP_RETENTION|last=0|'last=0': last must be a whole number from 1 to 10000",
            "SCALEDECK_BACKUP_RETENTION|hourly=24|'hourly=24' is not one of last=N, daily=N, weekly=N, monthly=N",
            "SCALEDECK_BACKUP_COPIES|[1]|a JSON list of directory paths (entry 1 is not a path)",
            "SCALEDECK_BACKUP_RPO|0s|greater than zero",
            "SCALEDECK_BACKUP_USER_TABLE|users; drop table x|a table name",
            "SCALEDECK_BACKUP_OWNERSHIP|[\"a\"]|not an object",
            "SCALEDECK_BACKUP_OWNERSHIP|{\"audit\":\"actor id\"}|\"audit\" must be a table name and its value a column name",
            "SCALEDECK_METRICS_PORT|65536|a whole number from 0 to 65535",
            "SCALEDECK_METRICS_PORT|-1|a whole number from 0 to 65535",
            "SCALEDECK_METRICS_PORT|http|a whole number from 0 to 65535",
            "SCALEDECK_METRICS_BIND|metrics.example.com|an IP address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost",
            "SCALEDECK_METRICS_BIND|256.1.1.1|an IP address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost",
            "SCALEDECK_METRICS_BIND|''|an IP address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost",
            "SCALEDECK_NOTIFY_WEBHOOK|hooks.slack.com/services/x|an http(s) URL such as https://hooks.slack.com/services/...",
            "SCALEDECK_NOTIFY_WEBHOOK|http://|an http(s) URL",
            "SCALEDECK_NOTIFY_MIN_SEVERITY|error|one of info, warning, critical",
            "SCALEDECK_NOTIFY_INTERVAL|often|a duration such as",
            "SCALEDECK_NOTIFY_MAX_PER_MINUTE|0|a whole number from 1 to 1000",
            "DEBUG|scaling:balanser|'balanser' is not a part of the engine; scaling:* (the whole engine) or scaling:PART",
            "DEBUG|scaling:pool,scaling:metric|with PART one of alert, backup, balancer, config, event, failover, health, loadtest, metrics, pool, recovery, scaling, util, embedded",
    })
    void shouldRejectEveryBadValueNamingSettingValueAndWhatIsAllowed(String env, String value, String allowed) {
        assertThatThrownBy(() -> load(Map.of(env, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(env + " = '")
                .hasMessageContaining(allowed)
                .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(env));
    }

    @Test
    void shouldKeepTheMetricsEndpointOffOnLoopbackUnlessAPortIsGiven() throws Exception {
        MetricsConfig off = load(Map.of()).metrics();
        assertThat(off.enabled()).isFalse();
        assertThat(off.bind().getHostAddress()).isEqualTo("127.0.0.1");

        MetricsConfig on = load(Map.of("SCALEDECK_METRICS_PORT", "9464", "SCALEDECK_METRICS_BIND", "0.0.0.0")).metrics();
        assertThat(on.port()).isEqualTo(9464);
        assertThat(on.url()).isEqualTo("http://0.0.0.0:9464/metrics");
        assertThat(load(Map.of("SCALEDECK_METRICS_BIND", "::1")).metrics().withPort(9464).url())
                .isEqualTo("http://[0:0:0:0:0:0:0:1]:9464/metrics");
        assertThat(load(Map.of("SCALEDECK_METRICS_BIND", "localhost")).metrics().bind().isLoopbackAddress()).isTrue();
    }

    @Test
    void shouldNameTheYamlKeyAndFileWhenTheBadValueCameFromTheFile() throws IOException {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "pool:\n  maxConnections: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
                .hasMessage("pool.maxConnections (" + yaml + ") = 'lots' is not valid: a whole number from 1 to 10000");
    }

    @Test
    void shouldRejectUnknownKeysWithASuggestion() throws IOException {
        Path yaml = dir.resolve("typo.yaml");
        Files.writeString(yaml, "pool:\n  max_connections: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
                .hasMessageContaining("unknown setting (did you mean pool.maxConnections?)");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("pool.size", "5")))
                .hasMessageStartingWith("--set = 'pool.size'");
    }

    @Test
    void shouldReportMalformedYamlWithItsLine() throws IOException {
        Path yaml = dir.resolve("broken.yaml");
        Files.writeString(yaml, "pool:\n  maxConnections: 5\n   minConnections: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML at line");
    }

    @Test
    void shouldRejectAMissingConfigFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("--config = '" + dir.resolve("nope.yaml") + "'")
                .hasMessageContaining("not found");
    }

    @Test
    void shouldNeverEchoAPasswordInARejection() {
        assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "postgres://admin:s3cret@/db")))
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("admin:****@");
    }

    @Test
    void shouldHaveNoStackTraceOnConfigErrors() {
        ConfigException e = new ConfigException("X", "1", "y");
        assertThat(e.getStackTrace()).isEmpty();
    }
}
