package dev.scaledeck.engine.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG charts for the HTML report, drawn here so the report needs no script, font or
 * style sheet from anywhere: line charts over the run's seconds and a bar chart of shares.
 * Every text that goes in is escaped. Stateless; thread-safe.
 */
final class SvgChart {

    /** One line: its legend name, its colour and one value per timeline second (NaN: no value, the line breaks). */
    record Series(String name, String color, double[] values) {
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 240;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;
    private static final int BAR_ROW = 26;
    private static final int BAR_LABEL = 150;

    private SvgChart() {
    }

    /**
     * A line chart of values over time.
     *
     * @param title   what it shows, e.g. {@code Throughput}
     * @param unit    the y axis' unit, e.g. {@code requests/s}
     * @param seconds the x of each value, seconds since the start
     */
    static String lines(String title, String unit, double[] seconds, List<Series> series) {
        StringBuilder svg = open(title, HEIGHT);
        double maxX = Math.max(1, max(seconds));
        double maxY = 0;
        for (Series s : series) {
            maxY = Math.max(maxY, max(s.values()));
        }
        double yStep = niceStep(Math.max(maxY, 1e-9) / 4);
        double topY = Math.max(yStep, Math.ceil(maxY / yStep) * yStep);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (double y = 0; y <= topY + yStep / 2; y += yStep) {
            double py = TOP + plotHeight - y / topY * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
                    LEFT, py, WIDTH - RIGHT, py));
            text(svg, LEFT - 6, py + 4, "end", label(y, yStep));
        }
        double xStep = niceStep(maxX / 6);
        for (double x = 0; x <= maxX + xStep / 100; x += xStep) {
            text(svg, LEFT + x / maxX * plotWidth, HEIGHT - BOTTOM + 16, "middle", label(x, xStep) + "s");
        }
        text(svg, LEFT, TOP - 10, "start", unit);
        for (Series s : series) {
            polyline(svg, s, seconds, maxX, topY);
        }
        legend(svg, series);
        if (seconds.length == 0) {
            text(svg, WIDTH / 2.0, HEIGHT / 2.0, "middle", "no data");
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per key in the map's order, each with its count and share. */
    static String bars(String title, Map<String, Long> counts) {
        int height = Math.max(1, counts.size()) * BAR_ROW + 8;
        StringBuilder svg = open(title, height);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        double room = WIDTH - BAR_LABEL - 12 - 170;
        int row = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            double y = 4 + row * BAR_ROW;
            double width = most == 0 ? 0 : room * e.getValue() / most;
            text(svg, BAR_LABEL, y + 16, "end", e.getKey());
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" class=\"bar\"/>",
                    BAR_LABEL + 8, y + 3, width, BAR_ROW - 8));
            text(svg, BAR_LABEL + 14 + width, y + 16, "start", ReportText.count(e.getValue()) + " ("
                    + ReportText.decimal(ReportText.percent(e.getValue(), total)) + " %)");
            row++;
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
                WIDTH, height, ReportText.html(title), ReportText.html(title)));
    }

    private static void polyline(StringBuilder svg, Series s, double[] seconds, double maxX, double topY) {
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder points = new StringBuilder();
        int inSegment = 0;
        for (int i = 0; i <= seconds.length; i++) {
            double v = i < seconds.length && i < s.values().length ? s.values()[i] : Double.NaN;
            if (Double.isNaN(v)) {
                segment(svg, s.color(), points, inSegment);
                points.setLength(0);
                inSegment = 0;
                continue;
            }
            double px = LEFT + seconds[i] / maxX * plotWidth;
            double py = TOP + plotHeight - v / topY * plotHeight;
            points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", inSegment == 0 ? "" : " ", px, py));
            inSegment++;
        }
    }

    /** A lone point between gaps is drawn as a dot, since a one-point polyline shows nothing. */
    private static void segment(StringBuilder svg, String color, CharSequence points, int count) {
        if (count == 1) {
            String[] xy = points.toString().split(",");
            svg.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"2.5\" fill=\"")
                    .append(ReportText.html(color)).append("\"/>");
        } else if (count > 1) {
            svg.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(ReportText.html(color)).append("\"/>");
        }
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        double x = WIDTH - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            x -= 14 + 7.5 * s.name().length();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    x, TOP - 20, ReportText.html(s.color())));
            text(svg, x + 14, TOP - 11, "start", s.name());
            x -= 12;
        }
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor))
                .append(ReportText.html(text)).append("</text>");
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String label(double value, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%,.0f", value) : ReportText.plain(value);
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
