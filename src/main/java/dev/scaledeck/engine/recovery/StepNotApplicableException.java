package dev.scaledeck.engine.recovery;

/**
 * The step cannot apply here (no standby configured for a failover, a database this environment
 * does not run for start-database): the step is SKIPPED with this reason and the run goes on;
 * the steps after it check the outcome.
 */
final class StepNotApplicableException extends Exception {

    StepNotApplicableException(String message) {
        super(message);
    }
}
