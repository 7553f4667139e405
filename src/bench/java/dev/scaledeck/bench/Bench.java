package dev.scaledeck.bench;

import java.util.Locale;

/** Prints result lines in the one format DESIGN.md section 7 fixes. */
final class Bench {

    private Bench() {
    }

    /**
     * {@code BENCH <name> <ours> <unit> vs <reference> <theirs> <unit> ratio <x.xx>}, where
     * the ratio is ours / theirs (for times, read it as "ours takes x times as long").
     */
    static void line(String name, double ours, String unit, String reference, double theirs) {
        System.out.println(String.format(Locale.ROOT, "BENCH %s %.1f %s vs %s %.1f %s ratio %.2f",
                name, ours, unit, reference, theirs, unit, ours / theirs));
        System.out.flush();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
