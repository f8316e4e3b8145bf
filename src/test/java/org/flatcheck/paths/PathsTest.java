package org.flatcheck.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.NetworkBuilder;
import org.junit.jupiter.api.Test;

class PathsTest {
    private static Network layered(int[] sizes) {
        BigFraction[][][] w = new BigFraction[sizes.length - 1][][];
        int k = 1;
        for (int l = 0; l < w.length; l++) {
            w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (BigFraction[] row : w[l]) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Q.of(k++ % 5 + 1, 2);
                }
            }
        }
        return Layered.of("t", sizes, w, null);
    }

    /** docs/definitions.md §paths: widths 2,2,2,2,2, path 0-1-0-1-0 has exponent −2 on the skeleton path 1-1-1-1-1. */
    @Test
    void exponentMinusTwoAppearsWithThreeHiddenLayers() {
        Network net = layered(new int[] {2, 2, 2, 2, 2});
        BasisPaths basis = BasisPaths.of(net, Skeleton.of(net, "diagonal"));
        Path p = PathEnumerator.enumerate(net, false, 1000).stream()
                .filter(q -> q.key(net).equals("0-1-0-1-0")).findFirst().orElseThrow();
        int skeleton = -1;
        for (int i = 0; i < basis.size(); i++) {
            if (basis.paths().get(i).key(net).equals("1-1-1-1-1")) {
                skeleton = i;
            }
        }
        Map<Integer, Integer> x = basis.exponents(p);
        assertEquals(-2, x.get(skeleton));
        assertEquals(net.numParameters() - net.numHidden(), basis.size(), "m − H basis paths");
    }

    /** x → h0 → … → h(n−1) → y with weight 1 everywhere but {@code last} on the edge into y. */
    static Network chain(int n, BigFraction last) {
        NetworkBuilder b = Network.builder("chain").input("x").output("y");
        for (int i = 0; i < n; i++) {
            b.hidden("h" + i);
        }
        b.edge("x", "h0", BigFraction.ONE);
        for (int i = 0; i + 1 < n; i++) {
            b.edge("h" + i, "h" + (i + 1), BigFraction.ONE);
        }
        return b.edge("h" + (n - 1), "y", last).build();
    }

    /**
     * Regression: the O(P) pass scaled every node's sum by D^depth (D the lcm of the denominators), so a
     * chain of 20 000 integer weights ending in 1/2 carried 20 000-bit integers through every node —
     * Θ(depth²) bits, 920 MB at 50 000 nodes. Integers need no scaling: linear memory.
     */
    @Test
    void pathNormsOfADeepChainNeedLinearMemory() {
        // About 400 bytes per node (node lists, edge arrays); the quadratic pass allocated 160 MB here.
        assertChainNormsInLinearMemory(chain(CHAIN, Q.of(-1, 2)), 1000);
    }

    /**
     * The same chain after rescaling each hidden unit by a different factor (2, 3, 5, 7, …): every weight is
     * now a fraction, but the partial products telescope to the unit's own factor, so the sums must stay
     * small too (the denominators' lcm D is cancelled where it divides).
     */
    @Test
    void pathNormsOfARescaledChainNeedLinearMemory() {
        Network net = chain(CHAIN, Q.of(-1, 2));
        java.util.Map<Integer, BigFraction> factors = new java.util.TreeMap<>();
        int[] primes = {2, 3, 5, 7, 11, 13};
        for (int i = 0; i < CHAIN; i++) {
            factors.put(net.indexOf("h" + i), Q.of(primes[i % primes.length], primes[(i + 1) % primes.length]));
        }
        // About 2 KiB per node; without the cancellation, 2.9 GB (numbers of Θ(depth) bits at every node).
        assertChainNormsInLinearMemory(org.flatcheck.symmetry.NodeRescaling.of(factors).apply(net), 4000);
    }

    private static final int CHAIN = 20_000;

    /** The chain's one path has value −1/2 (invariantly); both norms use at most {@code bytesPerNode}. */
    private static void assertChainNormsInLinearMemory(Network net, long bytesPerNode) {
        BigFraction[] norms = new BigFraction[2];
        long bytes = org.flatcheck.testing.Allocation.of(() -> {
            norms[0] = PathNorms.l1(net, false);
            norms[1] = PathNorms.l2Squared(net, false);
        });
        assertEquals(Q.of(1, 2), norms[0], "one path, of value −1/2");
        assertEquals(Q.of(1, 4), norms[1]);
        org.junit.jupiter.api.Assertions.assertTrue(bytes < bytesPerNode * CHAIN, "allocated " + bytes + " bytes");
    }

    @Test
    void countsPathsWithoutListingThem() {
        Network net = layered(new int[] {3, 4, 5, 2});
        assertEquals(3 * 4 * 5 * 2, PathEnumerator.count(net, false).intValueExact());
        assertEquals(120, PathEnumerator.enumerate(net, false, 120).size());
        PathEnumerator.PathLimitExceeded e = org.junit.jupiter.api.Assertions.assertThrows(
                PathEnumerator.PathLimitExceeded.class, () -> PathEnumerator.enumerate(net, false, 119));
        assertEquals(120, e.count().intValueExact());
    }
}
