package org.flatcheck.claims;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.numeric.SgdTrainer;

/**
 * The two training tasks of the batch-size experiment. Every input and target is a double that is an
 * exact dyadic rational, so the data the trainer sees and the data the exact measures see are the same
 * numbers.
 */
final class KeskarTasks {
    private KeskarTasks() {
    }

    /** A task: its data, the student architecture and the training settings shared by both batch sizes. */
    record Task(String name, String description, int[] sizes, double[][] x, double[][] y, int smallBatch,
            double learningRate, int epochs, int stationaryExponent, String stationaryReason) {
        Task {
            sizes = sizes.clone();
            x = java.util.Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
            y = java.util.Arrays.stream(y).map(double[]::clone).toArray(double[][]::new);
        }

        /** A copy. */
        @Override
        public int[] sizes() {
            return sizes.clone();
        }

        /** A copy. */
        @Override
        public double[][] x() {
            return java.util.Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        }

        /** A copy. */
        @Override
        public double[][] y() {
            return java.util.Arrays.stream(y).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Task r && java.util.Arrays.deepEquals(new Object[] {name, description, sizes, x, y, smallBatch, learningRate, epochs, stationaryExponent, stationaryReason},
                    new Object[] {r.name, r.description, r.sizes, r.x, r.y, r.smallBatch, r.learningRate, r.epochs, r.stationaryExponent, r.stationaryReason});
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.deepHashCode(new Object[] {name, description, sizes, x, y, smallBatch, learningRate, epochs, stationaryExponent, stationaryReason});
        }

        @Override
        public String toString() {
            return "Task" + java.util.Arrays.deepToString(new Object[] {name, description, sizes, x, y, smallBatch, learningRate, epochs, stationaryExponent, stationaryReason});
        }

        /** The stationarity a counted end point has exactly: ‖∇L‖² ≤ 10^−e. */
        BigFraction stationary() {
            return Q.of(BigInteger.ONE, BigInteger.TEN.pow(stationaryExponent));
        }

        int parameters() {
            return new SgdTrainer(sizes).parameters();
        }
    }

    /**
     * A seeded 2-D regression task: n points uniform on [−1, 1]², rounded to multiples of 2⁻¹⁰; a teacher
     * 2-4-1 ReLU net with biases, every parameter N(0, 1); targets teacher(x) + 0.05·N(0, 1), rounded to
     * multiples of 2⁻¹⁶. Student 2-8-1 with biases (P = 33), small batch 4, η = 0.05, 200 epochs
     * (quick: 64 points, 100 epochs); stationary means ‖∇L‖² ≤ 10⁻⁶.
     */
    static Task synthetic(Random rnd, boolean quick) {
        int n = quick ? 64 : 128;
        SgdTrainer teacher = new SgdTrainer(new int[] {2, 4, 1});
        double[] t = new double[teacher.parameters()];
        for (int k = 0; k < t.length; k++) {
            t[k] = rnd.nextGaussian();
        }
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                x[i][j] = Math.rint((2 * rnd.nextDouble() - 1) * 1024) / 1024;
            }
            y[i][0] = Math.rint((teacher.output(t, x[i])[0] + 0.05 * rnd.nextGaussian()) * 65536) / 65536;
        }
        return new Task("synthetic", n + " points uniform on [−1, 1]² (multiples of 2^-10); targets of a 2-4-1 ReLU "
                + "teacher with N(0, 1) parameters plus 0.05·N(0, 1) noise (multiples of 2^-16)", new int[] {2, 8, 1}, x, y,
                4, 0.05, quick ? 100 : 200, 6, "gradient descent reaches it from most end points");
    }

    /** Means and scales (in tenths of a centimetre) of the Iris standardisation: (x − m)/s, exact. */
    static final int[] IRIS_MEAN_TENTHS = {58, 31, 38, 12};
    static final int[] IRIS_SCALE_TENTHS = {8, 4, 16, 8};

    /**
     * Fisher's Iris data (Fisher 1936; the 150 flowers, measurements in centimetres, as shipped with
     * scikit-learn and R) as a regression task: from sepal length, sepal width and petal length predict
     * petal width (correlated 0.96 with petal length). Every measurement is standardised as (x − m)/s with
     * m = (5.8, 3.1, 3.8, 1.2) and s = (0.8, 0.4, 1.6, 0.8) cm — close to the columns' means and standard
     * deviations, and chosen so that every standardised value is a multiple of 1/16, exact in double.
     * The recorded values lie on a 0.1 cm grid; each is moved by a seeded uniform draw within that precision
     * (rounded to multiples of 2⁻¹²), which puts the flowers in general position. Student 3-8-1 with biases
     * (P = 41), small batch 10, η = 0.05, 200 epochs (quick: 100). Its minima lie next to kinks, where the
     * gradient does not vanish: stationary means ‖∇L‖² ≤ 10⁻⁴ here.
     */
    static Task iris(Random rnd, boolean quick) {
        List<String> lines = resource("iris.csv");
        double[][] x = new double[lines.size() - 1][3];
        double[][] y = new double[lines.size() - 1][1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            for (int j = 0; j < 4; j++) {
                // (10x − 10m) / (10s): both integers, the divisor a power of two, so the quotient is exact.
                long tenths = Math.round(Double.parseDouble(f[j]) * 10);
                double v = (double) (tenths - IRIS_MEAN_TENTHS[j]) / IRIS_SCALE_TENTHS[j];
                // Dequantisation: the data were recorded to 0.1 cm; a uniform draw within that precision,
                // rounded to multiples of 2^-12, puts the points in general position.
                v += Math.rint((rnd.nextDouble() - 0.5) / IRIS_SCALE_TENTHS[j] * 4096) / 4096;
                if (j < 3) {
                    x[i - 1][j] = v;
                } else {
                    y[i - 1][0] = v;
                }
            }
        }
        return new Task("iris", "Fisher's Iris data (150 flowers, Fisher 1936): petal width from sepal length, sepal width "
                + "and petal length, each standardised as (x − m)/s with m = (5.8, 3.1, 3.8, 1.2) cm and s = (0.8, 0.4, 1.6, 0.8) cm",
                new int[] {3, 8, 1}, x, y, 10, 0.05, quick ? 100 : 200, 4, "the minima lie next to kinks (a flower on a hidden "
                + "unit's boundary, |pre-activation| below 10^-5), where the gradient does not vanish and gradient descent "
                + "oscillates at ‖∇L‖² ≈ 10^-5; the measures there are those of the polynomial piece the end point lies in");
    }

    private static List<String> resource(String name) {
        try (InputStream in = KeskarTasks.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
