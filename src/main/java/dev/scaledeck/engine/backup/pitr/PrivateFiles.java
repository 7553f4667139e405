package dev.scaledeck.engine.backup.pitr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner may read: backups hold every row of the database,
 * and PostgreSQL refuses a data directory that others can enter. Directories are 0700,
 * files 0600 (where the file system knows POSIX permissions). Stateless; thread-safe.
 */
final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates {@code dir}, which must not exist yet, with mode 0700. */
    static Path createDirectory(Path dir) throws IOException {
        Files.createDirectory(dir, attributes(DIRECTORY));
        restrict(dir, DIRECTORY);
        return dir;
    }

    /** Creates {@code dir} and missing parents; {@code dir} itself gets mode 0700 whether new or not. */
    static Path createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrict(dir, DIRECTORY);
        return dir;
    }

    /** Opens a new file, which must not exist yet, with mode 0600 for writing. */
    static FileChannel createFile(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes(FILE));
        restrict(file, FILE);
        return channel;
    }

    /** Writes {@code text} into a new file (mode 0600) and flushes it to disk; returns the bytes written. */
    static long write(Path file, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = createFile(file)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        return bytes.capacity();
    }

    /**
     * Writes {@code text} to {@code file} (mode 0600) through a temporary name in the same
     * directory, flushed and then renamed, so a reader sees the old file or the whole new one.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        write(temporary, text);
        moveAtomically(temporary, file);
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes {@code root} and everything below it; a missing root is fine. Does not follow links. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@link #deleteTree} that logs instead of failing: for clearing up after something already failed. */
    static void deleteTreeQuietly(Path root, String what) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            LOG.warn("Could not delete {} {}: {}", what, root, e.getMessage());
        }
    }

    static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
