package dev.scaledeck.ui.backup;

/**
 * What an input field holds: a value, a problem saying what is wrong, or nothing entered yet
 * (both null). Immutable.
 *
 * @param <T> the value's type
 */
record Parsed<T>(T value, String problem) {

    static <T> Parsed<T> of(T value) {
        return new Parsed<>(value, null);
    }

    static <T> Parsed<T> invalid(String problem) {
        return new Parsed<>(null, problem);
    }

    static <T> Parsed<T> blank() {
        return new Parsed<>(null, null);
    }

    boolean ok() {
        return value != null;
    }
}
