package org.flatcheck.invariance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/** Group elements of every symmetry for a network, from the shared generators (also used by the bound terms' properties). */
public final class Cases {
    private Cases() {
    }

    /** A random element of a random symmetry (falling back to rescaling where a group is trivial). */
    public static Arbitrary<GroupElement> elements(Network net) {
        return elements(net, java.util.List.of(Symmetry.values()));
    }

    /** A random element of one of {@code symmetries} (the identity rescaling where a group is trivial). */
    public static Arbitrary<GroupElement> elements(Network net, java.util.List<Symmetry> symmetries) {
        return Arbitraries.of(symmetries).flatMap(s -> Arbitraries.longs().map(seed -> {
            GroupElement g = RandomCases.element(new java.util.Random(seed), net, s);
            return g != null ? g : s == Symmetry.PERMUTATION
                    ? org.flatcheck.symmetry.Permutation.identity(net.layers().orElseThrow())
                    : org.flatcheck.symmetry.NodeRescaling.identity();
        }));
    }
}
