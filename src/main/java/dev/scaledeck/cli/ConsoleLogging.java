package dev.scaledeck.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's start-up configuration, in code rather than a {@code logback.xml}: logs go to stderr
 * (stdout is for command results such as {@code status --json}), ScaleDeck's at INFO, its
 * libraries' at WARN, database passwords masked; once the configuration is known {@link Logging}
 * adds the file in the data directory and the DEBUG levels.
 *
 * <p>Found through {@code META-INF/services}, so logback does not load its XML configurator
 * (about 300 classes and a SAX parser), which every command and the window's first frame waited
 * for. A configuration file asked for explicitly ({@code -Dlogback.configurationFile}) or a
 * {@code logback-test.xml} on the class path (the tests') still wins.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    static final String APPENDER = "STDERR";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %maskedMsg%n%maskedEx";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up as the program starts with it. */
    static void apply(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setTarget("System.err");
        console.setEncoder(Logging.maskingEncoder(context, PATTERN));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("dev.scaledeck").setLevel(Level.INFO);
        context.getLogger("io.zonky").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    }
}
