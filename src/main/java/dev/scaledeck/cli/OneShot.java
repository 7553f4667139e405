package dev.scaledeck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scaledeck.embedded.EnvironmentLauncher;
import dev.scaledeck.engine.LaunchedEngine;
import dev.scaledeck.engine.ScalingEngine;
import dev.scaledeck.engine.config.ScalingConfig;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * What the one-shot commands share: the configuration, a quiet console (their output is the
 * result), the engine on its environment for the length of the command, and one JSON document.
 */
final class OneShot {

    /** Work done with a running engine; returns the exit code. */
    @FunctionalInterface
    interface EngineWork {
        int run(ScalingEngine engine, ScalingConfig config) throws Exception;
    }

    /** Work that needs the environment under the engine too (its managed database); returns the exit code. */
    @FunctionalInterface
    interface LaunchedWork {
        int run(LaunchedEngine launched, ScalingConfig config) throws Exception;
    }

    private OneShot() {
    }

    static int withEngine(CommonOptions common, ScaleDeckCommand root, EngineWork work) throws Exception {
        return withLaunched(common.load(root.env()), (launched, config) -> work.run(launched.engine(), config));
    }

    /** Launches the engine on {@code config}'s environment (already loaded and checked) for the length of the work. */
    static int withLaunched(ScalingConfig config, LaunchedWork work) throws Exception {
        Logging.configure(config, true);
        try (LaunchedEngine launched = new EnvironmentLauncher(config, false, Clock.systemUTC()).launch(step -> { })) {
            return work.run(launched, config);
        }
    }

    static void printJson(PrintWriter out, Object document) throws JsonProcessingException {
        out.println(json(document));
        out.flush();
    }

    /** The document as indented JSON. */
    static String json(Object document) throws JsonProcessingException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
    }
}
