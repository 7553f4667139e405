package dev.scaledeck.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scaledeck dr ...}: the disaster-recovery runbooks, the business impact, and runs of a plan. */
@Command(name = "dr", mixinStandardHelpOptions = true,
        description = "Disaster recovery: list the runbooks (plans), assess the business impact of each scenario, "
                + "and run a plan as a dry run, a drill on the embedded environment, or for real.%n"
                + "Every run is journaled in HOME/recovery/runs/RUN-ID.json; the YAML format is in docs/runbooks.md.",
        subcommands = {DrPlansCommand.class, DrAssessCommand.class, DrRunCommand.class})
public final class DrCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScaleDeckCommand root;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: use 'scaledeck dr plans', 'assess' or 'run'");
    }

    /** Shared by the sub-commands: the root command comes through {@code dr}. */
    abstract static class Sub extends EngineCommand {
        @ParentCommand
        DrCommand parent;

        @Override
        ScaleDeckCommand root() {
            return parent.root;
        }
    }
}
