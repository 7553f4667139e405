package dev.scaledeck.ui.common;

import java.util.function.Consumer;

/**
 * Work that must not run on the FX thread: it may block, and it may report progress in words
 * an operator understands.
 *
 * @param <T> what the work produces
 */
@FunctionalInterface
public interface BackgroundTask<T> {

    /**
     * @param progress tells the window what the work is doing now; may be called from any thread
     */
    T call(Consumer<String> progress) throws Exception;
}
