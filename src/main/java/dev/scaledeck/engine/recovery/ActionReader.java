package dev.scaledeck.engine.recovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the type-specific fields of a step into its {@link StepAction}. Where a field is wrong
 * the problem is recorded and a stand-in is used: the plan is not built when there is any problem,
 * so stand-ins never reach a run. Thread-safe (stateless).
 */
final class ActionReader {

    /** Every step type, in the order the format describes them. */
    static final List<String> TYPES = List.of("health-check", "wait", "failover", "start-database",
            "restore-backup", "restore-repository", "scale", "eject", "restore-instance", "http", "sql",
            "command", "notify", "approve");

    private static final String SHELL_STRING = "command steps take an argument list (argv: [program, arg, ...]), "
            + "never a shell string";

    private static final Map<String, Boolean> EXPECT = YamlMap.byName(new Boolean[]{true, false},
            pass -> pass ? "pass" : "fail");
    private static final Map<String, WaitCondition.Kind> UNTIL =
            YamlMap.byName(WaitCondition.Kind.values(), WaitCondition.Kind::yaml);
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern SCALE_TO = Pattern.compile("\\+?\\d{1,9}|back");
    private static final Pattern USER_SCOPE = Pattern.compile("user:(\\d{1,18}|\\$\\{[^}]+})");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}|all");
    private static final Duration EVERY = Duration.ofSeconds(1);

    private ActionReader() {
    }

    /** @param type one of {@link #TYPES} */
    static StepAction read(String type, YamlMap m) {
        return switch (type) {
            case "health-check" -> new StepAction.HealthCheck(
                    m.requiredText("target", "database, instances or a health check's name").orElse(""),
                    m.choice("expect", "an expected result", EXPECT).orElse(true));
            case "wait" -> waitFor(m);
            case "failover" -> new StepAction.Failover(
                    m.requiredText("target", "database or an HTTP service with a standby").orElse(""));
            case "start-database" -> new StepAction.StartDatabase();
            case "restore-backup" -> restoreBackup(m);
            case "restore-repository" -> new StepAction.RestoreRepository();
            case "scale" -> new StepAction.Scale(scaleTo(m));
            case "eject" -> new StepAction.Instance(instance(m), true);
            case "restore-instance" -> new StepAction.Instance(instance(m), false);
            case "http" -> http(m);
            case "sql" -> new StepAction.Sql(m.requiredText("statement", "the SQL statement to run").orElse(""),
                    m.text("expect"));
            case "command" -> command(m);
            case "notify" -> new StepAction.Notify(m.requiredText("message", "the text for the operator").orElse(""),
                    url(m, "webhook"));
            case "approve" -> new StepAction.Approve(
                    m.requiredText("question", "what the operator is asked to approve").orElse(""));
            default -> throw new IllegalArgumentException("not a step type: " + type);
        };
    }

    private static StepAction waitFor(YamlMap m) {
        Optional<WaitCondition.Kind> kind = m.requiredChoice("until", "a wait condition", UNTIL);
        Optional<String> count = m.text("count");
        if (count.isPresent()) {
            if (kind.isPresent() && kind.get() != WaitCondition.Kind.INSTANCES_HEALTHY) {
                m.problem("count", "only applies to until: instances-healthy");
            } else if (!COUNT.matcher(count.get()).matches() && !Placeholders.isOnlyPlaceholder(count.get())) {
                m.reject("count", count.get(), "is not a count; use a whole number 0 or more, all, "
                        + "or a placeholder such as ${replicas-at-start}");
            }
        }
        Duration every = m.duration("every", false).orElse(EVERY);
        WaitCondition.Kind until = kind.orElse(WaitCondition.Kind.HEALTH_UP);
        String counted = until == WaitCondition.Kind.INSTANCES_HEALTHY ? count.orElse("all") : "all";
        return new StepAction.Wait(new WaitCondition(until, counted), every);
    }

    private static StepAction restoreBackup(YamlMap m) {
        Optional<String> scope = m.requiredText("scope", "full or user:ID");
        if (scope.isPresent() && !scope.get().equals("full") && !USER_SCOPE.matcher(scope.get()).matches()) {
            m.reject("scope", scope.get(), "is not a scope; use full or user:ID (the id in digits, "
                    + "or a placeholder as in user:${user})");
        }
        Optional<String> at = m.text("at");
        if (at.isPresent() && !Placeholders.isOnlyPlaceholder(at.get()) && !isInstant(at.get())) {
            m.reject("at", at.get(), "is not a point in time; use an ISO-8601 instant such as "
                    + "2025-03-01T09:30:00Z, or a placeholder such as ${at}");
        }
        return new StepAction.RestoreBackup(scope.orElse("full"), at);
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String scaleTo(YamlMap m) {
        Optional<String> to = m.requiredText("to", "N, +N or back");
        if (to.isPresent() && !SCALE_TO.matcher(to.get()).matches() && !Placeholders.isOnlyPlaceholder(to.get())) {
            m.reject("to", to.get(), "is not a replica count; use N (e.g. 3), +N (e.g. +1), back, "
                    + "or a placeholder such as ${replicas}");
        }
        return to.orElse("back");
    }

    private static String instance(YamlMap m) {
        return m.requiredText("instance", "an instance id or unhealthy").orElse("unhealthy");
    }

    private static StepAction http(YamlMap m) {
        String url = url(m, "url").orElse("");
        if (!m.has("url")) {
            m.missing("url", "an http:// or https:// URL");
        }
        Optional<String> given = m.text("method");
        String method = given.map(t -> t.toUpperCase(Locale.ROOT)).orElse("POST");
        if (!METHODS.contains(method)) {
            m.reject("method", given.orElse(method), "is not an HTTP method; use " + YamlMap.oneOf(METHODS));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        m.map("headers").ifPresent(h -> h.entries().forEach((name, value) ->
                h.text(value, h.pathOf(name)).ifPresent(text -> headers.put(name, text))));
        Optional<String> body = m.text("body");
        int expectStatus = m.wholeNumber("expectStatus").orElse(0);
        if (expectStatus != 0 && (expectStatus < 100 || expectStatus > 599)) {
            m.reject("expectStatus", String.valueOf(expectStatus), "is not an HTTP status; use 100 to 599, "
                    + "or leave it out for any 2xx");
        }
        return new StepAction.Http(method, url, headers, body, expectStatus);
    }

    /** An optional http(s) URL. One that begins with a placeholder can only be checked once filled. */
    private static Optional<String> url(YamlMap m, String key) {
        Optional<String> url = m.text(key);
        if (url.isPresent() && !url.get().startsWith("${") && !isHttpUrl(url.get())) {
            m.reject(key, url.get(), "is not an http:// or https:// URL");
        }
        return url;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(Placeholders.withoutPlaceholders(text.strip(), "x"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static StepAction command(YamlMap m) {
        Optional<List<String>> argv = m.textList("argv", SHELL_STRING);
        if (!m.has("argv")) {
            m.missing("argv", "the program and its arguments as a list: argv: [program, arg, ...]");
        } else if (argv.isPresent() && argv.get().isEmpty()) {
            m.problem("argv", "is empty; give at least the program: argv: [program, arg, ...]");
        } else if (argv.isPresent() && argv.get().get(0).isBlank()) {
            m.problem("argv", "the program (the first element) is empty");
        }
        return new StepAction.Command(argv.orElse(List.of()), m.text("directory"));
    }
}
