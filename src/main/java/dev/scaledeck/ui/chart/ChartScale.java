package dev.scaledeck.ui.chart;

/**
 * The ranges and tick steps of a live chart's axes: the value axis from 0 to a 1-2-5 step above
 * the highest value, in five ticks; the time axis from the span shown to "now", in 1-2-5 steps
 * of about six ticks. Pure functions; thread-safe.
 */
final class ChartScale {

    /**
     * The value axis always reaches at least this high, so a quiet series draws as a line near
     * zero on a readable scale instead of an axis with one "0.0" tick.
     */
    static final double MIN_UPPER = 5;
    /** The time axis starts this wide and widens with the data until it spans what is asked for. */
    static final double MIN_VISIBLE_SECONDS = 10;
    /** Ticks on the value axis: 0 and five steps up to the upper bound. */
    static final int VALUE_TICKS = 5;
    private static final double TIME_TICKS = 6;

    private ChartScale() {
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value} (positive). */
    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** 0 to the next 1-2-5 step above the highest value, with a little headroom. */
    static double valueUpper(double highest) {
        return niceCeiling(Math.max(MIN_UPPER, highest * 1.1));
    }

    /**
     * Seconds the time axis spans: a chart that just started shows its few seconds readably
     * instead of a sliver at the right edge, widening in steps of ten seconds up to {@code span}.
     *
     * @param span              seconds the operator asked to see
     * @param oldestSecondsAgo  how old the oldest point held is, in seconds (0 when none)
     */
    static double visibleSeconds(double span, double oldestSecondsAgo) {
        return Math.min(span, Math.max(MIN_VISIBLE_SECONDS, Math.ceil(oldestSecondsAgo / 10) * 10));
    }

    /** The time axis' tick step for {@code visibleSeconds}: 2 s for 10 s, 10 s for a minute, 100 s for ten. */
    static double timeTick(double visibleSeconds) {
        return niceCeiling(visibleSeconds / TIME_TICKS);
    }
}
