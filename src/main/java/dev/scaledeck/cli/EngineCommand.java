package dev.scaledeck.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every one-shot command that runs the engine shares: the common options, {@code --json},
 * its output, and the engine on its environment for the length of the command.
 */
abstract class EngineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print one JSON document on stdout and nothing else there.")
    boolean json;

    /** The root command, for the environment the configuration reads. */
    abstract ScaleDeckCommand root();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    int withEngine(OneShot.EngineWork work) throws Exception {
        return OneShot.withEngine(common, root(), work);
    }
}
