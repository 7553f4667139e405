package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.util.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only the owner may read (0600 where the file system has POSIX permissions: backups
 * hold every user's data), written under a temporary {@code .partial} name, forced to disk
 * and renamed atomically, so a reader sees either the whole file or none. Stateless.
 */
final class PrivateFiles {

    static final String PARTIAL = ".partial";

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Writes something that is produced by writing to an output stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + PARTIAL);
    }

    /**
     * Creates {@code path}, which must not exist yet, with owner-only permissions from the
     * first moment (not chmod afterwards, which would leave a window).
     */
    static FileChannel createNew(Path path) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (posix(path)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return FileChannel.open(path, options, ownerOnly);
        }
        return FileChannel.open(path, options);
    }

    private static boolean posix(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return parent.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Renames a finished {@code partial} file, already forced to disk, to {@code target}
     * atomically and forces the directory, so the new name survives a power cut too.
     */
    static void publish(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically (" + e.getMessage() + ")", e);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Writes a whole small file the safe way; on failure nothing is left behind. */
    static void write(Path target, Content content) throws IOException {
        Path partial = partialOf(target);
        Files.deleteIfExists(partial);
        FileChannel channel = createNew(partial);
        try {
            try (OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            publish(partial, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /**
     * Makes the rename itself durable. Not every OS lets a directory be opened for this
     * (Windows does not); there the rename is as durable as the OS makes it.
     */
    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync directory {}: {}", directory, e.getMessage());
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", path, IoErrors.reason(e));
        }
    }
}
