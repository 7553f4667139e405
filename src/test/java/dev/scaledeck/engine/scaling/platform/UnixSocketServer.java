package dev.scaledeck.engine.scaling.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daemon on a real unix socket that takes one connection, reads one request and sends back
 * canned bytes as they are (so a test decides the framing), or nothing at all.
 */
final class UnixSocketServer implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)\\s*$");

    private final Path socket;
    private final ServerSocketChannel server;
    private final CompletableFuture<String> request = new CompletableFuture<>();
    private final Thread thread;

    /** @param response the bytes to answer with; null to accept, read and stay silent */
    UnixSocketServer(Path socket, String response) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(response), "unix-docker-" + socket.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    String dockerHost() {
        return "unix://" + socket;
    }

    /** The request as received: head and body. */
    String request() throws Exception {
        return request.get(5, TimeUnit.SECONDS);
    }

    private void serve(String response) {
        try (SocketChannel channel = server.accept()) {
            String received = readRequest(channel);
            request.complete(received);
            if (response == null) {
                Thread.sleep(10_000); // a daemon that never answers
                return;
            }
            ByteBuffer out = ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException | InterruptedException e) {
            request.completeExceptionally(e);
        }
    }

    private static String readRequest(SocketChannel channel) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (true) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headEnd));
                int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
                if (bytes.size() >= headEnd + 4 + bodyLength) {
                    return text;
                }
            }
            buffer.clear();
            if (channel.read(buffer) < 0) {
                return text;
            }
            bytes.write(buffer.array(), 0, buffer.position());
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        server.close();
    }
}
