package dev.scaledeck.engine.util;

import java.util.Locale;

/** Numbers as messages and reports write them. Stateless. */
public final class Numbers {

    private Numbers() {
    }

    /** A whole number without decimals ({@code 200}), any other as Java writes it ({@code 12.5}). */
    public static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A whole number without decimals ({@code 200}), any other with one ({@code 12.5}). */
    public static String oneDecimal(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
