package dev.scaledeck.ui.common;

/**
 * What an input field holds: a value, a problem saying what is wrong, or nothing entered yet
 * (both null). Immutable.
 *
 * @param <T> the value's type
 */
public record Parsed<T>(T value, String problem) {

    public static <T> Parsed<T> of(T value) {
        return new Parsed<>(value, null);
    }

    public static <T> Parsed<T> invalid(String problem) {
        return new Parsed<>(null, problem);
    }

    public static <T> Parsed<T> blank() {
        return new Parsed<>(null, null);
    }

    public boolean ok() {
        return value != null;
    }
}
