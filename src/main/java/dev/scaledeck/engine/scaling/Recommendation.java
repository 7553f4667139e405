package dev.scaledeck.engine.scaling;

/**
 * What a policy asks for, before the guards (bounds, stabilization, rate limits, cooldown,
 * connection budget). Immutable.
 *
 * @param desired the replica count the policy wants
 * @param reason  why, in one line, e.g. {@code cpu 91 % > 80 % for 2 samples}
 */
public record Recommendation(int desired, String reason) {
}
