package dev.scaledeck.cli;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.RunbookProgress;
import dev.scaledeck.engine.recovery.StepProgress;
import dev.scaledeck.engine.recovery.StepState;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a runbook run as it goes, from successive snapshots: each step when it starts, its new
 * output lines, and its state when it ends; then the summary and a drill's measurements. Only
 * what is new since the last snapshot is printed. Thread-safe (one snapshot at a time).
 */
final class DrRunPrinter {

    /** What was printed of one step. */
    private record Seen(StepState state, int lines) {
    }

    /** Built-in placeholders the header line already says. */
    private static final java.util.Set<String> IN_HEADER = java.util.Set.of("run.id", "plan.id", "mode");

    private final PrintWriter out;
    private final Map<String, Seen> seen = new HashMap<>();
    private boolean headerPrinted;

    DrRunPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Prints what changed since the last snapshot. */
    synchronized void update(RunbookProgress run) {
        if (!headerPrinted) {
            headerPrinted = true;
            out.printf("Run %s: %s (%s), started by %s%n", run.runId(), run.planName(), run.mode().label(), run.who());
            String parameters = new java.util.TreeMap<>(run.parameters()).entrySet().stream()
                    .filter(e -> !IN_HEADER.contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            if (!parameters.isEmpty()) {
                out.println("  parameters: " + parameters);
            }
        }
        Map<String, Integer> ordinals = new HashMap<>();
        for (StepProgress s : run.steps()) {
            String slot = s.index() + (s.compensation() ? "c" : "");
            String key = slot + "#" + ordinals.merge(slot, 1, Integer::sum);
            Seen before = seen.getOrDefault(key, new Seen(StepState.PENDING, 0));
            print(s, before);
            seen.put(key, new Seen(s.state(), s.output().size()));
        }
        out.flush();
    }

    private void print(StepProgress s, Seen before) {
        if (s.state() == before.state() && s.output().size() == before.lines()) {
            return;
        }
        String label = "[" + s.index() + "] " + (s.compensation() ? "compensation: " : "") + s.name();
        if (before.state() == StepState.PENDING) {
            if (s.state() == StepState.SKIPPED && s.started().isEmpty()) {
                out.println(label + ": SKIPPED");
                return;
            }
            out.println(label + " (" + s.type() + ")" + (s.description().isEmpty() ? "" : ": " + s.description()));
        }
        // Output after the step ended (a drill's detection, after its fault) names its step again.
        String indent = ended(before.state()) ? "[" + s.index() + "] " : "      ";
        s.output().stream().skip(before.lines()).forEach(line -> out.println(indent + line));
        if (s.state() == before.state() || s.state() == StepState.PLANNED || s.state() == StepState.RUNNING) {
            return;
        }
        if (s.state() == StepState.AWAITING_APPROVAL) {
            out.println("    waiting for approval");
            return;
        }
        String took = s.started().flatMap(st -> s.finished().map(f -> Durations.measured(Duration.between(st, f))))
                .map(t -> " in " + t).orElse("");
        out.println("    -> " + s.state() + took + (s.attempts() > 1 ? " (" + s.attempts() + " attempts)" : ""));
    }

    private static boolean ended(StepState state) {
        return switch (state) {
            case SUCCEEDED, FAILED, FAILED_CONTINUED, SKIPPED, INTERRUPTED -> true;
            case PENDING, RUNNING, AWAITING_APPROVAL, PLANNED -> false;
        };
    }

    /** The run's end: its state and summary, a drill's RTO and RPO against the targets, and its journal file. */
    synchronized void finish(RunbookProgress run, Path journal) {
        update(run);
        out.println(run.state() + ": " + run.summary());
        run.measured().ifPresent(m -> {
            out.println("RTO measured: " + DrillText.rto(m));
            out.println("RPO measured: " + DrillText.rpo(m) + (m.rpoBasis().isEmpty() ? "" : "; " + m.rpoBasis()));
        });
        out.println("Journal: " + journal);
        out.flush();
    }
}
