package dev.scaledeck.cli;

import dev.scaledeck.engine.recovery.ImpactAssessment;
import dev.scaledeck.engine.recovery.ImpactReport;
import dev.scaledeck.engine.util.PrivateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code scaledeck dr assess}: the business impact of every plan's scenario, for the terminal or for management. */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "The business impact of every plan's scenario, now: users affected, data at risk (age of the "
                + "newest verified full backup) against the RPO target, expected downtime (the last drill's RTO) "
                + "against the RTO target, its cost, and what to do.%n"
                + "--output also writes it as a Markdown document (mode 0600) to hand to management.")
final class DrAssessCommand extends DrCommand.Sub {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.md",
            description = "Also write the report as Markdown to this file (owner-only); where it went is said on "
                    + "stdout (on stderr with --json).")
    Path output;

    @Override
    public Integer call() throws Exception {
        return withEngine((engine, config) -> {
            ImpactAssessment assessment = engine.recovery().assess();
            Path written = output == null ? null : PrivateFile.write(output, ImpactReport.markdown(assessment));
            PrintWriter out = out();
            if (json) {
                OneShot.printJson(out, AssessmentJson.of(assessment));
            } else {
                out.print(ImpactReport.text(assessment));
                out.flush();
            }
            if (written != null) {
                PrintWriter where = json ? spec.commandLine().getErr() : out;
                where.println("Wrote the report as Markdown to " + written);
                where.flush();
            }
            return ExitCodes.OK;
        });
    }
}
