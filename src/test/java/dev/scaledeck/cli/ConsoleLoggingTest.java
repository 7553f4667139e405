package dev.scaledeck.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** How logging starts: on stderr, ScaleDeck at INFO and its libraries at WARN, passwords masked. */
class ConsoleLoggingTest {

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void shouldBeTheConfiguratorLogbackFindsAsAService() {
        assertThat(ServiceLoader.load(Configurator.class)).hasAtLeastOneElementOfType(ConsoleLogging.class);
    }

    @Test
    void shouldLogToStderrWithScaleDeckAtInfoAndItsLibrariesAtWarn() {
        ConsoleLogging.apply(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var console = (ConsoleAppender<ILoggingEvent>) root.getAppender(ConsoleLogging.APPENDER);
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.scaledeck.engine.pool.ConnectionPool").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("com.zaxxer.hikari.HikariDataSource").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres").isInfoEnabled()).isFalse();
    }

    @Test
    void shouldMaskADatabasePasswordInTheConsoleLine() {
        ConsoleLogging.apply(context);
        Logger logger = context.getLogger("dev.scaledeck.engine.pool.ConnectionPool");
        var console = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender(ConsoleLogging.APPENDER);

        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "Connecting to {}", null, new Object[] {"postgresql://app:s3cret@db.internal:5432/app"});
        String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains("INFO ", "Connecting to postgresql://app:****@db.internal:5432/app").doesNotContain("s3cret");
    }

    @Test
    void shouldLeaveTheConfigurationToAFileWhenTheTestsProvideOne() {
        // src/test/resources/logback-test.xml is on this class path
        assertThat(new ConsoleLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(ConsoleLogging.APPENDER)).isNull();
    }
}
