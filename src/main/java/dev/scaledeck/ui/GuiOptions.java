package dev.scaledeck.ui;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the window runs besides showing itself.
 *
 * @param screenshot where to write a PNG of the whole window once live data is there, after
 *                   which the window closes; null for none
 * @param exitAfter  close the window after this long in any case; null to stay open
 * @param section    the section to show first (and in the screenshot), one of
 *                   {@link dev.scaledeck.ui.shell.Sections#TITLES}; null for the first one
 * @param screenshotDelay how long after live data is there the screenshot is taken (to show a
 *                   demo under way); null or zero for at once
 */
public record GuiOptions(Path screenshot, Duration exitAfter, String section, Duration screenshotDelay) {

    public GuiOptions(Path screenshot, Duration exitAfter) {
        this(screenshot, exitAfter, null);
    }

    public GuiOptions(Path screenshot, Duration exitAfter, String section) {
        this(screenshot, exitAfter, section, null);
    }

    public GuiOptions {
        if (screenshotDelay != null && screenshotDelay.isNegative()) {
            throw new IllegalArgumentException("screenshotDelay must not be negative, but was " + screenshotDelay);
        }
        if (exitAfter != null && (exitAfter.isNegative() || exitAfter.isZero())) {
            throw new IllegalArgumentException("exitAfter must be positive, but was " + exitAfter);
        }
        if (section != null && dev.scaledeck.ui.shell.Sections.find(section).isEmpty()) {
            throw new IllegalArgumentException("section must be one of "
                    + String.join(", ", dev.scaledeck.ui.shell.Sections.TITLES) + ", but was " + section);
        }
    }

    /** An ordinary window the operator closes. */
    public static GuiOptions interactive() {
        return new GuiOptions(null, null);
    }

    public boolean screenshotRequested() {
        return screenshot != null;
    }
}
