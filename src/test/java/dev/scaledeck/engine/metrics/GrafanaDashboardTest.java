package dev.scaledeck.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped Grafana dashboard asks only for metrics a real engine exports. */
class GrafanaDashboardTest {

    private static final String DASHBOARD = "/grafana/scaledeck-dashboard.json";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right");

    @TempDir
    Path home;

    private static JsonNode dashboard() throws IOException {
        try (InputStream in = GrafanaDashboardTest.class.getResourceAsStream(DASHBOARD)) {
            assertThat(in).as(DASHBOARD + " on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** Every PromQL expression: the panels' targets and the variables' queries. */
    private static List<String> expressions(JsonNode node) {
        List<String> found = new ArrayList<>();
        node.findValues("expr").forEach(e -> found.add(e.asText()));
        node.path("templating").path("list").forEach(v -> {
            if (v.has("definition")) {
                found.add(v.get("definition").asText());
            }
        });
        return found;
    }

    /**
     * The metric names in a PromQL expression: what is left once strings, label matchers, ranges,
     * grouping clauses and Grafana variables are taken out, less functions and keywords.
     */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            boolean function = s.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(token)) {
                names.add(token);
            }
        }
        return names;
    }

    @Test
    void shouldReadMetricNamesOutOfPromQl() {
        assertThat(metricNames("sum by (instance_id) (rate(scaledeck_balancer_requests_total{job=~\"$job\"}[$__rate_interval]))"))
                .containsExactly("scaledeck_balancer_requests_total");
        assertThat(metricNames("scaledeck_balancer_instance_state{job=~\"$job\", state=\"a{b}\"} == 1 and on (x) up"))
                .containsExactly("scaledeck_balancer_instance_state", "up");
        assertThat(metricNames("label_values(scaledeck_pool_connections_max, job)"))
                .containsExactly("job", "scaledeck_pool_connections_max");
    }

    @Test
    void shouldBeAValidDashboardOnAPrometheusDatasourceVariable() throws IOException {
        JsonNode d = dashboard();

        assertThat(d.path("title").asText()).isEqualTo("ScaleDeck");
        JsonNode datasource = d.path("templating").path("list").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${" + datasource.path("name").asText() + "}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void shouldAskOnlyForMetricsTheEngineExports() throws Exception {
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "LOAD_BALANCER_INSTANCES", "[{\"id\":\"a\",\"url\":\"http://127.0.0.1:9\"}]"), Map.of());
        Set<String> exported;
        try (ScalingEngine engine = ScalingEngine.start(config, TestPostgres.freshDatabase(), config.instances(),
                Clock.systemUTC()); EngineMetrics metrics = new EngineMetrics(engine)) {
            exported = PrometheusText.parse(metrics.scrape()).samples().stream()
                    .map(PrometheusText.Sample::name).collect(Collectors.toSet());
        }
        // Variables read label values; "job" is the label, not a metric.
        Set<String> asked = expressions(dashboard()).stream().flatMap(e -> metricNames(e).stream())
                .filter(name -> !name.equals("job")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(asked).isNotEmpty().allSatisfy(name -> assertThat(exported).as("exported metrics").contains(name));
        // The Overview's panels: pool, instances and their state, requests and errors, replicas, health, alerts,
        // backups against the RPO, the last drills.
        assertThat(asked).contains("scaledeck_pool_connections_active", "scaledeck_balancer_instance_state",
                "scaledeck_balancer_requests_total", "scaledeck_balancer_errors_total", "scaledeck_scaling_replicas_desired",
                "scaledeck_health_status", "scaledeck_alerts_active", "scaledeck_backup_scope_age_seconds",
                "scaledeck_backup_rpo_seconds", "scaledeck_dr_last_drill_rto_seconds", "scaledeck_dr_last_drill_rpo_seconds");
    }
}
