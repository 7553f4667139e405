package dev.scaledeck.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on {@code home/postgres.lock}, held by the one process that owns the
 * embedded server for as long as it runs. The operating system releases it when that process
 * dies, however it dies, which is what tells a later process that a server left behind is an
 * orphan. Thread-safe.
 */
final class HomeLock implements AutoCloseable {

    static final String FILE_NAME = "postgres.lock";

    /*
     * POSIX record locks belong to the whole process, and closing *any* descriptor of the file
     * drops them all. So within this JVM we must never even open the lock file again while we
     * hold it: this set answers "held here already" without touching the file.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process, or another owner in this JVM, holds it. */
    static Optional<HomeLock> tryAcquire(Path home) throws IOException {
        Path file = home.toRealPath().resolve(FILE_NAME);
        if (!HELD_IN_THIS_JVM.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new HomeLock(file, channel, lock));
            }
            channel.close();
            HELD_IN_THIS_JVM.remove(file);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_IN_THIS_JVM.remove(file);
            throw e;
        }
    }

    /** Releases the lock. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
            HELD_IN_THIS_JVM.remove(file);
        }
    }
}
