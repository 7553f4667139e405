package dev.scaledeck.ui.recovery;

import dev.scaledeck.engine.config.Durations;
import dev.scaledeck.engine.recovery.StepProgress;
import dev.scaledeck.engine.recovery.StepState;
import dev.scaledeck.ui.common.Formats;
import dev.scaledeck.ui.common.StatusStyles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One step of a run as the steps table shows it. Immutable; equal rows mean nothing changed on screen.
 *
 * @param key         which step this is within its run, across refreshes
 * @param index       1-based position in the plan (0 a drill's fault; compensating steps carry their parent's)
 * @param name        the step's name; compensating steps are marked
 * @param type        its YAML type
 * @param state       e.g. {@code SUCCEEDED}, {@code AWAITING APPROVAL}
 * @param stateStyle  the state's colour ({@link StatusStyles#of(StepState)})
 * @param duration    how long it took or has taken so far, or {@link Formats#NONE}
 * @param attempts    attempts so far, or {@link Formats#NONE}
 * @param description what it does, with the run's parameters filled in
 * @param output      what it printed or found, one line each
 */
public record StepRow(String key, String index, String name, String type, String state, String stateStyle,
                      String duration, String attempts, String description, List<String> output) {

    public StepRow {
        output = List.copyOf(output);
    }

    /** @param now for the time a running step has taken so far */
    static StepRow of(StepProgress step, int position, Instant now) {
        String duration = step.started()
                .map(start -> Durations.measured(Duration.between(start, step.finished().orElse(now))))
                .orElse(Formats.NONE);
        return new StepRow(position + ":" + step.index() + ":" + step.name(), Integer.toString(step.index()),
                step.compensation() ? "↳ " + step.name() + " (compensation)" : step.name(), step.type(),
                step.state().name().replace('_', ' '), StatusStyles.of(step.state()), duration,
                step.attempts() == 0 ? Formats.NONE : Integer.toString(step.attempts()), step.description(),
                step.output());
    }

    /** Whether the step is under way: running, or waiting for an approval. */
    boolean active() {
        return StatusStyles.RUNNING.equals(stateStyle) || StatusStyles.AWAITING.equals(stateStyle);
    }

    boolean failed() {
        return StatusStyles.BAD.equals(stateStyle);
    }
}
