package dev.scaledeck.cli;

import dev.scaledeck.engine.config.ConfigException;
import dev.scaledeck.engine.config.DatabaseUrl;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs one command line and returns its exit code: 2 with one readable line for usage and
 * configuration errors, 1 with one readable line for failures; never a stack trace on the
 * console (it goes to the log file).
 */
public final class Cli {

    private Cli() {
    }

    /** Begins the slow, independent parts of start-up (logging) before {@link #run}. */
    public static void prepare() {
        Logging.startInBackground();
    }

    public static int run(String[] args, java.util.Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ScaleDeckCommand(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("scaledeck: " + ex.getMessage());
            err.println("Try 'scaledeck " + commandName(ex.getCommandLine()) + "--help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException) {
                err.println("scaledeck: configuration error: " + ex.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            LoggerFactory.getLogger(Cli.class).debug("Command failed", ex);
            err.println("scaledeck: " + DatabaseUrl.maskPasswords(describe(ex)));
            err.flush();
            return ExitCodes.PROBLEM;
        });
        return cli.execute(args);
    }

    /** The sub-command as typed after {@code scaledeck}, with a trailing space: {@code "backup restore "}. */
    private static String commandName(CommandLine cl) {
        return cl.getParent() == null ? "" : commandName(cl.getParent()) + cl.getCommandName() + " ";
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        Throwable cause = ex.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return describe(cause);
        }
        return message == null ? ex.getClass().getSimpleName() : message;
    }
}
