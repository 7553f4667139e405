package dev.scaledeck.engine.scaling.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A minimal HTTP/1.1 client for the Docker Engine API (version {@value #API_VERSION}) over a unix
 * socket or plain TCP, one request per connection. Enough for the few calls the Swarm platform
 * makes; it follows no redirects and speaks no TLS. Immutable and thread-safe: each call opens
 * its own connection.
 */
public final class DockerEngineClient {

    /** The path prefix of every call: the API version of Docker 20.10, which every newer daemon accepts. */
    public static final String API_VERSION = "v1.41";
    /** Where the daemon listens when {@code DOCKER_HOST} is not set. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    /** Connect timeout of {@link #fromHost(String)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Read timeout (the longest silence while waiting for bytes) of {@link #fromHost(String)}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private final DockerEndpoint endpoint;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private DockerEngineClient(DockerEndpoint endpoint, Duration connectTimeout, Duration readTimeout) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * A client for a {@code DOCKER_HOST}-style address, with the default timeouts.
     *
     * @param dockerHost {@code unix:///var/run/docker.sock}, {@code tcp://host:2375} or
     *                   {@code http://host:port}; {@code tcp://host} means port 2375
     * @throws IllegalArgumentException naming the value and the allowed forms
     */
    public static DockerEngineClient fromHost(String dockerHost) {
        return fromHost(dockerHost, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * A client for a {@code DOCKER_HOST}-style address.
     *
     * @param connectTimeout how long to wait for the connection
     * @param readTimeout    how long to wait for the next bytes of an answer
     * @throws IllegalArgumentException naming the bad value and what is allowed
     */
    public static DockerEngineClient fromHost(String dockerHost, Duration connectTimeout, Duration readTimeout) {
        return new DockerEngineClient(DockerEndpoint.parse(dockerHost), positive("connectTimeout", connectTimeout),
                positive("readTimeout", readTimeout));
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    /** The daemon's address in canonical form, for messages: {@code unix:///var/run/docker.sock}. */
    public String host() {
        return endpoint.description();
    }

    /**
     * {@code GET /v1.41<path>}.
     *
     * @param pathAndQuery e.g. {@code /services/web}, query already URL-encoded
     * @throws DockerUnreachableException when no connection could be made
     * @throws IOException                when the daemon did not answer in time or the answer broke off
     */
    public DockerResponse get(String pathAndQuery) throws IOException {
        return send("GET", pathAndQuery, null);
    }

    /**
     * {@code POST /v1.41<path>} with a JSON body.
     *
     * @throws DockerUnreachableException when no connection could be made
     * @throws IOException                when the daemon did not answer in time or the answer broke off
     */
    public DockerResponse post(String pathAndQuery, String jsonBody) throws IOException {
        return send("POST", pathAndQuery, jsonBody == null ? "" : jsonBody);
    }

    private DockerResponse send(String method, String pathAndQuery, String body) throws IOException {
        if (!pathAndQuery.startsWith("/") || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("an API path must start with '/' and be URL-encoded"
                    + " (no spaces or control characters), but was '" + pathAndQuery + "'");
        }
        byte[] request = request(method, pathAndQuery, body);
        try (SocketConnection connection = connect()) {
            connection.write(request);
            return DockerResponseReader.read(connection.input());
        } catch (SocketTimeoutException e) {
            long millis = readTimeout.toMillis();
            SocketTimeoutException timeout = new SocketTimeoutException("the Docker daemon at " + host()
                    + " did not answer " + method + " " + pathAndQuery + " within "
                    + (millis < 1000 ? millis + " ms" : readTimeout.toSeconds() + " s"));
            timeout.initCause(e);
            throw timeout;
        }
    }

    private SocketConnection connect() throws IOException {
        try {
            return SocketConnection.open(endpoint.resolve(), connectTimeout, readTimeout);
        } catch (SocketTimeoutException e) {
            throw new DockerUnreachableException(host(), e);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new DockerUnreachableException(host(), e);
        }
    }

    private byte[] request(String method, String pathAndQuery, String body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(" /").append(API_VERSION).append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n")
                .append("User-Agent: ScaleDeck\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bytes);
        return out.toByteArray();
    }
}
