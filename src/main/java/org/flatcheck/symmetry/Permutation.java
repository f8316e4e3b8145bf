package org.flatcheck.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * A permutation of the hidden units inside each hidden layer of a layered network: unit {@code j} of
 * hidden layer {@code l} moves to position {@code π_l(j)} — row {@code j} of the incoming matrix and
 * entry {@code j} of the bias become row/entry {@code π_l(j)}, column {@code j} of the outgoing matrix
 * becomes column {@code π_l(j)}. The function is unchanged because the sum over a layer's units does
 * not depend on their order.
 */
public final class Permutation implements GroupElement {
    /** {@code perm[l][j]} = new position of unit j of layer l; index 0 and the last layer are unused (identity). */
    private final int[][] perm;

    private Permutation(int[][] perm) {
        this.perm = perm;
    }

    /**
     * The permutation with {@code perm[l]} for every layer {@code l} of {@code sizes} (inputs and outputs
     * must be the identity).
     */
    public static Permutation of(int[] sizes, int[][] perm) {
        if (perm.length != sizes.length) {
            throw new IllegalArgumentException("one permutation per layer expected");
        }
        int[][] p = new int[perm.length][];
        for (int l = 0; l < perm.length; l++) {
            p[l] = Objects.requireNonNull(perm[l]).clone();
            boolean[] seen = new boolean[sizes[l]];
            if (p[l].length != sizes[l]) {
                throw new IllegalArgumentException("layer " + l + ": permutation of length " + p[l].length + " for " + sizes[l] + " units");
            }
            for (int j = 0; j < p[l].length; j++) {
                if (p[l][j] < 0 || p[l][j] >= sizes[l] || seen[p[l][j]]) {
                    throw new IllegalArgumentException("layer " + l + ": " + Arrays.toString(p[l]) + " is not a permutation");
                }
                seen[p[l][j]] = true;
                if ((l == 0 || l == sizes.length - 1) && p[l][j] != j) {
                    throw new IllegalArgumentException("inputs and outputs cannot be permuted");
                }
            }
        }
        return new Permutation(p);
    }

    /** The identity on a network with these layer sizes. */
    public static Permutation identity(int[] sizes) {
        int[][] p = new int[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            p[l] = new int[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                p[l][j] = j;
            }
        }
        return new Permutation(p);
    }

    /** Every permutation of the hidden layers of {@code sizes} (Π dₗ! of them). */
    public static List<Permutation> all(int[] sizes) {
        List<Permutation> out = new ArrayList<>();
        collect(sizes, 1, identity(sizes).perm, out);
        return out;
    }

    private static void collect(int[] sizes, int l, int[][] current, List<Permutation> out) {
        if (l >= sizes.length - 1) {
            int[][] copy = new int[current.length][];
            for (int k = 0; k < current.length; k++) {
                copy[k] = current[k].clone();
            }
            out.add(new Permutation(copy));
            return;
        }
        permute(current[l], 0, () -> collect(sizes, l + 1, current, out));
    }

