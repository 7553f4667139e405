package dev.scaledeck.cli;

import dev.scaledeck.engine.recovery.DrillFault;
import dev.scaledeck.engine.recovery.DrillMeasurement;
import dev.scaledeck.engine.recovery.RunMode;
import dev.scaledeck.engine.recovery.RunState;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepProgress;
import dev.scaledeck.engine.recovery.StepState;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DrRunPrinterTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:00Z");

    private final StringWriter text = new StringWriter();
    private final DrRunPrinter printer = new DrRunPrinter(new PrintWriter(text));

    private static StepProgress step(int index, String name, StepState state, int startedAt, int finishedAt,
                                     String... output) {
        return new StepProgress(index, name, "wait", "until instances-healthy", false, state,
                startedAt < 0 ? Optional.empty() : Optional.of(T0.plusSeconds(startedAt)),
                finishedAt < 0 ? Optional.empty() : Optional.of(T0.plusSeconds(finishedAt)), startedAt < 0 ? 0 : 1,
                List.of(output));
    }

    private static RunbookProgress run(RunState state, Optional<DrillMeasurement> measured, StepProgress... steps) {
        return new RunbookProgress("20261127-101500-instance-crash-drill", "instance-crash", "Instance crash",
                RunMode.DRILL, Map.of("instance", "sample-2", "mode", "drill"), state, T0, Optional.empty(), List.of(steps),
                state == RunState.RUNNING ? "running" : "drill recovered", measured, "operator (cli)");
    }

    @Test
    void shouldPrintEachStepOnceAsItStartsAndEndsWithOnlyItsNewOutput() {
        printer.update(run(RunState.RUNNING, Optional.empty(),
                step(1, "Wait for the instance", StepState.RUNNING, 0, -1, "2 of 3 healthy"),
                step(2, "Tell the team", StepState.PENDING, -1, -1)));
        printer.update(run(RunState.RUNNING, Optional.empty(),
                step(1, "Wait for the instance", StepState.RUNNING, 0, -1, "2 of 3 healthy"),
                step(2, "Tell the team", StepState.PENDING, -1, -1)));
        printer.update(run(RunState.RUNNING, Optional.empty(),
                step(1, "Wait for the instance", StepState.SUCCEEDED, 0, 4, "2 of 3 healthy", "3 of 3 healthy"),
                step(2, "Tell the team", StepState.AWAITING_APPROVAL, 4, -1)));
        DrillMeasurement m = new DrillMeasurement(DrillFault.INSTANCE_CRASH, T0, Optional.of(T0.plusSeconds(2)),
                T0.plusMillis(12_300), Duration.ofMillis(12_300), Duration.ZERO, "no data is lost when an instance stops",
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        printer.finish(run(RunState.SUCCEEDED, Optional.of(m),
                step(1, "Wait for the instance", StepState.SUCCEEDED, 0, 4, "2 of 3 healthy", "3 of 3 healthy", "late"),
                step(2, "Tell the team", StepState.SUCCEEDED, 4, 5, "approved"),
                step(3, "Scale back", StepState.SKIPPED, -1, -1)), Path.of("/home/recovery/runs/x.json"));

        assertThat(text.toString()).isEqualTo(String.join(System.lineSeparator(),
                "Run 20261127-101500-instance-crash-drill: Instance crash (drill), started by operator (cli)",
                "  parameters: instance=sample-2",
                "[1] Wait for the instance (wait): until instances-healthy",
                "      2 of 3 healthy",
                "      3 of 3 healthy",
                "    -> SUCCEEDED in 4.0 s",
                "[2] Tell the team (wait): until instances-healthy",
                "    waiting for approval",
                "[1] late",
                "      approved",
                "    -> SUCCEEDED in 1.0 s",
                "[3] Scale back: SKIPPED",
                "SUCCEEDED: drill recovered",
                "RTO measured: 12.3 s (target 5m, met)",
                "RPO measured: 0 ms (target 1m, met); no data is lost when an instance stops",
                "Journal: /home/recovery/runs/x.json",
                ""));
    }
}
