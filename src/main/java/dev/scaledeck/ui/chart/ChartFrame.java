package dev.scaledeck.ui.chart;

import javafx.scene.layout.Region;

/**
 * What a stock {@code Chart} region does for its content: the padding (style class
 * {@code chart}), the legend centred below when there is more than one series and room for it,
 * and the rest for the {@link PlotArea}. Sized from outside in, with a stock chart's minimum and
 * preferred sizes, so sections lay out as they did with one. FX thread only.
 */
final class ChartFrame extends Region {

    /** A stock chart drops its legend rather than leave less than this for the plot. */
    private static final double MIN_PLOT_HEIGHT_WITH_LEGEND = 150;

    private final PlotArea plot;
    private final ChartLegend legend;

    ChartFrame(PlotArea plot, ChartLegend legend) {
        this.plot = plot;
        this.legend = legend;
        getStyleClass().add("chart");
        plot.setManaged(false);
        getChildren().add(plot);
        if (legend != null) {
            legend.setManaged(false);
            getChildren().add(legend);
        }
    }

    @Override
    protected void layoutChildren() {
        double top = snappedTopInset();
        double left = snappedLeftInset();
        double bottom = snappedBottomInset();
        double width = getWidth() - left - snappedRightInset();
        double height = getHeight();
        if (legend != null) {
            legend.setPrefWrapLength(width);
            double legendHeight = snapSizeY(legend.prefHeight(width));
            double legendWidth = Math.min(width, snapSizeX(legend.oneRowWidth()));
            boolean fits = height - bottom - top - legendHeight >= MIN_PLOT_HEIGHT_WITH_LEGEND;
            legend.setVisible(fits);
            if (fits) {
                legend.resizeRelocate(left + (width - legendWidth) / 2, height - bottom - legendHeight,
                        legendWidth, legendHeight);
                bottom += legendHeight;
            }
        }
        plot.resizeRelocate(left, top, width, height - top - bottom);
    }

    @Override
    protected double computeMinWidth(double height) {
        return 200;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 150;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 500;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }
}
