package dev.scaledeck.cli;

import dev.scaledeck.engine.scaling.ScalingDecision;
import dev.scaledeck.engine.scaling.platform.ScalingPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;

/** {@code scaledeck scale --to N}: asks the platform for N replicas, now. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Scale the application to N instances on the configured platform (scaling.platform), "
                + "checking the database's connection budget first.%n"
                + "Exit 0 when the platform accepted, 1 when it refused or could not be reached.")
public final class ScaleCommand extends EngineCommand {

    @ParentCommand
    ScaleDeckCommand root;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The replica count, 0 to 1000.")
    int replicas;

    @Override
    ScaleDeckCommand root() {
        return root;
    }

    @Override
    public Integer call() throws Exception {
        if (replicas < 0 || replicas > 1000) {
            throw new ParameterException(spec.commandLine(), "--to must be between 0 and 1000, but was " + replicas);
        }
        return withEngine((engine, config) -> {
            PrintWriter out = out();
            ScalingPlatform platform = engine.platform().orElse(null);
            if (platform != null && platform.inProcess()) {
                // This process's own sample instances end with it; scaling them would change nothing that lasts.
                throw new IllegalStateException("the local platform's sample instances live inside the ScaleDeck "
                        + "process that started them; scale them in the window's Scaling view, or run "
                        + "'scaledeck autoscale', which keeps its own instances while it runs");
            }
            ScalingDecision d = engine.autoScaler().scaleTo(replicas, "operator (CLI)");
            String name = platform != null ? platform.name() : "none";
            if (json) {
                OneShot.printJson(out, DecisionJson.of(d, name));
            } else {
                out.println(d.changes()
                        ? "Scaled " + platform.target() + " from " + d.current() + " to " + d.desired() + " replicas"
                        : platform.target() + " already has " + d.desired() + " replicas");
                if (d.reason().contains("; outside")) {
                    out.println("Note: " + d.reason().substring(d.reason().indexOf("; outside") + 2));
                }
                out.flush();
            }
            return ExitCodes.OK;
        });
    }
}
