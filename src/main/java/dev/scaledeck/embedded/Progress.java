package dev.scaledeck.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Tells a progress listener (splash screen, console) and the log what is happening. Stateless; thread-safe. */
final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private Progress() {
    }

    /** Logs {@code message} and passes it on; a failing listener is logged, never fatal. */
    static void report(Consumer<String> listener, String message) {
        LOG.info(message);
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("Progress listener failed on \"{}\"", message, e);
        }
    }
}
