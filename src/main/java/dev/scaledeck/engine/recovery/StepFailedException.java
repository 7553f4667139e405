package dev.scaledeck.engine.recovery;

/** A step's attempt did not achieve what the step is for; the message says what was found. */
final class StepFailedException extends Exception {

    StepFailedException(String message) {
        super(message);
    }

    StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
