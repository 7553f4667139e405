package dev.scaledeck.engine.recovery;

import java.util.Objects;

/**
 * Why a runbook file was not loaded: the file, the line (0 when the file as a whole is wrong)
 * and what is wrong. Immutable.
 */
public record PlanProblem(String file, int line, String message) {

    public PlanProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code runbooks/db.yaml:12: steps[2].timeout: "soon" is not a duration; use e.g. 30s, 5m} */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
