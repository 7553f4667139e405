package dev.scaledeck.engine;

import java.util.function.Consumer;

/**
 * Brings up a running engine together with whatever it runs on (an embedded database and
 * sample instances, or real targets). The window and the CLI start the engine only through
 * this, so they never need to know what is embedded.
 */
@FunctionalInterface
public interface EngineLauncher {

    /**
     * Starts everything and blocks until the engine runs.
     *
     * @param progress told each step in words an operator understands
     *                 ("Starting embedded PostgreSQL 17", "Seeding sample data: 50,000 workflows")
     * @throws Exception with a message fit to show the operator when it cannot start
     */
    LaunchedEngine launch(Consumer<String> progress) throws Exception;
}
