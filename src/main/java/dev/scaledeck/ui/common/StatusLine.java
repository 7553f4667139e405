package dev.scaledeck.ui.common;

/**
 * One line of text with the style class that colours it (a {@link StatusStyles} constant), or
 * null for plain muted text. Immutable.
 */
public record StatusLine(String text, String style) {

    public static StatusLine plain(String text) {
        return new StatusLine(text, null);
    }

    /** A line in {@link StatusStyles#BAD}: what is wrong with an input, or what failed. */
    public static StatusLine bad(String text) {
        return new StatusLine(text, StatusStyles.BAD);
    }

    /** A line in {@link StatusStyles#GOOD}: what an action did. */
    public static StatusLine good(String text) {
        return new StatusLine(text, StatusStyles.GOOD);
    }
}
