package org.flatcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Renders a {@link Plot} with XChart to SVG or PNG bytes (headless), and its numbers as JSON. */
public final class PlotWriter {
    /** Opaque series colours (matplotlib's tab10), so that each series is recognisable in print and in tests. */
    public static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    /** Output formats, by file extension. */
    public enum Format { SVG, PNG }

    private PlotWriter() {
    }

    /**
     * The plotted numbers as JSON: the picture's {@code file}, its titles and note, every series' points (and
     * error half-widths) and the grid of a 2-D slice.
     */
    public static ObjectNode json(Plot plot, String file) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file);
        o.put("title", plot.title());
        o.put("x_label", plot.xLabel());
        o.put("y_label", plot.yLabel());
        o.put("note", plot.note());
        ArrayNode series = o.putArray("series");
        for (Plot.Series s : plot.series()) {
            ObjectNode n = series.addObject();
            n.put("name", s.name());
            numbers(n.putArray("x"), s.x());
            numbers(n.putArray("y"), s.y());
            if (s.err() != null) {
                numbers(n.putArray("err"), s.err());
            }
        }
        if (plot.grid() != null) {
            ObjectNode g = o.putObject("grid");
            numbers(g.putArray("x"), plot.grid().x());
            numbers(g.putArray("y"), plot.grid().y());
            ArrayNode z = g.putArray("z");
            for (double[] row : plot.grid().z()) {
                numbers(z.addArray(), row);
            }
        }
        return o;
    }

    private static void numbers(ArrayNode a, double[] xs) {
        for (double x : xs) {
            a.add(x);
        }
    }

    /** The picture as SVG or PNG bytes. */
    public static byte[] render(Plot plot, Format format) {
        System.setProperty("java.awt.headless", "true");
        Chart<?, ?> chart = plot.grid() != null ? heatMap(plot) : xy(plot);
        try {
            if (format == Format.PNG) {
                return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart xy(Plot plot) {
        XYChart c = new XYChartBuilder().width(900).height(600).title(plot.title()).xAxisTitle(plot.xLabel())
                .yAxisTitle(plot.yLabel()).build();
        c.getStyler().setXAxisLogarithmic(plot.logX());
        c.getStyler().setYAxisLogarithmic(plot.logY());
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setToolTipsEnabled(false);
        c.getStyler().setSeriesColors(COLORS);
        for (Plot.Series s : plot.series()) {
            XYSeries x = s.err() == null ? c.addSeries(s.name(), s.x(), s.y()) : c.addSeries(s.name(), s.x(), s.y(), s.err());
            x.setMarker(s.err() == null && s.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (s.err() != null) {
                x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        return c;
    }

    private static HeatMapChart heatMap(Plot plot) {
        HeatMapChart c = new HeatMapChartBuilder().width(1000).height(760).title(plot.title()).xAxisTitle(plot.xLabel())
                .yAxisTitle(plot.yLabel()).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(false);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setYAxisDecimalPattern("0.0");
        Plot.Grid g = plot.grid();
        c.getStyler().setMin(java.util.Arrays.stream(g.z()).flatMapToDouble(java.util.Arrays::stream).min().orElse(0));
        c.getStyler().setMax(java.util.Arrays.stream(g.z()).flatMapToDouble(java.util.Arrays::stream).max().orElse(1));
        java.util.List<Double> xs = new java.util.ArrayList<>();
        java.util.List<Double> ys = new java.util.ArrayList<>();
        java.util.List<Number[]> heat = new java.util.ArrayList<>();
        for (double v : g.x()) {
            xs.add(Math.round(v * 10) / 10.0);
        }
        for (double v : g.y()) {
            ys.add(Math.round(v * 10) / 10.0);
        }
        for (int j = 0; j < g.y().length; j++) {
            for (int i = 0; i < g.x().length; i++) {
                heat.add(new Number[] {i, j, g.z()[j][i]});
            }
        }
        c.addSeries(g.name(), xs, ys, heat);
        return c;
    }
}
