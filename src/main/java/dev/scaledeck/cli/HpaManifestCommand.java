package dev.scaledeck.cli;

import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.scaling.platform.HpaManifest;
import dev.scaledeck.engine.util.PrivateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scaledeck hpa-manifest}: the HPA equivalent of the configured policy, as YAML. */
@Command(name = "hpa-manifest", mixinStandardHelpOptions = true,
        description = "Print the Kubernetes autoscaling/v2 HorizontalPodAutoscaler equivalent of the configured "
                + "scaling policy (kubernetes.deployment, kubernetes.namespace, scaling.*).%n"
                + "Apply it with: scaledeck hpa-manifest | kubectl apply -f -")
public final class HpaManifestCommand implements Callable<Integer> {

    @ParentCommand
    ScaleDeckCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the YAML to this file instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        ScalingConfig config = common.load(root.env());
        Logging.configure(config, true);
        String yaml = HpaManifest.yaml(config.autoScaling().rules(), config.autoScaling().platforms().kubernetes());
        if (output == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        Path target = PrivateFile.write(output, yaml);
        spec.commandLine().getOut().println("Wrote " + target);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
