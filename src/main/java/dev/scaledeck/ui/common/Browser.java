package dev.scaledeck.ui.common;

import java.nio.file.Path;

/**
 * Opens a file in the operator's web browser, so view models can offer "open the report"
 * without knowing about desktops (and tests can stand in for the browser). Implementations are
 * thread-safe; view models call them through a {@link TaskExecutor}, off the UI thread.
 */
@FunctionalInterface
public interface Browser {

    /**
     * @return whether a browser was asked to show the file; false when this machine has none to
     * ask (headless, no desktop integration)
     * @throws Exception when the desktop refused (the file's type has no handler, say)
     */
    boolean open(Path file) throws Exception;
}
