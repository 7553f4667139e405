package dev.scaledeck.cli;

import picocli.CommandLine.Command;

/** {@code scaledeck}: the root command; its sub-commands do the work. */
@Command(name = "scaledeck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Operations console and scaling engine for a PostgreSQL-backed web application.%n"
                + "Without a command it opens the window.",
        subcommands = {GuiCommand.class, StatusCommand.class, InstancesCommand.class, HealthCommand.class,
                BackupCommand.class, ScaleCommand.class, AutoscaleCommand.class, HpaManifestCommand.class,
                LoadTestCommand.class, StressTestCommand.class, DrCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the command found a problem (e.g. database unreachable)",
                "2:usage or configuration error"})
public final class ScaleDeckCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final java.util.Map<String, String> env;

    public ScaleDeckCommand(java.util.Map<String, String> env) {
        this.env = java.util.Map.copyOf(env);
    }

    /** The environment variables the configuration reads (the process's, or a test's). */
    java.util.Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        // Main opens the window when no command is given; reaching here means only options were.
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: use 'scaledeck gui', 'scaledeck status', or --help");
    }
}
