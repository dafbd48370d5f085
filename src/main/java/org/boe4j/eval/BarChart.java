package org.boe4j.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boe4j.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Bar charts of an experiment (JFreeChart, rendered off-screen to PNG): one bar per variant, the baseline in grey
 * and first, each bar the mean over seeds in percent with an error bar of ± one sample standard deviation (no error
 * bar for a single seed). The value axis does not start at 0, so that differences of a point or two stay visible;
 * its label says so.
 */
public final class BarChart {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 480;

    /** Baseline grey, then a colour-blind-safe palette (Okabe and Ito, 2008). */
    private static final Color BASELINE = new Color(0x99, 0x99, 0x99);
    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00)};

    static {
        // no display on servers and CI: AWT must not try to open one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BarChart() {
    }

    /** A chart over the given languages (one group of bars per language). */
    public static JFreeChart chart(ExperimentResults r, List<String> languages, String title) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (String v : orderedVariants(r)) {
            for (String lang : languages) {
                List<Double> values = Comparison.AVERAGE.equals(lang)
                        ? List.copyOf(r.averageBySeed(v).values()) : r.values(v, lang);
                SeedSummary s = SeedSummary.of(values);
                if (s.n() > 0) {
                    Number std = Double.isNaN(s.std()) ? null : (Number) (100 * s.std());
                    data.add((Number) (100 * s.mean()), std, v, lang);
                }
            }
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setIncludeBaseInRange(false);
        renderer.setItemMargin(0.05);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
        int colour = 0;
        for (int row = 0; row < data.getRowCount(); row++) {
            Paint p = data.getRowKey(row).equals(r.baseline()) ? BASELINE : PALETTE[colour++ % PALETTE.length];
            renderer.setSeriesPaint(row, p);
        }
        NumberAxis value = new NumberAxis(r.metric() + " (%), mean ± std over seeds; axis not from 0");
        value.setAutoRangeIncludesZero(false);
        value.setUpperMargin(0.1);
        CategoryAxis category = new CategoryAxis(languages.size() == 1 ? null : "language");
        CategoryPlot plot = new CategoryPlot(data, category, value, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    /** Writes a PNG of {@link #WIDTH} x {@link #HEIGHT} pixels, atomically. */
    public static void writePng(JFreeChart chart, Path file) throws IOException {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }

    /** The baseline first, then the other variants in their order. */
    private static List<String> orderedVariants(ExperimentResults r) {
        List<String> out = new ArrayList<>();
        out.add(r.baseline());
        r.variants().stream().filter(v -> !v.equals(r.baseline())).forEach(out::add);
        return out;
    }
}
