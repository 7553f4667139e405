package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.event.EngineEvent;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The steps that reach outside the engine: HTTP calls, SQL, local commands, notifications. */
final class ExternalSteps {

    private static final int OUTPUT_LINES = 40;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ExternalSteps() {
    }

    static void http(StepAction.Http step, StepContext c, Duration timeout) throws Exception {
        URI url = httpUrl(c.fill(step.url()));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout);
        for (Map.Entry<String, String> h : step.headers().entrySet()) {
            request.header(h.getKey(), c.fill(h.getValue()));
        }
        request.method(step.method(), step.body().map(b -> HttpRequest.BodyPublishers.ofString(c.fill(b)))
                .orElse(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        String where = step.method() + " " + masked(url);
        c.say(where + " -> " + status);
        boolean ok = step.expectStatus() == 0 ? status / 100 == 2 : status == step.expectStatus();
        if (!ok) {
            throw new StepFailedException(where + " answered " + status + ", expected "
                    + (step.expectStatus() == 0 ? "2xx" : Integer.toString(step.expectStatus())));
        }
    }

    /** The filled-in URL of an http or webhook step; a placeholder may have made it something else. */
    static URI httpUrl(String text) throws StepFailedException {
        try {
            URI url = new URI(text);
            if (("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        // The text itself may hold a token: it is not repeated.
        throw new StepFailedException("the URL, once filled in, is not an http(s) URL with a host");
    }

    /**
     * The URL as far as it is safe to show: scheme, host and port. Paths and queries of webhooks
     * carry tokens (Slack's do), so they are left out.
     */
    static String masked(URI url) {
        boolean more = (url.getRawPath() != null && url.getRawPath().length() > 1) || url.getRawQuery() != null;
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + (more ? "/..." : "");
    }

    static void sql(StepAction.Sql step, StepContext c, Duration timeout) throws Exception {
        Placeholders.BoundSql bound = Placeholders.bind(step.statement(), c.values());
        String first = c.engine().pool().withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(bound.sql())) {
                ps.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                for (int i = 0; i < bound.arguments().size(); i++) {
                    String value = bound.arguments().get(i);
                    if (value.matches("-?\\d{1,18}")) {
                        ps.setLong(i + 1, Long.parseLong(value));
                    } else {
                        ps.setString(i + 1, value);
                    }
                }
                if (!ps.execute()) {
                    return ps.getUpdateCount() + " row(s) changed";
                }
                try (ResultSet rs = ps.getResultSet()) {
                    return rs.next() ? String.valueOf(rs.getString(1)) : "(no rows)";
                }
            }
        });
        c.say(bound.sql() + " -> " + first);
        if (step.expect().isPresent() && !step.expect().get().equals(first) && !sameBoolean(step.expect().get(), first)) {
            throw new StepFailedException("the statement gave " + first + ", expected " + step.expect().get());
        }
    }

    /** PostgreSQL's JDBC driver reads a boolean as "t"/"f". */
    private static boolean sameBoolean(String expected, String actual) {
        return (expected.equals("true") && actual.equals("t")) || (expected.equals("false") && actual.equals("f"));
    }

    /**
     * Runs the program with its arguments as given (no shell, so {@code ;}, {@code |} and {@code $(..)} are
     * plain characters of an argument); output and errors go to the step's output.
     */
    static void command(StepAction.Command step, StepContext c) throws Exception {
        List<String> argv = new ArrayList<>();
        for (String arg : step.argv()) {
            argv.add(c.fill(arg));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        step.directory().map(c::fill).map(File::new).ifPresent(pb::directory);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StepFailedException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            int lines = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (lines++ < OUTPUT_LINES) {
                        c.say(line);
                    }
                }
            }
            int exit = p.waitFor();
            if (lines > OUTPUT_LINES) {
                c.say("(" + (lines - OUTPUT_LINES) + " more line(s) not kept)");
            }
            if (exit != 0) {
                throw new StepFailedException(argv.get(0) + " exited with " + exit);
            }
            c.say(argv.get(0) + " exited with 0");
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    static void notify(StepAction.Notify step, StepContext c, String runId) throws Exception {
        String message = c.fill(step.message());
        c.engine().journal().record(new EngineEvent(c.engine().clock().instant(), "recovery", "notify", runId, message));
        c.say(message);
        if (step.webhook().isPresent()) {
            URI url = httpUrl(c.fill(step.webhook().get()));
            String body = "{\"text\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "}";
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                throw new StepFailedException("the webhook " + masked(url) + " answered " + r.statusCode());
            }
            c.say("sent to the webhook " + masked(url));
        }
    }
}
