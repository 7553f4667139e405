package dev.scaledeck.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.DebugLogging;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.pool.ConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The log file in the data directory, DEBUG per engine part, and no password in any line. */
class LoggingTest {

    @TempDir
    Path home;

    private final LoggerContext context = new LoggerContext();

    /** The context as the program starts with it ({@link ConsoleLogging}). */
    @org.junit.jupiter.api.BeforeEach
    void configureLikeTheProgram() {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ConsoleLogging.apply(context);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String logFile() throws IOException {
        context.stop(); // flushes and closes the file
        return Files.readString(home.resolve("logs/scaledeck.log"));
    }

    @Test
    void shouldWriteARollingBoundedLogFileInTheDataDirectory() throws IOException {
        Logging.configure(context, home, DebugLogging.off(), false);
        context.getLogger("dev.scaledeck.engine.pool.ConnectionPool").info("pool started");
        context.getLogger("dev.scaledeck.engine.pool.ConnectionPool").debug("not at INFO");

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = (RollingFileAppender<?>) root.getAppender(Logging.FILE_APPENDER);
        var policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
        assertThat(policy.getMaxHistory()).isEqualTo(7);
        assertThat(policy.getFileNamePattern()).endsWith("logs/scaledeck.%d{yyyy-MM-dd}.%i.log.gz");
        assertThat(logFile()).contains("INFO  [main] d.s.engine.pool.ConnectionPool - pool started")
                .contains("Logging to " + home.resolve("logs/scaledeck.log"))
                .doesNotContain("not at INFO");
    }

    @Test
    void shouldTurnOnDebugForTheNamedPartsOnlyAndReplaceThemWhenCalledAgain() {
        Logging.configure(context, home, DebugLogging.parse("scaling:balancer,scaling:pool"), true);
        assertThat(context.getLogger("dev.scaledeck.engine.balancer.LoadBalancer").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("dev.scaledeck.engine.pool.ConnectionPool").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("dev.scaledeck.engine.scaling.AutoScaler").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("dev.scaledeck.embedded.SampleInstance").isDebugEnabled()).isFalse();

        Logging.configure(context, home, DebugLogging.parse("scaling:*"), true);
        assertThat(context.getLogger("dev.scaledeck.engine.scaling.AutoScaler").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("dev.scaledeck.engine.ScalingEngine").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("dev.scaledeck.embedded.SampleInstance").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("dev.scaledeck.ui.shell.ShellViewModel").isDebugEnabled()).isFalse();

        Logging.configure(context, home, DebugLogging.off(), true);
        assertThat(context.getLogger("dev.scaledeck.engine.balancer.LoadBalancer").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("dev.scaledeck.engine.ScalingEngine").isDebugEnabled()).isFalse();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // One console and one log file, however often configured.
        assertThat(root.iteratorForAppenders()).toIterable().extracting(a -> a.getName()).containsExactly("STDERR", "FILE");
    }

    @Test
    void shouldMaskPasswordsInMessagesAndStackTraces() throws IOException {
        Logging.configure(context, home, DebugLogging.parse("scaling:*"), false);
        Logger log = context.getLogger("dev.scaledeck.engine.failover.DatabaseFailover");
        log.info("connecting to {}", "postgres://admin:s3cret@db.example.com:5432/app");
        log.warn("driver said no", new SQLException("cannot use jdbc:postgresql://db/app?user=admin&password=s3cret"
                + " for now", new IllegalStateException("from postgresql://ops:hunter2@db2/app")));

        String file = logFile();
        assertThat(file).doesNotContain("s3cret", "hunter2")
                .contains("postgres://admin:****@db.example.com:5432/app")
                .contains("user=admin&password=**** for now")
                .contains("postgresql://ops:****@db2/app")
                .contains("\tat dev.scaledeck.cli.LoggingTest");
    }

    @Test
    void shouldKeepTheDatabasePasswordOutOfTheLogFileOfARealPool() throws IOException {
        ScalingConfig config = ConfigLoader.load(null, Map.of("SCALEDECK_HOME", home.toString(),
                "DATABASE_URL", "postgres://admin:s3cret@127.0.0.1:1/app", "DEBUG", "scaling:*"), Map.of());
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
        try {
            Logging.configure(config, false);
            new ConnectionPool("masked", config.database().orElseThrow(), config.pool(), Clock.systemUTC()).close();
        } finally {
            Logging.detachFile(global);
            DebugLogging.everyLogger().forEach(name -> global.getLogger(name).setLevel(null));
        }
        String file = Files.readString(home.resolve("logs/scaledeck.log"));
        assertThat(file).contains("Connection pool masked to jdbc:postgresql://127.0.0.1:1/app (user admin, password ****)")
                .doesNotContain("s3cret");
    }
}
