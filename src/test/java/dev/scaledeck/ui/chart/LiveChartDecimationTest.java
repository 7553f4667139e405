package dev.scaledeck.ui.chart;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** {@link M4Decimation}: what a live chart keeps of a long history at a given width. */
class LiveChartDecimationTest {

    private static int[] pick(double[] x, double[] y, int columns) {
        int[] out = new int[M4Decimation.maxPicked(columns)];
        int count = M4Decimation.pick(x, y, 0, x.length, columns, out);
        return Arrays.copyOf(out, count);
    }

    /** {@code n} points spread evenly over {@code columns} pixels, the newest on the right edge. */
    private static double[] evenlySpread(int n, int columns) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i * columns / (n - 1);
        }
        return x;
    }

    @Test
    void shouldKeepEveryPointWhenThereAreFewerThanColumns() {
        double[] x = {0.5, 10.2, 20.7, 30.1};
        double[] y = {3, 1, 4, 1};

        assertThat(pick(x, y, 40)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shouldKeepFirstLowestHighestAndLastOfEachColumnInOrder() {
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 1.1, 1.2, 1.3};
        double[] y = {5, 9, 1, 7, 6, 2, 8, 3};

        // column 0: first 0, highest 1 (9), lowest 2 (1), last 4; column 1: first 5, highest 6, last 7
        assertThat(pick(x, y, 2)).containsExactly(0, 1, 2, 4, 5, 6, 7);
    }

    @Test
    void shouldPreserveTheMinimumAndMaximumOfEveryColumn() {
        Random random = new Random(42);
        int n = 100_000;
        int columns = 640;
        double[] x = evenlySpread(n, columns);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextGaussian() * 10 + (i % 5000 == 0 ? 500 : 0);
        }

        int[] picked = pick(x, y, columns);

        double[] allMin = new double[columns];
        double[] allMax = new double[columns];
        double[] pickedMin = new double[columns];
        double[] pickedMax = new double[columns];
        Arrays.fill(allMin, Double.MAX_VALUE);
        Arrays.fill(allMax, -Double.MAX_VALUE);
        Arrays.fill(pickedMin, Double.MAX_VALUE);
        Arrays.fill(pickedMax, -Double.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int c = Math.min(columns - 1, (int) x[i]);
            allMin[c] = Math.min(allMin[c], y[i]);
            allMax[c] = Math.max(allMax[c], y[i]);
        }
        for (int i : picked) {
            int c = Math.min(columns - 1, (int) x[i]);
            pickedMin[c] = Math.min(pickedMin[c], y[i]);
            pickedMax[c] = Math.max(pickedMax[c], y[i]);
        }
        assertThat(pickedMin).containsExactly(allMin);
        assertThat(pickedMax).containsExactly(allMax);
    }

    @Test
    void shouldKeepTheFirstAndLastPointSoTheLineSpansTheWholeHistory() {
        int n = 10_000;
        double[] x = evenlySpread(n, 300);
        double[] y = new double[n];
        Arrays.setAll(y, i -> Math.sin(i / 50.0));

        int[] picked = pick(x, y, 300);

        assertThat(picked[0]).isZero();
        assertThat(picked[picked.length - 1]).isEqualTo(n - 1);
        assertThat(picked).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldDrawAtMostFourPointsPerColumnHoweverLongTheHistory() {
        int columns = 500;
        for (int n : new int[] {1_000, 10_000, 100_000, 1_000_000}) {
            double[] x = evenlySpread(n, columns);
            double[] y = new double[n];
            Arrays.setAll(y, i -> (i * 7919) % 1000);

            int[] picked = pick(x, y, columns);

            assertThat(picked.length).as("%d points", n).isLessThanOrEqualTo(4 * columns)
                    .isGreaterThanOrEqualTo(2 * columns);
        }
    }

    @Test
    void shouldKeepOnlyTheLastPointLeftOfThePlotSoTheLineEntersAtTheEdge() {
        double[] x = {-30, -20, -0.5, 0.2, 5.5};
        double[] y = {100, 200, 3, 4, 5};

        assertThat(pick(x, y, 10)).containsExactly(2, 3, 4);
    }

    @Test
    void shouldSkipValuesThatAreNotNumbers() {
        double[] x = {0.1, 0.2, 0.3, 1.5};
        double[] y = {1, Double.NaN, Double.POSITIVE_INFINITY, 2};

        assertThat(pick(x, y, 2)).containsExactly(0, 3);
    }

    @Test
    void shouldReadOnlyTheRangeAsked() {
        double[] x = {0.5, 1.5, 2.5, 3.5};
        double[] y = {1, 2, 3, 4};
        int[] out = new int[M4Decimation.maxPicked(4)];

        int count = M4Decimation.pick(x, y, 1, 3, 4, out);

        assertThat(Arrays.copyOf(out, count)).containsExactly(1, 2);
    }

    @Test
    void shouldGiveEachColumnTheRangeItsPointsSpan() {
        double[] x = {0.2, 0.5, 0.8, 2.1, 2.9};
        double[] y = {5, 1, 3, 7, 7};
        double[] lowest = new double[3];
        double[] highest = new double[3];

        M4Decimation.columnRanges(x, y, 0, x.length, 1, 3, lowest, highest);

        assertThat(lowest[0]).isEqualTo(1);
        assertThat(highest[0]).isEqualTo(5);
        assertThat(highest[2]).isEqualTo(7);
        assertThat(lowest[2]).as("where the line from 3 at 0.8 to 7 at 2.1 enters")
                .isCloseTo(3 + 4 * 1.2 / 1.3, offset(1e-9));
    }

    @Test
    void shouldCoverWhereTheLineCrossesAColumnWithoutPointsOfItsOwn() {
        double[] x = {0.5, 2.5};
        double[] y = {0, 20};
        double[] lowest = new double[3];
        double[] highest = new double[3];

        M4Decimation.columnRanges(x, y, 0, x.length, 1, 3, lowest, highest);

        // the line rises 10 per pixel: it enters column 1 at 5 and leaves at 15
        assertThat(lowest).containsExactly(0, 5, 15);
        assertThat(highest).containsExactly(5, 15, 20);
    }

    @Test
    void shouldLeaveColumnsTheLineDoesNotReachEmptyAndEnterFromTheLeft() {
        double[] x = {-1, 0.5, 1.5};
        double[] y = {10, 0, Double.NaN};
        double[] lowest = new double[4];
        double[] highest = new double[4];

        M4Decimation.columnRanges(x, y, 0, x.length, 2, 4, lowest, highest);

        // half-pixel columns: the line from x -1 enters at 0 with 10 * 1/3 and reaches 0 at 0.5
        assertThat(highest[0]).isCloseTo(10.0 / 3, offset(1e-9));
        assertThat(lowest[1]).isZero();
        assertThat(lowest[3]).as("a value that is no number ends the line").isNaN();
    }

    @Test
    void shouldRejectAnOutputTooSmallForTheWidth() {
        assertThatThrownBy(() -> M4Decimation.pick(new double[1], new double[1], 0, 1, 10, new int[5]))
                .hasMessage("out must hold 41 indices, but holds 5");
        assertThatThrownBy(() -> M4Decimation.pick(new double[1], new double[1], 0, 1, 0, new int[5]))
                .hasMessage("columns must be at least 1, but was 0");
    }
}
