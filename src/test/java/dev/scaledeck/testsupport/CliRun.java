package dev.scaledeck.testsupport;

import dev.scaledeck.cli.Cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs one {@code scaledeck} command line in this JVM and keeps what it printed. */
public final class CliRun {

    /** Exit code, stdout and stderr of one run. */
    public record Result(int code, String out, String err) {
    }

    private CliRun() {
    }

    /** Runs {@code args} with {@code env} as the environment, and {@code home} as the data directory unless env names one. */
    public static Result inHome(java.nio.file.Path home, Map<String, String> env, String... args) {
        Map<String, String> e = new java.util.HashMap<>(env);
        e.putIfAbsent("SCALEDECK_HOME", home.toString());
        return run(e, args);
    }

    /** Runs {@code args} with {@code env} as the environment. */
    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
