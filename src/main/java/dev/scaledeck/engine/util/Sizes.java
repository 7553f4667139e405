package dev.scaledeck.engine.util;

import java.util.Locale;

/** Byte counts for people. Stateless. */
public final class Sizes {

    private Sizes() {
    }

    /** {@code 512 B}, {@code 16.6 kB}, {@code 166.1 MB}, {@code 2.4 GB} (powers of 1000, one decimal). */
    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
