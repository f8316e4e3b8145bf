package org.flatcheck.symmetry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * An element {@code g} of one of the symmetry groups that leave a ReLU network's function unchanged
 * (docs/definitions.md §symmetries): a {@link NodeRescaling} {@code R_c}, a {@link LayerScaling}
 * {@code T_α} [Dinh et al. 2017, §4] or a {@link Permutation} of hidden units. Each carries its own
 * behaviour — how it acts, how it is printed and written as JSON, how a random one is drawn and how it is
 * shrunk — so adding a group is one class here, one constant of {@link Symmetry} and the decisions the
 * compiler then asks for (every verdict is an exhaustive switch over {@link Symmetry}).
 */
public sealed interface GroupElement permits NodeRescaling, LayerScaling, Permutation {
    /** The group this element belongs to. */
    Symmetry symmetry();

    /** {@code g(net)}: the network with the transformed parameters (same function). */
    Network apply(Network net);

    /** A readable form naming nodes, e.g. {@code rescale h1_0 by 2}. */
    String describe(Network net);

    /**
     * The group-specific JSON fields, in order: the key ({@code scales}, {@code factors} or
     * {@code permutation}) and its value, a {@code Map<String, String>} or a {@code List<String>} of exact
     * numbers and node names. Together with {@code symmetry} and {@code description} these form the one
     * JSON shape of a group element (written by {@link GroupElementJson}).
     */
    Map<String, Object> jsonFields(Network net);

    /**
     * This element acting on {@code to}, which is {@code from} without unit {@code j} of hidden layer
     * {@code l} (later units of that layer move down by one); empty when the element moves that unit
     * to another position, so that it has no counterpart on {@code to}.
     */
    Optional<GroupElement> withoutUnit(Network from, Network to, int l, int j);

    /** Simpler elements of the same group to try when shrinking a counterexample; none by default. */
    default List<GroupElement> simpler() {
        return List.of();
    }

    /** The identity of {@code symmetry} acting on {@code net}, or empty if that group does not act on it. */
    static Optional<GroupElement> identity(Network net, Symmetry symmetry) {
        if (!symmetry.actsOn(net)) {
            return Optional.empty();
        }
        return Optional.of(switch (symmetry) {
            case NODE_RESCALING -> NodeRescaling.identity();
            case LAYER_SCALING -> LayerScaling.firstAndLast(net.layers().orElseThrow().length - 1, org.flatcheck.exact.Q.of(1));
            case PERMUTATION -> Permutation.identity(net.layers().orElseThrow());
        });
    }

    /**
     * A random element of {@code symmetry} acting on {@code net} other than the identity, or empty if the
     * group acting on {@code net} has no other element (no hidden units; a DAG for the layered groups; a
     * permutation of layers of one unit).
     */
    static Optional<GroupElement> random(Random rnd, Network net, Symmetry symmetry) {
        if (net.nodesOf(Kind.HIDDEN).length == 0) {
            return Optional.empty();
        }
        return switch (symmetry) {
            case NODE_RESCALING -> NodeRescaling.random(rnd, net);
            case LAYER_SCALING -> LayerScaling.random(rnd, net);
            case PERMUTATION -> Permutation.random(rnd, net);
        };
    }
}
