package dev.scaledeck.ui.backup;

/**
 * One line of text with the style class that colours it (a {@link dev.scaledeck.ui.common.StatusStyles}
 * constant), or null for plain muted text. Immutable.
 */
public record StatusLine(String text, String style) {

    static StatusLine plain(String text) {
        return new StatusLine(text, null);
    }
}
