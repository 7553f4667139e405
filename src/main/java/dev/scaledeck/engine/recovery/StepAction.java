package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one runbook step does, as its YAML {@code type} and fields say. Text fields may hold
 * {@code ${name}} placeholders, filled from the run's parameters when the step runs (a dry
 * run shows them filled). Immutable; validated by {@link PlanLoader} before a plan exists.
 */
public sealed interface StepAction {

    /** The YAML {@code type} of this action. */
    String type();

    /**
     * {@code health-check}: runs one check now and compares with what is expected.
     *
     * @param target {@code database}, {@code instances} (every instance healthy), or the name of a
     *               configured health check
     * @param expectPass true for {@code expect: pass}, false for {@code expect: fail}
     */
    record HealthCheck(String target, boolean expectPass) implements StepAction {
        public HealthCheck {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String type() {
            return "health-check";
        }
    }

    /**
     * {@code wait}: polls a condition until it holds or the step's timeout passes.
     *
     * @param condition what must hold
     * @param every     how often it is checked
     */
    record Wait(WaitCondition condition, Duration every) implements StepAction {
        public Wait {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(every, "every");
        }

        @Override
        public String type() {
            return "wait";
        }
    }

    /**
     * {@code failover}: moves work to the standby now.
     *
     * @param target {@code database}, or the name of an HTTP service with a standby ({@code failover.http})
     */
    record Failover(String target) implements StepAction {
        public Failover {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String type() {
            return "failover";
        }
    }

    /**
     * {@code start-database}: starts the database the engine manages (the embedded PostgreSQL)
     * when it is down, waits until it answers, and resets the pool's connections.
     */
    record StartDatabase() implements StepAction {
        @Override
        public String type() {
            return "start-database";
        }
    }

    /**
     * {@code restore-backup}: restores the newest verified backup of a scope, or a user as of a point in time.
     *
     * @param scope {@code full} or {@code user:ID} (the id may be a placeholder)
     * @param at    empty for the newest verified backup; else a point in time (ISO-8601 instant,
     *              or a placeholder such as {@code ${before-incident}}) for a point-in-time restore
     */
    record RestoreBackup(String scope, Optional<String> at) implements StepAction {
        public RestoreBackup {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "restore-backup";
        }
    }

    /**
     * {@code restore-repository}: copies every backup missing or damaged in the primary backup
     * repository back from the first secondary repository that holds an intact copy, checking each
     * file's SHA-256 against its manifest.
     */
    record RestoreRepository() implements StepAction {
        @Override
        public String type() {
            return "restore-repository";
        }
    }

    /**
     * {@code scale}: sets the replica count through the platform.
     *
     * @param to {@code N}, {@code +N} (more than now), or {@code back} (the count before the run started)
     */
    record Scale(String to) implements StepAction {
        public Scale {
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String type() {
            return "scale";
        }
    }

    /**
     * {@code eject} / {@code restore-instance}: takes an instance out of the balancer's rotation, or puts it back.
     *
     * @param instance an instance id, or {@code unhealthy} for every instance failing its probes now
     * @param eject    true for {@code eject}, false for {@code restore-instance}
     */
    record Instance(String instance, boolean eject) implements StepAction {
        public Instance {
            Objects.requireNonNull(instance, "instance");
        }

        @Override
        public String type() {
            return eject ? "eject" : "restore-instance";
        }
    }

    /**
     * {@code http}: one HTTP request (a webhook, an admin endpoint); fails unless the status is the expected one.
     *
     * @param expectStatus the status that counts as success; 0 for any 2xx
     */
    record Http(String method, String url, Map<String, String> headers, Optional<String> body, int expectStatus)
            implements StepAction {
        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String type() {
            return "http";
        }
    }

    /**
     * {@code sql}: one statement through the pool.
     *
     * @param expect when present, the first column of the first row must equal this text
     */
    record Sql(String statement, Optional<String> expect) implements StepAction {
        public Sql {
            Objects.requireNonNull(statement, "statement");
            Objects.requireNonNull(expect, "expect");
        }

        @Override
        public String type() {
            return "sql";
        }
    }

    /**
     * {@code command}: a local program with its arguments, run without a shell (each element is
     * one argument, placeholders are filled inside an element and never split it).
     */
    record Command(List<String> argv, Optional<String> directory) implements StepAction {
        public Command {
            argv = List.copyOf(argv);
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String type() {
            return "command";
        }
    }

    /** {@code notify}: an event and alert for the operator, and a POST to the webhook when one is given. */
    record Notify(String message, Optional<String> webhook) implements StepAction {
        public Notify {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(webhook, "webhook");
        }

        @Override
        public String type() {
            return "notify";
        }
    }

    /** {@code approve}: waits for an operator to approve (or refuse) before the run goes on. */
    record Approve(String question) implements StepAction {
        public Approve {
            Objects.requireNonNull(question, "question");
        }

        @Override
        public String type() {
            return "approve";
        }
    }
}
