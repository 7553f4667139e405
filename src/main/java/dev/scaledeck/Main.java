package dev.scaledeck;

import dev.scaledeck.cli.Cli;
import dev.scaledeck.ui.FxRuntime;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: no arguments (or only options) open the window; a command runs it headless. */
public final class Main {

    private static final String SLF4J_PROVIDER = "slf4j.provider";

    private Main() {
    }

    public static void main(String[] args) {
        // The provider by name: SLF4J would otherwise open every jar on the class path to look for
        // one. Its note that it did so is not for operators.
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "ch.qos.logback.classic.spi.LogbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        String[] effective = opensWindow(args) ? prepend("gui", args) : args;
        if (effective.length > 0 && effective[0].equals("gui") && !asksForHelp(effective)) {
            // First, so that nothing else (logging above all) holds the window's runtime up.
            FxRuntime.prepareWindow();
        }
        Cli.prepare();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = Cli.run(effective, System.getenv(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** No command given (nothing, or options only), and not asking for help or the version: the window. */
    static boolean opensWindow(String[] args) {
        if (args.length == 0) {
            return true;
        }
        String first = args[0];
        return first.startsWith("-") && !first.equals("-h") && !first.equals("--help")
                && !first.equals("-V") && !first.equals("--version");
    }

    private static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
