package dev.scaledeck.engine.scaling.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One non-blocking socket channel (unix or TCP) used with blocking semantics and timeouts: a
 * blocking {@link SocketChannel} has no read timeout, so every wait goes through a selector.
 * Not thread-safe; one request at a time.
 */
final class SocketConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final Selector selector;
    private final long readTimeoutMillis;
    private final InputStream input = new ChannelInput();

    private SocketConnection(SocketChannel channel, Selector selector, long readTimeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Connects within {@code connectTimeout}.
     *
     * @throws SocketTimeoutException when the connection is not made in time
     * @throws IOException            when it is refused, the socket file is missing, or the host unknown
     */
    static SocketConnection open(SocketAddress address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new UnknownHostException("unknown host " + inet.getHostString());
        }
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            SocketConnection connection = new SocketConnection(channel, selector, readTimeout.toMillis());
            if (!channel.connect(address)) {
                connection.await(SelectionKey.OP_CONNECT, connectTimeout.toMillis(), "connect");
                channel.finishConnect();
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, readTimeoutMillis, "write");
            }
        }
    }

    /** The bytes the peer sends; {@link InputStream#read} waits at most the read timeout for each. */
    InputStream input() {
        return input;
    }

    private void await(int operation, long timeoutMillis, String what) throws IOException {
        SelectionKey key = channel.register(selector, operation);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            // select() may also return early on a spurious wake-up; only the deadline ends the wait.
            while (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))) == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException(what + " interrupted");
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new SocketTimeoutException(what + " timed out after " + timeoutMillis + " ms");
                }
            }
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    private final class ChannelInput extends InputStream {

        private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();

        @Override
        public int read() throws IOException {
            return fill() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(target, offset, n);
            return n;
        }

        /** @return false at the end of the stream */
        private boolean fill() throws IOException {
            while (!buffer.hasRemaining()) {
                buffer.clear();
                int n = channel.read(buffer);
                buffer.flip();
                if (n < 0) {
                    return false;
                }
                if (n == 0) {
                    await(SelectionKey.OP_READ, readTimeoutMillis, "read");
                }
            }
            return true;
        }
    }
}
