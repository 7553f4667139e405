package dev.scaledeck.cli;

import dev.scaledeck.embedded.EnvironmentLauncher;
import dev.scaledeck.engine.EngineLauncher;
import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.metrics.MetricsLauncher;
import dev.scaledeck.ui.GuiOptions;
import dev.scaledeck.ui.OpeningWindow;
import dev.scaledeck.ui.ScaleDeckApp;
import dev.scaledeck.ui.shell.Sections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

/** {@code scaledeck gui}: opens the window. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the ScaleDeck window (the default when no command is given).")
public final class GuiCommand implements Callable<Integer> {

    /** How long reading the configuration waits for the window's first frame at most. */
    private static final Duration FIRST_FRAME_WAIT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    ScaleDeckCommand root;

    @Mixin
    CommonOptions common;

    @Mixin
    MetricsPortOption metricsPort;

    @Option(names = "--screenshot", paramLabel = "FILE",
            description = "Write a PNG of the window once it shows live data, then exit.")
    Path screenshot;

    @Option(names = "--screenshot-after", paramLabel = "DURATION",
            description = "Take the screenshot this long after live data is there (e.g. 90s), not at once.")
    String screenshotAfter;

    @Option(names = "--exit-after", paramLabel = "DURATION",
            description = "Close the window after this long (e.g. 20s, 5m).")
    String exitAfter;

    @Option(names = "--section", paramLabel = "NAME",
            description = "Section to show first (and in the screenshot): ${COMPLETION-CANDIDATES}.",
            completionCandidates = SectionNames.class)
    String section;

    /** For the help text: the sections the window has. */
    static final class SectionNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Sections.TITLES.iterator();
        }
    }

    /** The option's duration, or null when it is not given. */
    private Duration optionalDuration(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    option + " = '" + text + "' is not valid: " + Durations.ALLOWED);
        }
    }

    @Override
    public Integer call() {
        Duration after = optionalDuration("--exit-after", exitAfter);
        Duration delay = optionalDuration("--screenshot-after", screenshotAfter);
        if (delay != null && screenshot == null) {
            throw new ParameterException(spec.commandLine(), "--screenshot-after needs --screenshot FILE");
        }
        String sectionTitle = null;
        if (section != null) {
            sectionTitle = Sections.find(section).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--section = '" + section + "' is not valid: one of " + String.join(", ", Sections.TITLES)));
        }
        // The window shows first, then the configuration is read (both need the cores); the
        // window goes again if the configuration cannot be read.
        OpeningWindow window = ScaleDeckApp.open(new GuiOptions(screenshot, after, sectionTitle, delay));
        window.awaitFirstFrame(FIRST_FRAME_WAIT);
        ScalingConfig config;
        try {
            config = metricsPort.applyTo(common.load(root.env()));
        } catch (RuntimeException e) {
            window.abandon();
            throw e;
        }
        CompletableFuture<Void> logging = Logging.configureInBackground(config, false);
        EnvironmentLauncher environment = new EnvironmentLauncher(config, true, Clock.systemUTC());
        // The engine logs to the file from its first line: its start waits for the file, the window does not.
        EngineLauncher launcher = progress -> {
            logging.join();
            return environment.launch(progress);
        };
        return window.run(MetricsLauncher.around(launcher, config.metrics()));
    }
}
