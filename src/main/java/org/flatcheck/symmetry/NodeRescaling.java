package org.flatcheck.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * A node rescaling {@code R_c}, {@code c: hidden nodes → Q_{>0}} (docs/definitions.md §symmetries, [D17 §4]): every hidden node
 * {@code v} has its incoming weights and bias multiplied by {@code c(v)} and its outgoing weights by
 * {@code 1/c(v)}. Since {@code relu(cz) = c·relu(z)} for {@code c > 0}, {@code f} is unchanged. It acts on θ
 * as {@code θ ↦ Dθ} with {@code D} diagonal, each edge {@code u → v} scaled by {@code c(v)/c(u)}, where
 * inputs, outputs and the bias source have factor 1. The rescalings form the abelian group
 * {@code (Q_{>0})^H}; nodes not mentioned have factor 1.
 */
public final class NodeRescaling implements GroupElement {
    /** The factors a random rescaling draws from (exact, small, both sides of 1). */
    static final List<BigFraction> RANDOM_FACTORS = List.of(Q.of(2), Q.of(1, 2), Q.of(3),
        Q.of(1, 3), Q.of(3, 2), Q.of(5));

    private static final NodeRescaling IDENTITY = new NodeRescaling(new TreeMap<>());

    private final TreeMap<Integer, BigFraction> factors;

    private NodeRescaling(TreeMap<Integer, BigFraction> factors) {
        this.factors = factors;
    }

    /** The identity. */
    public static NodeRescaling identity() {
        return IDENTITY;
    }

    /** The rescaling with {@code c(v) = factors.get(v)} (node indices), all positive. */
    public static NodeRescaling of(Map<Integer, BigFraction> factors) {
        TreeMap<Integer, BigFraction> f = new TreeMap<>();
        for (Map.Entry<Integer, BigFraction> e : factors.entrySet()) {
            BigFraction c = Objects.requireNonNull(e.getValue(), "factor");
            if (Q.signum(c) <= 0) {
                throw new IllegalArgumentException("rescaling factors must be positive, got " + Q.format(c));
            }
            if (!c.equals(BigFraction.ONE)) {
                f.put(e.getKey(), c);
            }
        }
        return new NodeRescaling(f);
    }

    /** The factor {@code c(v)} (1 for nodes not mentioned). */
    public BigFraction factor(int v) {
        return factors.getOrDefault(v, BigFraction.ONE);
    }

    /** The nodes with a factor other than 1 and their factors. */
    public Map<Integer, BigFraction> factors() {
        return java.util.Collections.unmodifiableMap(factors);
    }

    /** The group product: {@code (this ∘ other)(θ) = this(other(θ))}, i.e. factors multiply. */
    public NodeRescaling compose(NodeRescaling other) {
        TreeMap<Integer, BigFraction> f = new TreeMap<>(factors);
        other.factors.forEach((v, c) -> f.merge(v, c, BigFraction::multiply));
        f.values().removeIf(c -> c.equals(BigFraction.ONE));
        return new NodeRescaling(f);
    }

    /** The inverse: every factor inverted. */
    public NodeRescaling inverse() {
        TreeMap<Integer, BigFraction> f = new TreeMap<>();
        factors.forEach((v, c) -> f.put(v, c.reciprocal()));
        return new NodeRescaling(f);
    }

    /** The diagonal of {@code D}: edge {@code u → v} gets {@code c(v)/c(u)}. */
    public BigFraction[] parameterFactors(Network net) {
        check(net);
        BigFraction[] d = new BigFraction[net.numParameters()];
        for (int k = 0; k < d.length; k++) {
            Edge e = net.edge(k);
            d[k] = factor(e.to()).divide(factor(e.from()));
        }
        return d;
    }

    @Override
    public Symmetry symmetry() {
        return Symmetry.NODE_RESCALING;
    }

    /** {@code R_c(net)}: the network with parameters {@code Dθ}. */
    @Override
    public Network apply(Network net) {
        BigFraction[] d = parameterFactors(net);
        BigFraction[] theta = net.parameters();
        for (int k = 0; k < theta.length; k++) {
            theta[k] = theta[k].multiply(d[k]);
        }
        return net.withParameters(theta);
    }

    /** {@code rescale h1_0 by 2, h1_1 by 1/3}, or {@code identity}. */
    @Override
    public String describe(Network net) {
        if (factors.isEmpty()) {
            return "identity";
        }
        StringBuilder sb = new StringBuilder("rescale");
        factors.forEach((v, c) -> sb.append(' ').append(net.node(v).name()).append(" by ").append(Q.format(c)).append(','));
        return sb.substring(0, sb.length() - 1);
    }

    /** {@code "scales": {node name: c}} for the nodes with a factor other than 1. */
    @Override
    public Map<String, Object> jsonFields(Network net) {
        Map<String, String> scales = new LinkedHashMap<>();
        factors.forEach((v, c) -> scales.put(net.node(v).name(), Q.format(c)));
        return Map.of("scales", scales);
    }

    @Override
    public Optional<GroupElement> withoutUnit(Network from, Network to, int l, int j) {
        int[] sizesTo = to.layers().orElseThrow();
        Map<Integer, BigFraction> f = new HashMap<>();
        factors.forEach((v, c) -> {
            int layer = from.depth(v);
            int unit = from.indexWithinLayer(v, layer);
            if (layer != l || unit != j) {
                int u = layer == l && unit > j ? unit - 1 : unit;
                f.put(to.indexOf(Layered.nodeName(sizesTo, layer, u)), c);
            }
        });
        return Optional.of(of(f));
    }

    /** One rescaled node at a time, with factor 2, 1/2 or its own factor. */
    @Override
    public List<GroupElement> simpler() {
        List<GroupElement> out = new ArrayList<>();
        for (Map.Entry<Integer, BigFraction> e : factors.entrySet()) {
            for (BigFraction c : List.of(Q.of(2), Q.of(1, 2), e.getValue())) {
                if (factors.size() > 1 || !c.equals(e.getValue())) {
                    out.add(of(Map.of(e.getKey(), c)));
                }
            }
        }
        return out;
    }

    /**
     * A random rescaling of some hidden nodes of {@code net} by factors from {@link #RANDOM_FACTORS}
     * (never the identity: the last hidden node is rescaled when no other one was).
     */
    static Optional<GroupElement> random(Random rnd, Network net) {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        Map<Integer, BigFraction> c = new HashMap<>();
        for (int v : hidden) {
            if (rnd.nextBoolean() || c.isEmpty() && v == hidden[hidden.length - 1]) {
                c.put(v, RANDOM_FACTORS.get(rnd.nextInt(RANDOM_FACTORS.size())));
            }
        }
        return Optional.of(of(c));
    }

    private void check(Network net) {
        for (int v : factors.keySet()) {
            if (v <= 0 || v >= net.nodes().size() || net.node(v).kind() != Kind.HIDDEN) {
                throw new IllegalArgumentException("node " + v + " is not a hidden node of " + net.name());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeRescaling && factors.equals(((NodeRescaling) o).factors);
    }

    @Override
    public int hashCode() {
        return factors.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("R{");
        factors.forEach((v, c) -> sb.append(sb.length() == 2 ? "" : ", ").append(v).append('=').append(Q.format(c)));
        return sb.append('}').toString();
    }
}
