package dev.scaledeck.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL's {@code postmaster.pid} says about a running server: line 1 is the
 * postmaster's process id, line 4 its port. Immutable.
 *
 * @param pid  the postmaster's process id
 * @param port the TCP port it listens on, or 0 while it is still starting
 */
record PostmasterPidFile(long pid, int port) {

    static final String FILE_NAME = "postmaster.pid";

    /**
     * Reads the file in {@code dataDirectory}; empty when there is none or it is only partly
     * written (PostgreSQL fills it in while it starts).
     */
    static Optional<PostmasterPidFile> read(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            int port = lines.size() >= 4 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).trim()) : 0;
            return Optional.of(new PostmasterPidFile(pid, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The postmaster process, when one with this pid is alive and is a PostgreSQL server. */
    Optional<ProcessHandle> livePostmaster() {
        return ProcessHandle.of(pid)
                .filter(Processes::running)
                .filter(PostmasterPidFile::looksLikePostgres);
    }

    /** Whether a live process holds this pid, whatever it is (pids get reused after a crash). */
    boolean pidAlive() {
        return ProcessHandle.of(pid).map(Processes::running).orElse(false);
    }

    private static boolean looksLikePostgres(ProcessHandle process) {
        // When the command is unknown (another user's process), assume it is the server:
        // stopping nothing is safer than starting a second server on the same files.
        return process.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postgres.exe")).orElse(true);
    }
}
