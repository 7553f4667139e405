package dev.scaledeck.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What one class (or package) logs while a test runs, as formatted lines: level, message, and the
 * exception's text. With {@link #atDebug} the logger logs at DEBUG until closed.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    public LogCapture(Class<?> source) {
        this(source.getName(), null);
    }

    private LogCapture(String name, Level level) {
        logger = (Logger) LoggerFactory.getLogger(name);
        levelBefore = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures what {@code loggerName} and the loggers below it log, at DEBUG, as {@code DEBUG=scaling:PART} would. */
    public static LogCapture atDebug(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    public List<String> lines() {
        return appender.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }
}
