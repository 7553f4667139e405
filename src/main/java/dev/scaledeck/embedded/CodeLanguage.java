package dev.scaledeck.embedded;

import java.util.Locale;

/** The languages {@link WorkflowConverter} writes. Immutable. */
public enum CodeLanguage {
    TYPESCRIPT("typescript"),
    JAVASCRIPT("javascript");

    private final String id;

    CodeLanguage(String id) {
        this.id = id;
    }

    /** The lower-case name used in JSON and query strings. */
    public String id() {
        return id;
    }

    /**
     * Reads {@code typescript}/{@code ts} or {@code javascript}/{@code js}, any case.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static CodeLanguage parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "typescript":
            case "ts":
                return TYPESCRIPT;
            case "javascript":
            case "js":
                return JAVASCRIPT;
            default:
                throw new IllegalArgumentException("language must be typescript or javascript, but was '" + text + "'");
        }
    }
}
