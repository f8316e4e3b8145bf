package org.flatcheck.invariance;

import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/** Seeded random small layered networks, datasets and group elements for the counterexample search. */
public final class RandomCases {
    private static final int[][] SHAPES = {{1, 1, 1}, {1, 2, 1}, {2, 1, 1}, {2, 2, 1}, {1, 1, 1, 1}, {2, 2, 2, 1},
        {1, 2, 2, 1}, {2, 3, 1}, {3, 2, 1}, {2, 2, 2}};

    private RandomCases() {
    }

    public static BigFraction rational(Random rnd, boolean nonzero) {
        int p;
        do {
            p = rnd.nextInt(9) - 4;
        } while (nonzero && p == 0);
        return Q.of(p, 1 + rnd.nextInt(3));
    }

    public static Network network(Random rnd) {
        int[] sizes = SHAPES[rnd.nextInt(SHAPES.length)];
        boolean bias = rnd.nextBoolean();
        BigFraction[][][] w = new BigFraction[sizes.length - 1][][];
        BigFraction[][] b = bias ? new BigFraction[sizes.length - 1][] : null;
        for (int l = 0; l < w.length; l++) {
            w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (BigFraction[] row : w[l]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = rational(rnd, rnd.nextInt(8) != 0);
                }
            }
            if (bias) {
                b[l] = new BigFraction[sizes[l + 1]];
                for (int j = 0; j < b[l].length; j++) {
                    b[l][j] = rational(rnd, rnd.nextInt(8) != 0);
                }
            }
        }
        return Layered.of("search", sizes, w, b);
    }

    public static Dataset data(Random rnd, Network net) {
        int n = 1 + rnd.nextInt(3);
        BigFraction[][] x = new BigFraction[n][net.numInputs()];
        BigFraction[][] y = new BigFraction[n][net.numOutputs()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = rational(rnd, true);
            }
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] = rational(rnd, false);
            }
        }
        return Dataset.of(x, y);
    }

    /**
     * A random non-identity element of {@code s} acting on {@code net}, or null if there is none
     * ({@link GroupElement#random}).
     */
    public static GroupElement element(Random rnd, Network net, Symmetry s) {
        return GroupElement.random(rnd, net, s).orElse(null);
    }
}
