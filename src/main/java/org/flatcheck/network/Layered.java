package org.flatcheck.network;

import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Builds a layered MLP with sizes {@code d₀, d₁, …, d_L}: {@code weights[l][j][i]} is the weight from
 * node {@code i} of layer {@code l} to node {@code j} of layer {@code l+1}, {@code biases[l][j]} the bias
 * of node {@code j} of layer {@code l+1}. Nodes are named {@code x0…} (inputs), {@code h<l>_<j>} (hidden
 * layer {@code l}, unit {@code j}) and {@code y0…} (outputs), all 0-based. Parameters come in PyTorch
 * {@code named_parameters} order: {@code W0} row-major, {@code b0}, {@code W1}, {@code b1}, ….
 */
public final class Layered {
    private Layered() {
    }

    /**
     * The layered network; {@code biases} may be null (no bias parameters).
     *
     * @throws IllegalArgumentException if the arrays do not match the sizes
     */
    public static Network of(String name, int[] sizes, BigFraction[][][] weights, BigFraction[][] biases) {
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(weights, "weights");
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a layered network needs at least 2 layers, got " + sizes.length);
        }
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + size);
            }
        }
        int depth = sizes.length - 1;
        check(weights.length == depth, "weights has " + weights.length + " layers, expected " + depth);
        check(biases == null || biases.length == depth, "biases has " + (biases == null ? 0 : biases.length)
                + " layers, expected " + depth);
        NetworkBuilder b = Network.builder(name).layers(sizes);
        // One String per node, reused for every edge (their hash codes are then computed once).
        String[][] names = new String[sizes.length][];
        for (int l = 0; l <= depth; l++) {
            names[l] = new String[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                names[l][j] = nodeName(sizes, l, j);
            }
        }
        for (int l = 0; l <= depth; l++) {
            for (int j = 0; j < sizes[l]; j++) {
                String n = names[l][j];
                if (l == 0) {
                    b.input(n);
                } else if (l == depth) {
                    b.output(n);
                } else {
                    b.hidden(n);
                }
            }
        }
        for (int l = 0; l < depth; l++) {
            check(weights[l].length == sizes[l + 1],
                    "weights[" + l + "] has " + weights[l].length + " rows, expected " + sizes[l + 1]);
            for (int j = 0; j < sizes[l + 1]; j++) {
                check(weights[l][j].length == sizes[l], "weights[" + l + "][" + j + "] has "
                        + weights[l][j].length + " entries, expected " + sizes[l]);
                for (int i = 0; i < sizes[l]; i++) {
                    b.edge(names[l][i], names[l + 1][j], weights[l][j][i]);
                }
            }
            if (biases != null) {
                check(biases[l].length == sizes[l + 1],
                        "biases[" + l + "] has " + biases[l].length + " entries, expected " + sizes[l + 1]);
                for (int j = 0; j < sizes[l + 1]; j++) {
                    b.bias(names[l + 1][j], biases[l][j]);
                }
            }
        }
        return b.build();
    }

    /** The name of node {@code j} of layer {@code l} in a network with these sizes. */
    public static String nodeName(int[] sizes, int l, int j) {
        if (l == 0) {
            return "x" + j;
        }
        return l == sizes.length - 1 ? "y" + j : "h" + l + "_" + j;
    }

    /** {@code weights[l][j][i]} of a layered network. */
    public static BigFraction[][][] weights(Network net) {
        int[] sizes = sizesOf(net);
        BigFraction[][][] w = new BigFraction[sizes.length - 1][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
        }
        for (Edge e : net.edges()) {
            if (!e.isBias()) {
                int l = net.depth(e.from());
                w[l][net.indexWithinLayer(e.to(), l + 1)][net.indexWithinLayer(e.from(), l)] = e.weight();
            }
        }
        return w;
    }

    /** {@code biases[l][j]} of a layered network, or null if it has no biases. */
    public static BigFraction[][] biases(Network net) {
        int[] sizes = sizesOf(net);
        if (!net.hasBiases()) {
            return null;
        }
        BigFraction[][] b = new BigFraction[sizes.length - 1][];
        for (int l = 0; l < b.length; l++) {
            b[l] = new BigFraction[sizes[l + 1]];
        }
        for (Edge e : net.edges()) {
            if (e.isBias()) {
                int l = net.depth(e.to()) - 1;
                b[l][net.indexWithinLayer(e.to(), l + 1)] = e.weight();
            }
        }
        return b;
    }

    private static int[] sizesOf(Network net) {
        return net.layers().orElseThrow(() -> new IllegalArgumentException(net.name() + " is not layered"));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
