package dev.scaledeck.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.scaledeck.engine.config.DebugLogging;
import dev.scaledeck.engine.config.ScalingConfig;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Adjusts logging once the configuration is known: a rolling log file in the data directory
 * ({@code HOME/logs/scaledeck.log}, {@value #MAX_FILE_SIZE} per file, {@value #MAX_DAYS} days,
 * {@value #TOTAL_CAP} in all), {@code DEBUG=scaling:*} or {@code DEBUG=scaling:PART} for the engine,
 * and a quieter console for one-shot commands (their output is the result; logs stay on stderr and
 * in the file). Database passwords are masked in every line. Safe to call again: the file and the
 * debug levels are replaced, not added to.
 */
final class Logging {

    static final String FILE_APPENDER = "FILE";
    static final String MAX_FILE_SIZE = "10MB";
    static final int MAX_DAYS = 7;
    static final String TOTAL_CAP = "70MB";
    static final String FILE_PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %maskedMsg%n%maskedEx";

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

    /**
     * {@link #configure(ScalingConfig, boolean)} on a thread of its own, for the window: setting up
     * the rolling file takes 50 to 150 ms, which the first frame need not wait for. Until it
     * completes, lines go to the console only; wait for it before the engine starts.
     */
    static CompletableFuture<Void> configureInBackground(ScalingConfig config, boolean quietConsole) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                configure(config, quietConsole);
            } catch (RuntimeException e) {
                // Never a reason not to start: the console still has every line.
                LoggerFactory.getLogger(Logging.class).warn("The log file could not be set up", e);
            } finally {
                done.complete(null);
            }
        }, "scaledeck-logging-file");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    static void configure(ScalingConfig config, boolean quietConsole) {
        awaitWarmUp();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            configure(context, config.home(), config.debug(), quietConsole);
        }
    }

    /** What {@link #configure(ScalingConfig, boolean)} does, on any logger context. */
    static void configure(LoggerContext context, Path home, DebugLogging debug, boolean quietConsole) {
        synchronized (Logging.class) {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            for (String name : DebugLogging.everyLogger()) {
                context.getLogger(name).setLevel(null);
            }
            for (String name : debug.loggers()) {
                context.getLogger(name).setLevel(Level.DEBUG);
            }
            Appender<ILoggingEvent> console = root.getAppender(ConsoleLogging.APPENDER);
            if (console != null) {
                console.clearAllFilters();
                if (quietConsole) {
                    ThresholdFilter threshold = new ThresholdFilter();
                    threshold.setLevel(debug.enabled() ? "DEBUG" : "WARN");
                    threshold.start();
                    console.addFilter(threshold);
                }
            }
            detachFile(context);
            Path file = logFile(home);
            RollingFileAppender<ILoggingEvent> appender = rollingFile(context, file);
            if (appender.isStarted()) {
                root.addAppender(appender);
                context.getLogger("dev.scaledeck").info("Logging to {}{}", file,
                        debug.enabled() ? "; DEBUG for " + (debug.all() ? "the whole engine" : String.join(", ", debug.parts())) : "");
            }
        }
    }

    static Path logFile(Path home) {
        return home.resolve("logs").resolve("scaledeck.log");
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        appender.setAppend(true);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file.getParent().resolve("scaledeck.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        policy.setMaxHistory(MAX_DAYS);
        policy.setTotalSizeCap(FileSize.valueOf(TOTAL_CAP));
        // One-shot commands rarely live to see midnight: clean up old files when they start too.
        policy.setCleanHistoryOnStart(true);
        policy.start();

        appender.setRollingPolicy(policy);
        appender.setEncoder(maskingEncoder(context, FILE_PATTERN));
        appender.start();
        return appender;
    }

    /** An encoder for {@code pattern}, which may use {@code %maskedMsg} and {@code %maskedEx}. */
    static LayoutWrappingEncoder<ILoggingEvent> maskingEncoder(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("maskedMsg", MaskedMessageConverter::new);
        layout.getInstanceConverterMap().put("maskedEx", MaskedThrowableConverter::new);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** Stops and removes the log file appender, if there is one. */
    static void detachFile(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> previous = root.getAppender(FILE_APPENDER);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
    }
}
