package dev.scaledeck.cli;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/**
 * Yes/no questions on the operator's terminal ({@link System#console()}), never on stdout, so a
 * command's JSON stays clean. Only y or yes is a yes; anything else, or the end of input, is a no.
 * Thread-safe as {@link Console} is.
 */
final class TerminalPrompt {

    private final Console console;

    private TerminalPrompt(Console console) {
        this.console = console;
    }

    /** The terminal, when the process has one (not when its input or output is redirected). */
    static Optional<TerminalPrompt> open() {
        return Optional.ofNullable(System.console()).map(TerminalPrompt::new);
    }

    /** Asks {@code question [y/N]} and waits for the answer. */
    boolean yes(String question) {
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null) {
            return false;
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
