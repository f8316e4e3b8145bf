package org.flatcheck.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.claims.KeskarBatchSize;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;

/**
 * The numeric trainer of proofs/keskar-large-batch-sharper.md, checked against flatcheck's exact code: its loss and its
 * back-propagated gradient at double weights must agree with {@code LocalModel}'s exact loss and gradient
 * at the same weights converted exactly (an independent route: fraction-free exact passes), to about
 * 1e-12 relative. This also pins the parameter order to {@code Layered}'s.
 */
class SgdTrainerTest {
    private static double[][] inputs(Random rnd, int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = 2 * rnd.nextDouble() - 1;
            }
        }
        return x;
    }

    private static double[][] targets(Random rnd, int n, int k) {
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                y[i][j] = rnd.nextGaussian();
            }
        }
        return y;
    }

    @Test
    void lossAndGradientAgreeWithTheExactOnesAtTheConvertedWeights() {
        Random rnd = new Random(7);
        for (int[] sizes : new int[][] {{2, 16, 1}, {3, 4, 3, 2}, {1, 5, 1}}) {
            for (int trial = 0; trial < 5; trial++) {
                SgdTrainer t = new SgdTrainer(sizes);
                double[] theta = t.initialise(rnd);
                double[][] x = inputs(rnd, 20, sizes[0]);
                double[][] y = targets(rnd, 20, sizes[sizes.length - 1]);
                Network net = KeskarBatchSize.network("N", sizes, theta);
                Dataset data = KeskarBatchSize.dataset(x, y);
                LocalModel m = LocalModel.of(net, data);
                assertTrue(m.kink().isEmpty(), "random data avoid kinks");
                double exactLoss = m.loss().doubleValue();
                assertEquals(exactLoss, t.loss(theta, x, y), 1e-12 * Math.max(1, exactLoss));
                int[] all = new int[x.length];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                double[] g = t.gradient(theta, x, y, all, 0, all.length);
                BigFraction[] exact = m.gradient().toArray();
                assertEquals(exact.length, g.length, "one partial derivative per parameter");
                double scale = 0;
                for (BigFraction e : exact) {
                    scale = Math.max(scale, Math.abs(e.doubleValue()));
                }
                for (int k = 0; k < g.length; k++) {
                    assertEquals(exact[k].doubleValue(), g[k], 1e-12 * Math.max(1, scale), "∂L/∂θ_" + k + " of " + net.parameterName(k));
                }
            }
        }
    }

    @Test
    void aBatchGradientIsTheExactGradientOfTheBatchLoss() {
        Random rnd = new Random(11);
        int[] sizes = {2, 6, 1};
        SgdTrainer t = new SgdTrainer(sizes);
        double[] theta = t.initialise(rnd);
        double[][] x = inputs(rnd, 12, 2);
        double[][] y = targets(rnd, 12, 1);
        int[] idx = {5, 2, 9, 0, 7, 11, 3, 1, 4, 6, 8, 10};
        double[] g = t.gradient(theta, x, y, idx, 3, 7);
        double[][] bx = new double[4][];
        double[][] by = new double[4][];
        for (int b = 0; b < 4; b++) {
            bx[b] = x[idx[3 + b]];
            by[b] = y[idx[3 + b]];
        }
        BigFraction[] exact = LocalModel.of(KeskarBatchSize.network("N", sizes, theta), KeskarBatchSize.dataset(bx, by))
                .gradient().toArray();
        for (int k = 0; k < g.length; k++) {
            assertEquals(exact[k].doubleValue(), g[k], 1e-12 * Math.max(1, Math.abs(exact[k].doubleValue())), "parameter " + k);
        }
    }

    @Test
    void sgdLowersTheLossOnATinyTaskAndIsDeterministic() {
        Random rnd = new Random(3);
        int[] sizes = {2, 8, 1};
        SgdTrainer t = new SgdTrainer(sizes);
        double[][] x = inputs(rnd, 32, 2);
        double[][] y = new double[32][1];
        for (int i = 0; i < 32; i++) {
            y[i][0] = Math.max(0, x[i][0] + x[i][1]) - 0.5 * x[i][0];
        }
        double[] theta0 = t.initialise(rnd);
        double before = t.loss(theta0, x, y);
        SgdTrainer.Run run = t.train(theta0, x, y, 4, 0.05, 200, Double.NEGATIVE_INFINITY, new Random(5));
        assertTrue(run.loss() < before / 10, before + " → " + run.loss());
        assertEquals(t.loss(run.theta(), x, y), run.loss(), "the reported loss is the full-data loss at the final θ");
        assertEquals(200, run.epochs());
        assertEquals(200L * 8, run.steps(), "⌈32/4⌉ steps per epoch");
        SgdTrainer.Run again = t.train(theta0, x, y, 4, 0.05, 200, Double.NEGATIVE_INFINITY, new Random(5));
        assertArrayEquals(run.theta(), again.theta(), 0.0, "bit-identical for the same seed");
        SgdTrainer.Run stopped = t.train(theta0, x, y, 32, 0.05, 10_000, before / 2, new Random(5));
        assertTrue(stopped.loss() <= before / 2 && stopped.epochs() < 10_000, "stops at the target loss");
        assertEquals(stopped.epochs(), stopped.steps(), "full batch: one step per epoch");
    }

    @Test
    void aDivergingStepSizeIsReported() {
        Random rnd = new Random(1);
        int[] sizes = {2, 8, 1};
        SgdTrainer t = new SgdTrainer(sizes);
        double[][] x = inputs(rnd, 16, 2);
        double[][] y = targets(rnd, 16, 1);
        assertThrows(IllegalStateException.class,
                () -> t.train(t.initialise(rnd), x, y, 16, 1e6, 1000, Double.NEGATIVE_INFINITY, new Random(2)));
    }
}
