package dev.scaledeck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference side of the backup benchmark: Debian's {@code pg_dump} and {@code pg_restore}
 * (package postgresql-client, version 15) run as a user would, against the server on
 * 127.0.0.1 as user postgres, which trusts local connections (no password, never prompted).
 */
final class PgTools {

    static final String INSTALL_HINT = "install Debian's PostgreSQL 15 client: apt-get install postgresql-client";

    private final int port;

    PgTools(int port) {
        this.port = port;
    }

    /** {@code pg_dump --version}, or null when pg_dump is not on the PATH. */
    static String version() throws InterruptedException {
        try {
            return run(List.of("pg_dump", "--version")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code pg_dump -Fc} of the whole database into {@code file}; {@code compression} null for pg_dump's default. */
    void dump(String database, Path file, Integer compression) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pg_dump", "-Fc"));
        if (compression != null) {
            command.add("-Z" + compression);
        }
        command.addAll(List.of("-f", file.toString()));
        run(connect(command, database));
    }

    /** {@code pg_restore} with these options (such as {@code --data-only}) into an existing database. */
    void restore(Path file, String database, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pg_restore"));
        command.addAll(List.of(options));
        connect(command, database);
        command.add(file.toString());
        run(command);
    }

    private List<String> connect(List<String> command, String database) {
        command.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-w", "-d", database));
        return command;
    }

    /** Runs to the end; returns the output (stdout and stderr) or throws with it when the exit code is not 0. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + ": " + output.trim());
        }
        return output;
    }
}
