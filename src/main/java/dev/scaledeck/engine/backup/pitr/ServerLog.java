package dev.scaledeck.engine.backup.pitr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the log of a recovering server says: whether it gave up and why. The server writes
 * it as it goes; each call reads it afresh. Thread-safe.
 */
final class ServerLog {

    private static final int TAIL_LINES = 15;

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Whether the server has shut down (a failed startup process ends the whole server). */
    boolean shutDown() {
        return lines().stream().anyMatch(l -> l.contains("aborting startup due to startup process failure")
                || l.contains("database system is shut down"));
    }

    /**
     * The FATAL and PANIC lines that explain a failure, without the ones the server sends to
     * clients that connect too early; the last lines of the log when there are none.
     */
    String reason() {
        List<String> lines = lines();
        String errors = lines.stream()
                .filter(l -> l.contains("FATAL:") || l.contains("PANIC:"))
                .filter(l -> !l.contains("the database system is"))
                .map(ServerLog::withoutPrefix)
                .distinct()
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            return errors;
        }
        return lines.isEmpty() ? "the server log " + file + " is empty"
                : "the server log ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** The message from its severity on, without the time and process id before it. */
    private static String withoutPrefix(String line) {
        int fatal = line.indexOf("FATAL:");
        return line.substring(fatal >= 0 ? fatal : line.indexOf("PANIC:")).strip();
    }

    private List<String> lines() {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
