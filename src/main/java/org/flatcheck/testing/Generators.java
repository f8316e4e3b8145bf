package org.flatcheck.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.NetworkBuilder;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.NodeRescaling;
import org.flatcheck.symmetry.Symmetry;

/**
 * jqwik generators for property tests of measures and of flatcheck itself: small rationals, layered MLPs
 * up to 4 weight layers × 5 units with and without biases, DAGs with skip connections, datasets that fit a
 * network, node rescalings, and elements of every symmetry group acting on a network. Needs jqwik on the
 * class path (an optional dependency of flatcheck: add {@code net.jqwik:jqwik} to your tests).
 */
public final class Generators {
    private static final int[] DENOMINATORS = {1, 2, 3, 4, 5, 7, 8};

    private Generators() {
    }

    /** Rationals p/q with |p| ≤ 9 and q from a few small values, zero included. */
    public static Arbitrary<BigFraction> rationals() {
        return Combinators.combine(Arbitraries.integers().between(-9, 9), Arbitraries.of(toList(DENOMINATORS)))
                .as((p, q) -> Q.of(p, q));
    }

    /** Like {@link #rationals()} but never 0. */
    public static Arbitrary<BigFraction> nonzeroRationals() {
        return rationals().filter(x -> !Q.isZero(x));
    }

    /** Positive rationals p/q with 1 ≤ p ≤ 9: rescaling factors. */
    public static Arbitrary<BigFraction> positiveRationals() {
        return Combinators.combine(Arbitraries.integers().between(1, 9), Arbitraries.of(toList(DENOMINATORS)))
                .as((p, q) -> Q.of(p, q));
    }

    /** Layer sizes: 2 to {@code maxLayers + 1} entries (so up to maxLayers weight layers), each 1..maxWidth. */
    public static Arbitrary<int[]> layerSizes(int maxLayers, int maxWidth) {
        return Arbitraries.integers().between(1, maxWidth).array(int[].class).ofMinSize(2).ofMaxSize(maxLayers + 1);
    }

    /** Layered MLPs up to {@code maxLayers} weight layers of width ≤ {@code maxWidth}, with or without biases. */
    public static Arbitrary<Network> layered(int maxLayers, int maxWidth) {
        return Combinators.combine(layerSizes(maxLayers, maxWidth), Arbitraries.of(true, false))
                .flatAs((sizes, bias) -> layered(sizes, bias));
    }

