package dev.scaledeck.ui.chart;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

import java.util.List;

/**
 * One entry per series, each a line symbol in the series' colour and its name, with the style
 * classes a stock chart's legend has, so the window's stylesheet colours them. FX thread only.
 */
final class ChartLegend extends FlowPane {

    private static final double GAP = 5;

    ChartLegend(List<String> seriesNames) {
        super(GAP, GAP);
        getStyleClass().add("chart-legend");
        for (int s = 0; s < seriesNames.size(); s++) {
            Region symbol = new Region();
            symbol.getStyleClass().addAll("chart-legend-item-symbol", "chart-line-symbol", "series" + s,
                    "default-color" + (s % 8));
            Label item = new Label(seriesNames.get(s), symbol);
            item.getStyleClass().add("chart-legend-item");
            getChildren().add(item);
        }
    }

    /** The width of all entries in one row; the legend is centred under the chart at that width. */
    double oneRowWidth() {
        double width = snappedLeftInset() + snappedRightInset() + GAP * Math.max(0, getChildren().size() - 1);
        for (var item : getChildren()) {
            width += snapSizeX(item.prefWidth(-1));
        }
        return width;
    }
}
