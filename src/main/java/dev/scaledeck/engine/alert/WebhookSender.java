package dev.scaledeck.engine.alert;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.scaledeck.engine.util.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs messages to a Slack-compatible webhook as {@code {"text": "..."}}, one at a time, on a
 * daemon thread of its own ({@code scaledeck-notify}), each with a timeout. {@link #send} never
 * blocks: it queues, and when the queue is full the message is dropped and counted. A failed
 * delivery (refused, timed out, not 2xx) is a WARN that names the webhook's host and nothing more
 * of its URL, whose path is a secret. Thread-safe.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int QUEUE = 64;
    private static final int BODY_SHOWN = 120;

    private final URI webhook;
    private final String host;
    private final Duration timeout;
    private final HttpClient client;
    private final ThreadPoolExecutor thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param webhook where to POST; only its host is ever logged
     * @param timeout for connecting and for the whole request
     */
    public WebhookSender(URI webhook, Duration timeout) {
        this.webhook = webhook;
        this.host = NotifyConfig.hostOf(webhook);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                new NamedThreads("scaledeck-notify"));
    }

    /** The webhook's host: what may be shown of it. */
    public String host() {
        return host;
    }

    /** Queues one message; returns at once. Dropped (and counted) when the queue is full or the sender closed. */
    public void send(String text) {
        try {
            thread.execute(() -> deliver(text));
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.warn("Alert notifications to webhook at {} are not keeping up; {} dropped so far", host, n);
            }
        }
    }

    private void deliver(String text) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json(text)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                LOG.debug("Alert notification delivered to webhook at {} ({})", host, response.statusCode());
            } else {
                fail("it answered HTTP " + response.statusCode() + bodyNote(response.body()));
            }
        } catch (HttpTimeoutException e) {
            fail("no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            fail("cannot connect (" + scrub(e.getMessage() == null ? "connection refused" : e.getMessage()) + ")");
        } catch (IOException e) {
            fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while sending");
        } catch (RuntimeException e) {
            fail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage())));
        }
    }

    private void fail(String why) {
        failed.incrementAndGet();
        LOG.warn("Alert notification to webhook at {} not delivered: {}; the alert is still shown in ScaleDeck",
                host, why);
    }

    private String bodyNote(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = scrub(body.strip().replaceAll("\\s+", " "));
        return " (" + (line.length() > BODY_SHOWN ? line.substring(0, BODY_SHOWN) + "…" : line) + ")";
    }

    /** Takes the webhook's URL and path out of a text that may quote them. */
    private String scrub(String text) {
        String out = text.replace(webhook.toString(), host);
        String path = webhook.getRawPath();
        if (path != null && path.length() > 1) {
            out = out.replace(path, "/****");
        }
        String query = webhook.getRawQuery();
        return query == null || query.isEmpty() ? out : out.replace(query, "****");
    }

    static String json(String text) {
        return "{\"text\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}";
    }

    /** Messages the webhook accepted (2xx). */
    public long delivered() {
        return delivered.get();
    }

    /** Messages that could not be delivered (refused, timed out, not 2xx). */
    public long failed() {
        return failed.get();
    }

    /** Messages dropped because the queue was full or the sender closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Sends what is queued for up to {@code bound}, then gives up on the rest. Idempotent. */
    public void close(Duration bound) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Alert notifications to webhook at {} still being sent after {} ms; left behind",
                        host, bound.toMillis());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(timeout);
    }
}
