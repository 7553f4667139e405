package dev.scaledeck.engine.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written for the operator (a report, a manifest): under a temporary name beside it, then
 * renamed, so a reader never sees half of it. The temporary file is created owner-only (0600 on
 * POSIX file systems) and the rename keeps that. Used by the command line and the window. Stateless.
 */
public final class PrivateFile {

    private PrivateFile() {
    }

    /** Writes {@code text} to {@code file} (its folder must exist) and returns the file's absolute path. */
    public static Path write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".partial");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