    /**
     * "Ordinary" deep networks: layered MLPs with biases, 1–3 inputs, {@code minHidden}–{@code maxHidden}
     * hidden layers of 1–{@code maxWidth} units and 1–2 outputs, random rational weights (zeros
     * included).
     */
    public static Arbitrary<Network> deepWithBiases(int minHidden, int maxHidden, int maxWidth) {
        return Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, maxWidth).list().ofMinSize(minHidden).ofMaxSize(maxHidden),
                Arbitraries.integers().between(1, 2))
                .flatAs((in, hidden, out) -> {
                    int[] sizes = new int[hidden.size() + 2];
                    sizes[0] = in;
                    for (int l = 0; l < hidden.size(); l++) {
                        sizes[l + 1] = hidden.get(l);
                    }
                    sizes[sizes.length - 1] = out;
                    return layered(sizes, true);
                });
    }

    /** Layered MLPs of the given sizes with random weights. */
    public static Arbitrary<Network> layered(int[] sizes, boolean bias) {
        int count = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            count += sizes[l + 1] * (sizes[l] + (bias ? 1 : 0));
        }
        return rationals().list().ofSize(count).map(values -> {
            java.util.Iterator<BigFraction> it = values.iterator();
            BigFraction[][][] w = new BigFraction[sizes.length - 1][][];
            BigFraction[][] b = bias ? new BigFraction[sizes.length - 1][] : null;
            for (int l = 0; l < w.length; l++) {
                w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
                for (BigFraction[] row : w[l]) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = it.next();
                    }
                }
                if (bias) {
                    b[l] = new BigFraction[sizes[l + 1]];
                    for (int j = 0; j < b[l].length; j++) {
                        b[l][j] = it.next();
                    }
                }
            }
            return Layered.of("random" + java.util.Arrays.toString(sizes), sizes, w, b);
        });
    }

    /**
     * DAGs: 1–3 inputs, 1–5 hidden nodes in a fixed topological order, 1–2 outputs; every forward pair
     * (input or earlier hidden → later hidden or output) is an edge with probability about one half,
     * so skip connections are common; each hidden node gets at least one incoming edge and each node
     * a bias with probability one half. Parameters come in DAG-file order (edges, then biases).
     */
    public static Arbitrary<Network> dags() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 2), Arbitraries.longs())
                .flatAs((d, h, k, seed) -> dag(d, h, k, new java.util.Random(seed)));
    }

    private static Arbitrary<Network> dag(int d, int h, int k, java.util.Random rnd) {
        List<String[]> ends = new ArrayList<>();
        List<String[]> biases = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            sources.add("x" + i);
        }
        List<String> targets = new ArrayList<>();
        for (int j = 0; j < h; j++) {
            targets.add("h" + j);
        }
        for (int j = 0; j < k; j++) {
            targets.add("y" + j);
        }
        for (String t : targets) {
            boolean any = false;
            for (String s : sources) {
                if (rnd.nextBoolean()) {
                    ends.add(new String[] {s, t});
                    any = true;
                }
            }
            if (!any) {
                ends.add(new String[] {sources.get(rnd.nextInt(sources.size())), t});
            }
            if (rnd.nextBoolean()) {
                biases.add(new String[] {null, t});
            }
            if (t.startsWith("h")) {
                sources.add(t);
            }
        }
        // DAG-file parameter order: all edges, then the biases in node order.
        ends.addAll(biases);
        return rationals().list().ofSize(ends.size()).map(values -> {
            NetworkBuilder b = Network.builder("dag");
            for (int i = 0; i < d; i++) {
                b.input("x" + i);
            }
            for (int j = 0; j < h; j++) {
                b.hidden("h" + j);
            }
            for (int j = 0; j < k; j++) {
                b.output("y" + j);
            }
            for (int e = 0; e < ends.size(); e++) {
                if (ends.get(e)[0] == null) {
                    b.bias(ends.get(e)[1], values.get(e));
                } else {
                    b.edge(ends.get(e)[0], ends.get(e)[1], values.get(e));
                }
            }
            return b.build();
        });
    }

    /** Layered MLPs (up to 4 × 5) and DAGs with skip connections. */
    public static Arbitrary<Network> networks() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, layered(4, 5)), net.jqwik.api.Tuple.of(1, dags()));
    }

    /** Smaller networks (P stays small enough for exact spectra in every try). */
    public static Arbitrary<Network> smallNetworks() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, layered(3, 3)), net.jqwik.api.Tuple.of(1, dags()));
    }

    /** 1–6 data points that fit {@code net}; inputs are nonzero so bias-free nets rarely sit on kinks. */
    public static Arbitrary<Dataset> datasetFor(Network net) {
        int d = net.numInputs();
        int k = net.numOutputs();
        return Arbitraries.integers().between(1, 6).flatMap(n -> Combinators.combine(
                nonzeroRationals().array(BigFraction[].class).ofSize(d).array(BigFraction[][].class).ofSize(n),
                rationals().array(BigFraction[].class).ofSize(k).array(BigFraction[][].class).ofSize(n))
                .as(Dataset::of));
    }

    /** A network together with a dataset that fits it. */
    public static Arbitrary<NetworkAndData> networksWithData(Arbitrary<Network> nets) {
        return nets.flatMap(n -> datasetFor(n).map(data -> new NetworkAndData(n, data)));
    }

    /** Random node rescalings of {@code net}'s hidden nodes (each node rescaled with probability ½). */
    public static Arbitrary<NodeRescaling> rescalingsFor(Network net) {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        return positiveRationals().list().ofSize(hidden.length).map(cs -> {
            Map<Integer, BigFraction> f = new HashMap<>();
            for (int i = 0; i < hidden.length; i++) {
                f.put(hidden[i], cs.get(i));
            }
            return NodeRescaling.of(f);
        });
    }

    /** Random rational directions of the given length. */
    public static Arbitrary<BigFraction[]> directions(int size) {
        return rationals().array(BigFraction[].class).ofSize(size);
    }

    /** A big rational: numerator and denominator of up to ~100 bits, for overflow paths. */
    public static Arbitrary<BigFraction> bigRationals() {
        return Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(100).negate(),
                BigInteger.ONE.shiftLeft(100)), Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(100)))
                .as(BigFraction::new);
    }

    /** A random element of a random symmetry (falling back to the identity where a group is trivial). */
    public static Arbitrary<GroupElement> elements(Network net) {
        return elements(net, List.of(Symmetry.values()));
    }

    /**
     * A random element of one of {@code symmetries} acting on {@code net}, drawn by
     * {@link GroupElement#random} from a random seed (the group's identity where it has no other element;
     * the identity rescaling where the group does not act on {@code net}).
     */
    public static Arbitrary<GroupElement> elements(Network net, List<Symmetry> symmetries) {
        return Arbitraries.of(symmetries).flatMap(s -> Arbitraries.longs().map(seed -> GroupElement.random(new Random(seed), net, s)
                .or(() -> GroupElement.identity(net, s)).orElseGet(NodeRescaling::identity)));
    }

    private static List<Integer> toList(int[] xs) {
        List<Integer> out = new ArrayList<>();
        for (int x : xs) {
            out.add(x);
        }
        return out;
    }

    /** A network and a dataset of matching widths. */
    public record NetworkAndData(Network net, Dataset data) {
        @Override
        public String toString() {
            return net + " on " + data;
        }
    }
}
