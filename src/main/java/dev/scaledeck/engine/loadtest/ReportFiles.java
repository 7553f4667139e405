package dev.scaledeck.engine.loadtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Report files only their owner may read: a report can hold target URLs with tokens in them.
 * Directories get mode 0700 and files 0600 where the file system has POSIX permissions; each
 * file is written under a temporary name, forced to disk and renamed over the old one, so a
 * reader sees the old file or the whole new one. Stateless; thread-safe.
 */
final class ReportFiles {

    /** Temporary files start with this, so a listing can tell them from reports. */
    static final String TEMPORARY_PREFIX = ".tmp-";

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private ReportFiles() {
    }

    /** Creates {@code directory} (and missing parents, which get 0700 too); the directory gets 0700 even if it existed. */
    static void createPrivateDirectory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (!Files.isDirectory(absolute) && absolute.getParent() != null) {
            createPrivateDirectory(absolute.getParent());
        }
        if (!Files.isDirectory(absolute)) {
            Files.createDirectory(absolute, attributes(absolute.getParent(), DIRECTORY_MODE));
        }
        if (posix(absolute)) {
            Files.setPosixFilePermissions(absolute, DIRECTORY_MODE);
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file} through a temporary file; on failure the temporary file is removed. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX + file.getFileName() + "-", "",
                attributes(directory, FILE_MODE));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            move(temporary, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; still better than no report.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] attributes(Path directory, Set<PosixFilePermission> mode) {
        return directory != null && posix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
