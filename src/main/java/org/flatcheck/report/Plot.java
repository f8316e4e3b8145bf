package org.flatcheck.report;

import java.util.List;

/**
 * A picture's data, before rendering: numeric (doubles rounded from exact or certified values, as the
 * {@code note} says), with named series. Line plots use {@link Series}; a 2-D slice uses {@link Grid}.
 */
public record Plot(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series,
        Grid grid, String note) {
    /** One curve: points {@code (x[i], y[i])}, with optional error half-widths ({@code err} may be null); arrays are copied in and out. */
    public record Series(String name, double[] x, double[] y, double[] err) {
        public Series {
            x = x == null ? null : x.clone();
            y = y == null ? null : y.clone();
            err = err == null ? null : err.clone();
        }

        /** A copy. */
        @Override
        public double[] x() {
            return x == null ? null : x.clone();
        }

        /** A copy. */
        @Override
        public double[] y() {
            return y == null ? null : y.clone();
        }

        /** A copy. */
        @Override
        public double[] err() {
            return err == null ? null : err.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series r && java.util.Arrays.deepEquals(new Object[] {name, x, y, err},
                    new Object[] {r.name, r.x, r.y, r.err});
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.deepHashCode(new Object[] {name, x, y, err});
        }

        @Override
        public String toString() {
            return "Series" + java.util.Arrays.deepToString(new Object[] {name, x, y, err});
        }
    }

    /** Values {@code z[j][i]} over {@code x[i] × y[j]} (a heat map). */
    public record Grid(String name, double[] x, double[] y, double[][] z) {
        public Grid {
            x = x == null ? null : x.clone();
            y = y == null ? null : y.clone();
            z = z == null ? null : java.util.Arrays.stream(z).map(double[]::clone).toArray(double[][]::new);
        }

        /** A copy. */
        @Override
        public double[] x() {
            return x == null ? null : x.clone();
        }

        /** A copy. */
        @Override
        public double[] y() {
            return y == null ? null : y.clone();
        }

        /** A copy. */
        @Override
        public double[][] z() {
            return z == null ? null : java.util.Arrays.stream(z).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Grid r && java.util.Arrays.deepEquals(new Object[] {name, x, y, z},
                    new Object[] {r.name, r.x, r.y, r.z});
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.deepHashCode(new Object[] {name, x, y, z});
        }

        @Override
        public String toString() {
            return "Grid" + java.util.Arrays.deepToString(new Object[] {name, x, y, z});
        }
    }
}
