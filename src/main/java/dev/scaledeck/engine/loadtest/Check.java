package dev.scaledeck.engine.loadtest;

import java.util.Objects;

/**
 * A check on each answer, feeding the checks-passed rate (HTTP targets). Immutable.
 * Written as {@code status==200} or {@code body~text}.
 */
public sealed interface Check {

    /** Whether an answer passes. */
    boolean holds(int status, String body);

    /** As written: {@code status==200}, {@code body~"ok"}. */
    String text();

    record Status(int expected) implements Check {
        public Status {
            if (expected < 100 || expected > 599) {
                throw new IllegalArgumentException("a status check needs a status from 100 to 599, but was " + expected);
            }
        }

        @Override
        public boolean holds(int status, String body) {
            return status == expected;
        }

        @Override
        public String text() {
            return "status==" + expected;
        }
    }

    record BodyContains(String expected) implements Check {
        public BodyContains {
            Objects.requireNonNull(expected, "expected");
            if (expected.isEmpty()) {
                throw new IllegalArgumentException("a body check needs some text to look for");
            }
        }

        @Override
        public boolean holds(int status, String body) {
            return body != null && body.contains(expected);
        }

        @Override
        public String text() {
            return "body~" + expected;
        }
    }

    /**
     * Reads {@code status==200} or {@code body~text}.
     *
     * @throws IllegalArgumentException naming the text and the two allowed forms
     */
    static Check parse(String written) {
        String t = written.trim();
        try {
            if (t.startsWith("status==")) {
                return new Status(Integer.parseInt(t.substring("status==".length()).trim()));
            }
            if (t.startsWith("body~")) {
                return new BodyContains(t.substring("body~".length()));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + written + "' is not a check; write status==200 or body~some text");
    }
}
