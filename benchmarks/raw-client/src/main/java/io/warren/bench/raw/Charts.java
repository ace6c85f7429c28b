package io.warren.bench.raw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A PNG chart per results section, beside the results file ({@code results-<date>-<section>.png}): one panel per
 * figure (the workload's own, CPU per message, allocation per message), the rounds along the bottom, each system's
 * bar side by side within a round. Drawn by JFreeChart, headless.
 *
 * <p>{@code main} draws them again from results files, of this runner or an earlier one (figures a file lacks are
 * left out): {@code java -cp ... io.warren.bench.raw.Charts benchmarks/results/results-<date>.md}.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The same colour for a system in every chart. */
    private static final Map<String, Paint> COLOURS = Map.of("warren", new Color(0x1f77b4), "smallrye",
            new Color(0xff7f0e), "raw", new Color(0x7f7f7f), "warren-native", new Color(0x2ca02c), "raw-stream",
            new Color(0x7f7f7f));

    private Charts() {
    }

    public static void main(String[] args) throws IOException {
        for (String a : args) {
            Path file = Path.of(a).toAbsolutePath();
            for (Path chart : drawAll(Results.read(file), file)) {
                System.out.println("Written " + chart);
            }
        }
    }

    /** The chart file of a section, beside the results file. */
    static String fileName(Path resultsFile, String section) {
        return resultsFile.getFileName().toString().replaceFirst("\\.md$", "") + "-" + section + ".png";
    }

    /** Draws every section that has results; returns the files written. */
    static List<Path> drawAll(Results results, Path resultsFile) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Results.Section s : results.sections()) {
            JFreeChart chart = chart(results, s);
            if (chart != null) {
                Path out = resultsFile.resolveSibling(fileName(resultsFile, s.name()));
                java.nio.file.Files.createDirectories(out.getParent());
                ChartUtils.saveChartAsPNG(out.toFile(), chart, 900, 260 * plotCount(chart) + 120);
                written.add(out);
            }
        }
        return written;
    }

    private static int plotCount(JFreeChart chart) {
        return ((CombinedDomainCategoryPlot) chart.getPlot()).getSubplots().size();
    }

    private static JFreeChart chart(Results results, Results.Section s) {
        List<String> systems = results.systems(s);
        CombinedDomainCategoryPlot combined = new CombinedDomainCategoryPlot(new CategoryAxis("round"));
        combined.setGap(12);
        for (Measure m : Measure.shown(s.primary())) {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            for (String system : systems) {
                List<Double> v = results.values(s.name(), system, m);
                for (int round = 0; round < v.size(); round++) {
                    if (!v.get(round).isNaN()) {
                        data.addValue(v.get(round) * m.scale(), system, "round " + (round + 1));
                    }
                }
            }
            if (data.getRowCount() == 0) {
                continue;
            }
            combined.add(panel(data, m), 1);
        }
        if (combined.getSubplots().isEmpty()) {
            return null;
        }
        // One legend entry per system, not one per panel.
        combined.setFixedLegendItems(((CategoryPlot) combined.getSubplots().get(0)).getLegendItems());
        JFreeChart chart = new JFreeChart(s.name() + ": " + s.title(), new Font(Font.SANS_SERIF, Font.BOLD, 14),
                combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static CategoryPlot panel(DefaultCategoryDataset data, Measure m) {
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        for (int row = 0; row < data.getRowCount(); row++) {
            Paint p = COLOURS.get(String.valueOf(data.getRowKey(row)));
            if (p != null) {
                bars.setSeriesPaint(row, p);
            }
        }
        // A figure spread over more than two orders of magnitude (W3's p99: SmallRye's seconds against milliseconds)
        // gets a log scale, so that the small bars still show.
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int row = 0; row < data.getRowCount(); row++) {
            for (int col = 0; col < data.getColumnCount(); col++) {
                Number v = data.getValue(row, col);
                if (v != null && v.doubleValue() > 0) {
                    min = Math.min(min, v.doubleValue());
                    max = Math.max(max, v.doubleValue());
                }
            }
        }
        ValueAxis axis = new NumberAxis(m.title());
        if (max / min > 100) {
            LogAxis log = new LogAxis(m.title() + ", log scale");
            log.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
            log.setTickUnit(new NumberTickUnit(1)); // a tick per power of ten
            log.setRange(min / 2, max * 2);
            bars.setBase(min / 2);
            axis = log;
        }
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        CategoryPlot plot = new CategoryPlot(data, null, axis, bars);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        return plot;
    }
}
