package dev.scaledeck.engine.scaling.platform;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a Docker daemon listens, parsed from a {@code DOCKER_HOST}-style string: a unix socket
 * or a plain TCP address. Immutable.
 *
 * @param description the address in its canonical form, for messages ({@code tcp://10.0.0.2:2375})
 * @param unixSocket  the socket file for {@code unix://}, null for TCP
 * @param hostName    the host for TCP, null for {@code unix://}
 * @param port        the TCP port, 0 for {@code unix://}
 */
record DockerEndpoint(String description, Path unixSocket, String hostName, int port) {

    /** The port the docker CLI assumes when {@code tcp://host} names none. */
    static final int DEFAULT_TCP_PORT = 2375;
    static final String ALLOWED = "unix:///path/to/docker.sock, tcp://host:port or http://host:port"
            + " (TLS and ssh:// are not supported)";

    /** @throws IllegalArgumentException naming the value and the allowed forms */
    static DockerEndpoint parse(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            throw invalid(dockerHost, "it is empty");
        }
        String text = dockerHost.trim();
        if (!text.contains("://")) {
            throw invalid(text, "it has no scheme such as unix:// or tcp://");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix":
                return unix(text, uri);
            case "tcp":
            case "http":
                return tcp(text, uri);
            default:
                throw invalid(text, "the scheme " + scheme + ":// is not supported");
        }
    }

    private static DockerEndpoint unix(String text, URI uri) {
        String path = uri.getPath();
        if (uri.getAuthority() != null || path == null || !path.startsWith("/") || path.length() < 2) {
            throw invalid(text, "a unix socket needs an absolute path after unix:// (three slashes)");
        }
        return new DockerEndpoint("unix://" + path, Path.of(path), null, 0);
    }

    private static DockerEndpoint tcp(String text, URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid(text, "it names no host (or its port is not a number)");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getUserInfo() != null) {
            throw invalid(text, "it may only name a host and a port");
        }
        int port = uri.getPort() == -1 ? DEFAULT_TCP_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw invalid(text, "the port must be between 1 and 65535");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new DockerEndpoint("tcp://" + host + ":" + port, null, bare, port);
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("DOCKER_HOST '" + value + "' is not valid: " + why
                + "; use " + ALLOWED);
    }

    boolean isUnix() {
        return unixSocket != null;
    }

    /** The value of the {@code Host} header: {@code docker} on a unix socket, as the docker CLI sends. */
    String hostHeader() {
        if (isUnix()) {
            return "docker";
        }
        return (hostName.contains(":") ? "[" + hostName + "]" : hostName) + ":" + port;
    }

    /** Resolves the host now (not at parse time), so a daemon that moves is found again. */
    SocketAddress resolve() {
        return isUnix() ? UnixDomainSocketAddress.of(unixSocket) : new InetSocketAddress(hostName, port);
    }
}
