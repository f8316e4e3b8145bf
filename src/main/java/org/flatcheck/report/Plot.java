package org.flatcheck.report;

import java.util.List;

/**
 * A picture's data, before rendering: numeric (doubles rounded from exact or certified values, as the
 * {@code note} says), with named series. Line plots use {@link Series}; a 2-D slice uses {@link Grid}.
 */
public record Plot(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series,
        Grid grid, String note) {
    /** One curve: points {@code (x[i], y[i])}, with optional error half-widths. */
    public record Series(String name, double[] x, double[] y, double[] err) {
    }

    /** Values {@code z[j][i]} over {@code x[i] × y[j]} (a heat map). */
    public record Grid(String name, double[] x, double[] y, double[][] z) {
    }
}
