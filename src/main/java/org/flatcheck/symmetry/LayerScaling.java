package org.flatcheck.symmetry;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * Dinh et al.'s layer-wise scaling {@code T_α} [D17 §4]: weight layer {@code l} (0-based, from layer
 * {@code l} to {@code l+1}) is multiplied by {@code α_l > 0}, with {@code Π α_l = 1} (for one hidden
 * layer, {@code (αW₁, α⁻¹W₂)}). It is the node rescaling with {@code c = Π_{k<l} α_k} on every node of
 * hidden layer {@code l} (docs/definitions.md §symmetries), so with biases the bias into layer {@code l} scales by the same
 * {@code Π_{k<l} α_k}. Defined on layered networks.
 */
public final class LayerScaling implements GroupElement {
    private final BigFraction[] alpha;

    private LayerScaling(BigFraction[] alpha) {
        this.alpha = alpha;
    }

    /**
     * {@code T_α}; every {@code α_l} positive and their product 1.
     *
     * @throws IllegalArgumentException otherwise, naming the violated condition
     */
    public static LayerScaling of(BigFraction... alpha) {
        BigFraction product = BigFraction.ONE;
        for (BigFraction a : alpha) {
            if (Q.signum(Objects.requireNonNull(a, "alpha")) <= 0) {
                throw new IllegalArgumentException("layer factors must be positive, got " + Q.format(a));
            }
            product = product.multiply(a);
        }
        if (!product.equals(BigFraction.ONE)) {
            throw new IllegalArgumentException("layer factors must multiply to 1, their product is " + Q.format(product));
        }
        return new LayerScaling(alpha.clone());
    }

    /** {@code α = (a, 1/a)}-style scaling of a network with {@code depth} weight layers: layer 0 by a, the last by 1/a. */
    public static LayerScaling firstAndLast(int depth, BigFraction a) {
        BigFraction[] alpha = new BigFraction[depth];
        Arrays.fill(alpha, BigFraction.ONE);
        alpha[0] = a;
        alpha[depth - 1] = alpha[depth - 1].multiply(a.reciprocal());
        return of(alpha);
    }

    /** The factors {@code α_l} (a copy). */
    public BigFraction[] factors() {
        return alpha.clone();
    }

    /** The equal node rescaling: {@code c = Π_{k<l} α_k} on every node of hidden layer {@code l}. */
    public NodeRescaling toNodeRescaling(Network net) {
        int[] sizes = net.layers().orElseThrow(() -> new IllegalArgumentException(
                "layer scaling needs a layered network; " + net.name() + " is a DAG"));
        if (sizes.length - 1 != alpha.length) {
            throw new IllegalArgumentException(alpha.length + " layer factors for " + (sizes.length - 1) + " weight layers");
        }
        Map<Integer, BigFraction> c = new HashMap<>();
        BigFraction prefix = BigFraction.ONE;
        int first = 1 + sizes[0];
        for (int l = 1; l < sizes.length - 1; l++) {
            prefix = prefix.multiply(alpha[l - 1]);
            for (int j = 0; j < sizes[l]; j++) {
                c.put(first + j, prefix);
            }
            first += sizes[l];
        }
        return NodeRescaling.of(c);
    }

    @Override
    public Symmetry symmetry() {
        return Symmetry.LAYER_SCALING;
    }

    /** {@code T_α(net)}. */
    @Override
    public Network apply(Network net) {
        return toNodeRescaling(net).apply(net);
    }

    /** {@code scale weight layers by (α₀, α₁, …)}. */
    @Override
    public String describe(Network net) {
        StringBuilder sb = new StringBuilder("scale weight layers by (");
        for (int l = 0; l < alpha.length; l++) {
            sb.append(l == 0 ? "" : ", ").append(Q.format(alpha[l]));
        }
        return sb.append(')').toString();
    }

    /** {@code "factors": [α₀, α₁, …]}. */
    @Override
    public Map<String, Object> jsonFields(Network net) {
        return Map.of("factors", Arrays.stream(alpha).map(Q::format).toList());
    }

    /** Removing a hidden unit leaves the weight layers, so {@code T_α} acts on the smaller network as it is. */
    @Override
    public Optional<GroupElement> withoutUnit(Network from, Network to, int l, int j) {
        return Optional.of(this);
    }

    /**
     * A random {@code T_α} on a layered {@code net}: every factor but the last from the rescaling factors,
     * the last making the product 1; empty for a DAG.
     */
    static Optional<GroupElement> random(Random rnd, Network net) {
        if (!net.isLayered()) {
            return Optional.empty();
        }
        int depth = net.layers().orElseThrow().length - 1;
        BigFraction[] a = new BigFraction[depth];
        BigFraction product = BigFraction.ONE;
        for (int l = 0; l < depth - 1; l++) {
            a[l] = NodeRescaling.RANDOM_FACTORS.get(rnd.nextInt(NodeRescaling.RANDOM_FACTORS.size()));
            product = product.multiply(a[l]);
        }
        a[depth - 1] = product.reciprocal();
        return Optional.of(of(a));
    }

    /** {@code T_α ∘ T_β} (factors multiply). */
    public LayerScaling compose(LayerScaling other) {
        if (other.alpha.length != alpha.length) {
            throw new IllegalArgumentException("different numbers of layers");
        }
        BigFraction[] a = new BigFraction[alpha.length];
        for (int l = 0; l < a.length; l++) {
            a[l] = alpha[l].multiply(other.alpha[l]);
        }
        return new LayerScaling(a);
    }

    public LayerScaling inverse() {
        BigFraction[] a = new BigFraction[alpha.length];
        for (int l = 0; l < a.length; l++) {
            a[l] = alpha[l].reciprocal();
        }
        return new LayerScaling(a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerScaling && Arrays.equals(alpha, ((LayerScaling) o).alpha);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alpha);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("T(");
        for (int l = 0; l < alpha.length; l++) {
            sb.append(l == 0 ? "" : ", ").append(Q.format(alpha[l]));
        }
        return sb.append(')').toString();
    }
}
