package org.flatcheck.invariance;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Symmetry;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.symmetry.LayerScaling;
import org.flatcheck.symmetry.NodeRescaling;
import org.flatcheck.symmetry.Permutation;

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
        return new BigFraction(p, 1 + rnd.nextInt(3));
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

    private static final BigFraction[] FACTORS = {new BigFraction(2), new BigFraction(1, 2), new BigFraction(3),
        new BigFraction(1, 3), new BigFraction(3, 2), new BigFraction(5)};

    /** A random non-identity element of {@code s} acting on {@code net}, or null if there is none. */
    public static GroupElement element(Random rnd, Network net, Symmetry s) {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        if (hidden.length == 0) {
            return null;
        }
        switch (s) {
            case NODE_RESCALING -> {
                Map<Integer, BigFraction> c = new HashMap<>();
                for (int v : hidden) {
                    if (rnd.nextBoolean() || c.isEmpty() && v == hidden[hidden.length - 1]) {
                        c.put(v, FACTORS[rnd.nextInt(FACTORS.length)]);
                    }
                }
                return GroupElement.of(NodeRescaling.of(c));
            }
            case LAYER_SCALING -> {
                if (!net.isLayered()) {
                    return null;
                }
                int depth = net.layers().orElseThrow().length - 1;
                BigFraction[] a = new BigFraction[depth];
                BigFraction product = BigFraction.ONE;
                for (int l = 0; l < depth - 1; l++) {
                    a[l] = FACTORS[rnd.nextInt(FACTORS.length)];
                    product = product.multiply(a[l]);
                }
                a[depth - 1] = product.reciprocal();
                return GroupElement.of(LayerScaling.of(a));
            }
            default -> {
                if (!net.isLayered()) {
                    return null;
                }
                int[] sizes = net.layers().orElseThrow();
                int[][] p = new int[sizes.length][];
                boolean moved = false;
                for (int l = 0; l < sizes.length; l++) {
                    p[l] = new int[sizes[l]];
                    for (int j = 0; j < sizes[l]; j++) {
                        p[l][j] = j;
                    }
                    if (l > 0 && l < sizes.length - 1 && sizes[l] > 1) {
                        for (int j = sizes[l] - 1; j > 0; j--) {
                            int k = rnd.nextInt(j + 1);
                            int t = p[l][j];
                            p[l][j] = p[l][k];
                            p[l][k] = t;
                        }
                        moved |= !java.util.Arrays.equals(p[l], java.util.stream.IntStream.range(0, sizes[l]).toArray());
                    }
                }
                return moved ? GroupElement.of(Permutation.of(sizes, p)) : null;
            }
        }
    }
}
