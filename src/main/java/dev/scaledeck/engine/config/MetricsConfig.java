package dev.scaledeck.engine.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The Prometheus endpoint. Immutable.
 *
 * @param port where {@code GET /metrics} answers; 0 turns the endpoint off
 * @param bind the address it listens on (the loopback address unless the operator opens it up)
 */
public record MetricsConfig(int port, InetAddress bind) {

    public static final int MAX_PORT = 65_535;

    public MetricsConfig {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be from 0 (off) to " + MAX_PORT + ", but was " + port);
        }
        Objects.requireNonNull(bind, "bind");
    }

    /** Off, on the loopback address: what a fresh install runs with. */
    public static MetricsConfig defaults() {
        return new MetricsConfig(0, InetAddress.getLoopbackAddress());
    }

    public boolean enabled() {
        return port != 0;
    }

    /** The same bind address on another port ({@code --metrics-port}). */
    public MetricsConfig withPort(int newPort) {
        return new MetricsConfig(newPort, bind);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(bind, port);
    }

    /** {@code 127.0.0.1:9464}, or {@code [::1]:9464}: how messages name where it listens. */
    public String hostAndPort() {
        String host = bind.getHostAddress();
        return (bind instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        return "http://" + hostAndPort() + "/metrics";
    }
}
