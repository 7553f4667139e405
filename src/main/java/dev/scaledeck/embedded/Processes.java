package dev.scaledeck.embedded;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether other processes still run, and waiting for them to end. Stateless; thread-safe. */
final class Processes {

    private static final long POLL_MILLIS = 50;

    private Processes() {
    }

    /**
     * Whether the process runs. Unlike {@link ProcessHandle#isAlive()} this says no for a
     * zombie: a server we stopped stays one until its parent reaps it, and in a container
     * whose first process does not reap orphans that is never.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (!Files.isReadable(stat)) {
            return process.isAlive();
        }
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            // "pid (command) state ...": the command may contain spaces and parentheses.
            int end = text.lastIndexOf(')');
            char state = end >= 0 && end + 2 < text.length() ? text.charAt(end + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return process.isAlive(); // it went away while we looked, or /proc is odd: ask again
        }
    }

    /** Waits up to {@code wait} for the process to end; true when it has. */
    static boolean awaitExit(ProcessHandle process, Duration wait) throws InterruptedIOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for process " + process.pid() + " to end");
            }
        }
        return true;
    }
}