    private static void permute(int[] a, int k, Runnable each) {
        if (k == a.length) {
            each.run();
            return;
        }
        for (int i = k; i < a.length; i++) {
            swap(a, k, i);
            permute(a, k + 1, each);
            swap(a, k, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** The new position of unit {@code j} of layer {@code l}. */
    public int target(int l, int j) {
        return perm[l][j];
    }

    /** Whether every layer is left as it is. */
    public boolean isIdentity() {
        for (int[] p : perm) {
            for (int j = 0; j < p.length; j++) {
                if (p[j] != j) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Symmetry symmetry() {
        return Symmetry.PERMUTATION;
    }

    /** {@code permute h1_0→h1_1 h1_1→h1_0}: the hidden nodes that move and their images. */
    @Override
    public String describe(Network net) {
        StringBuilder sb = new StringBuilder("permute");
        int[] map = nodeMap(net);
        for (int v : net.nodesOf(Kind.HIDDEN)) {
            if (map[v] != v) {
                sb.append(' ').append(net.node(v).name()).append("→").append(net.node(map[v]).name());
            }
        }
        return sb.toString();
    }

    /** {@code "permutation": {node name: image's name}} for every hidden node. */
    @Override
    public Map<String, Object> jsonFields(Network net) {
        Map<String, String> p = new LinkedHashMap<>();
        int[] map = nodeMap(net);
        for (int v : net.nodesOf(Kind.HIDDEN)) {
            p.put(net.node(v).name(), net.node(map[v]).name());
        }
        return Map.of("permutation", p);
    }

    /** Empty when unit {@code j} of layer {@code l} moves; otherwise the same permutation of the other units. */
    @Override
    public Optional<GroupElement> withoutUnit(Network from, Network to, int l, int j) {
        if (target(l, j) != j) {
            return Optional.empty();
        }
        int[] sizesFrom = from.layers().orElseThrow();
        int[] sizesTo = to.layers().orElseThrow();
        int[][] p = new int[sizesTo.length][];
        for (int k = 0; k < sizesTo.length; k++) {
            p[k] = new int[sizesTo[k]];
            for (int i = 0, t = 0; i < sizesFrom[k]; i++) {
                if (k != l || i != j) {
                    int image = target(k, i);
                    p[k][t++] = k == l && image > j ? image - 1 : image;
                }
            }
        }
        return Optional.of(of(sizesTo, p));
    }

    /**
     * A uniformly random permutation of every hidden layer of a layered {@code net} (Fisher–Yates); empty
     * for a DAG or when the draw is the identity.
     */
    static Optional<GroupElement> random(Random rnd, Network net) {
        if (!net.isLayered()) {
            return Optional.empty();
        }
        int[] sizes = net.layers().orElseThrow();
        int[][] p = identity(sizes).perm;
        for (int l = 1; l < sizes.length - 1; l++) {
            for (int j = sizes[l] - 1; j > 0; j--) {
                int k = rnd.nextInt(j + 1);
                int t = p[l][j];
                p[l][j] = p[l][k];
                p[l][k] = t;
            }
        }
        Permutation pi = new Permutation(p);
        return pi.isIdentity() ? Optional.empty() : Optional.of(pi);
    }

    /** {@code π(net)}. */
    @Override
    public Network apply(Network net) {
        int[] sizes = net.layers().orElseThrow(() -> new IllegalArgumentException(
                "permutations act on layered networks; " + net.name() + " is a DAG"));
        check(sizes);
        BigFraction[][][] w = Layered.weights(net);
        BigFraction[][] b = Layered.biases(net);
        BigFraction[][][] nw = new BigFraction[w.length][][];
        BigFraction[][] nb = b == null ? null : new BigFraction[b.length][];
        for (int l = 0; l < w.length; l++) {
            nw[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    nw[l][perm[l + 1][j]][perm[l][i]] = w[l][j][i];
                }
            }
            if (b != null) {
                nb[l] = new BigFraction[sizes[l + 1]];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    nb[l][perm[l + 1][j]] = b[l][j];
                }
            }
        }
        return Layered.of(net.name(), sizes, nw, nb);
    }

    /** The node map of this permutation on {@code net}: node index → node index. */
    public int[] nodeMap(Network net) {
        int[] sizes = net.layers().orElseThrow();
        check(sizes);
        int[] map = new int[net.nodes().size()];
        map[Network.SOURCE] = Network.SOURCE;
        int first = 1;
        for (int l = 0; l < sizes.length; l++) {
            for (int j = 0; j < sizes[l]; j++) {
                map[first + j] = first + perm[l][j];
            }
            first += sizes[l];
        }
        return map;
    }

    /** {@code (this ∘ other)(net) = this(other(net))}. */
    public Permutation compose(Permutation other) {
        int[][] p = new int[perm.length][];
        for (int l = 0; l < perm.length; l++) {
            p[l] = new int[perm[l].length];
            for (int j = 0; j < p[l].length; j++) {
                p[l][j] = perm[l][other.perm[l][j]];
            }
        }
        return new Permutation(p);
    }

    public Permutation inverse() {
        int[][] p = new int[perm.length][];
        for (int l = 0; l < perm.length; l++) {
            p[l] = new int[perm[l].length];
            for (int j = 0; j < p[l].length; j++) {
                p[l][perm[l][j]] = j;
            }
        }
        return new Permutation(p);
    }

    private void check(int[] sizes) {
        if (sizes.length != perm.length) {
            throw new IllegalArgumentException("permutation for " + perm.length + " layers, network has " + sizes.length);
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] != perm[l].length) {
                throw new IllegalArgumentException("permutation for layer sizes that differ from the network's");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permutation && Arrays.deepEquals(perm, ((Permutation) o).perm);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(perm);
    }

    @Override
    public String toString() {
        return "π" + Arrays.deepToString(perm);
    }
}
