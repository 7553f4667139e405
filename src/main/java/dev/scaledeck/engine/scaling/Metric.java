package dev.scaledeck.engine.scaling;

import java.util.Locale;

/** The four metrics the seed's auto-scaler decides on. */
public enum Metric {
    CPU("cpu", "%"),
    MEMORY("memory", "%"),
    CONNECTIONS("connections", ""),
    RESPONSE_TIME("response time", "ms");

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** How reasons and the window name it: {@code cpu}, {@code response time}. */
    public String label() {
        return label;
    }

    /** {@code %}, {@code ms}, or empty for a count. */
    public String unit() {
        return unit;
    }

    /** The id in configuration, CSV headers and JSON: {@code cpu}, {@code response-time}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A value with its unit, as reasons show it: {@code 91 %}, {@code 1240 ms}, {@code 37}. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "not reported";
        }
        return unit.isEmpty() ? number(value) : number(value) + " " + unit;
    }

    /** A number as reasons and configuration write it: whole from 10 up, one decimal below. */
    public static String number(double value) {
        return value >= 10 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * The metric with this id ({@code cpu}, {@code response-time}; also {@code response_time}).
     *
     * @throws IllegalArgumentException naming the allowed ids
     */
    public static Metric parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Metric m : values()) {
            if (m.id().equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a metric; use one of cpu, memory, connections, response-time");
    }
}
