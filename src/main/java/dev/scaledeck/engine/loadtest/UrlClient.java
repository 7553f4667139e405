package dev.scaledeck.engine.loadtest;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedSelectorException;
import java.util.Map;

/**
 * Sends a run's requests to one URL with Apache HttpClient 5 (async, HTTP/1.1), over a
 * connection pool sized to the run's concurrency. The response timeout is the request's timeout;
 * bodies are always read to the end (kept as text only when a check needs them). No retries, no
 * redirects, no cookies: each request is one exchange. Thread-safe.
 */
final class UrlClient implements TargetClient {

    private static final Logger LOG = LoggerFactory.getLogger(UrlClient.class);

    private final CloseableHttpAsyncClient http;
    private final URI url;
    private final RequestSpec request;
    private final ContentType contentType;
    private final boolean keepBody;
    private volatile boolean closing;

    /**
     * @param connections most connections open at once
     * @param keepBody    whether answers' bodies are needed as text (for body checks)
     */
    UrlClient(URI url, RequestSpec request, int connections, boolean keepBody) {
        this.url = url;
        this.request = request;
        this.keepBody = keepBody;
        this.contentType = contentType(request.headers());
        Timeout timeout = Timeout.of(request.timeout());
        PoolingAsyncClientConnectionManager connectionManager = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
        this.http = HttpAsyncClients.custom()
                .setConnectionManager(connectionManager)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setIoReactorExceptionCallback(this::reactorFailed)
                .build();
        http.start();
    }

    @Override
    public void send(Completion completion) {
        BasicHttpRequest message = new BasicHttpRequest(request.method(), url);
        request.headers().forEach(message::addHeader);
        AsyncEntityProducer entity = request.body() == null ? null : AsyncEntityProducers.create(request.body(), contentType);
        try {
            http.execute(new BasicRequestProducer(message, entity), consumer(), new Answer<>(completion));
        } catch (RuntimeException e) {
            // the client was closed under us (the run ended): nobody records this any more
            completion.failed(null, ErrorKind.OTHER);
        }
    }

    private AsyncResponseConsumer<? extends Message<HttpResponse, ?>> consumer() {
        return keepBody ? new BasicResponseConsumer<>(new StringAsyncEntityConsumer())
                : new BasicResponseConsumer<>(new DiscardingEntityConsumer<Void>());
    }

    /** Cancels outstanding requests at once. */
    @Override
    public void close() {
        closing = true;
        http.close(CloseMode.IMMEDIATE);
    }

    /**
     * Closing at once races the I/O threads, which then find their selector closed or its keys
     * changed under them (a ConcurrentModificationException inside the reactor): expected while
     * closing, not worth a warning.
     */
    private void reactorFailed(Exception e) {
        if (closing || e instanceof ClosedSelectorException) {
            LOG.debug("HTTP client I/O thread ended while the client closed", e);
        } else {
            LOG.warn("HTTP client I/O thread failed", e);
        }
    }

    /** Which kind of error an exchange that got no answer is. */
    static ErrorKind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectTimeoutException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof ConnectionClosedException) {
                return ErrorKind.CONNECT;
            }
            if (t instanceof SocketTimeoutException) {
                return ErrorKind.TIMEOUT;
            }
            if (t instanceof SocketException) { // reset by peer before the answer
                return ErrorKind.CONNECT;
            }
        }
        return ErrorKind.OTHER;
    }

    private static ContentType contentType(Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                return ContentType.parse(h.getValue());
            }
        }
        return ContentType.TEXT_PLAIN;
    }

    /** Hands one exchange's end to its completion. */
    private static final class Answer<T extends Message<HttpResponse, ?>> implements FutureCallback<T> {
        private final Completion completion;

        Answer(Completion completion) {
            this.completion = completion;
        }

        @Override
        public void completed(T result) {
            Object body = result.getBody();
            completion.answered(null, result.getHead().getCode(), body instanceof String s ? s : null);
        }

        @Override
        public void failed(Exception error) {
            completion.failed(null, classify(error));
        }

        @Override
        public void cancelled() {
            completion.failed(null, ErrorKind.OTHER);
        }
    }
}
