package dev.scaledeck.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import dev.scaledeck.engine.config.ScalingConfig;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Adjusts logging once the configuration is known: a log file in the data directory,
 * {@code DEBUG=scaling:*} for the engine, and a quieter console for one-shot commands (their
 * output is the result; logs stay on stderr and in the file).
 */
final class Logging {

    private static Thread warmUp;

    private Logging() {
    }

    /**
     * Starts configuring logging on another thread: it takes a few hundred milliseconds, which
     * can pass while the command line is parsed and the window's runtime starts.
     */
    static synchronized void startInBackground() {
        if (warmUp == null) {
            warmUp = new Thread(LoggerFactory::getILoggerFactory, "scaledeck-logging-init");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /** Waits for {@link #startInBackground} so that nothing below sees logging half set up. */
    private static synchronized void awaitWarmUp() {
        if (warmUp != null) {
            try {
                warmUp.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void configure(ScalingConfig config, boolean quietConsole) {
        awaitWarmUp();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = context.getLogger("dev.scaledeck");
        if (config.debug()) {
            context.getLogger("dev.scaledeck.engine").setLevel(Level.DEBUG);
        }
        if (quietConsole) {
            Appender<ILoggingEvent> console = root.getAppender("STDERR");
            if (console != null) {
                ThresholdFilter warn = new ThresholdFilter();
                warn.setLevel(config.debug() ? "DEBUG" : "WARN");
                warn.start();
                console.clearAllFilters();
                console.addFilter(warn);
            }
        }
        Path file = config.home().resolve("logs").resolve("scaledeck.log");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("FILE");
        fileAppender.setFile(file.toString());
        fileAppender.setAppend(true);
        fileAppender.setEncoder(encoder);
        fileAppender.start();
        if (fileAppender.isStarted()) {
            root.addAppender(fileAppender);
            ours.info("Logging to {}", file);
        }
    }
}
