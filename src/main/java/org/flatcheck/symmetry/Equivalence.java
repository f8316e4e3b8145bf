package org.flatcheck.symmetry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.paths.Path;
import org.flatcheck.paths.PathEnumerator;

/**
 * Decides whether two networks of the same architecture are equivalent — {@code B = g(A)} for a node
 * rescaling {@code g}, or {@code B = π(g(A))} with a permutation {@code π} of hidden units too — by
 * comparing canonical forms ({@link CanonicalForm}). If they are, the answer carries a witness that is
 * re-verified by applying it to {@code A}; if not, a reason: the first invariant found to differ (a
 * zero or sign pattern, a path value) or else the first differing canonical parameter.
 */
public final class Equivalence {
    private static final long PATH_LIMIT = 100_000;

    private Equivalence() {
    }

    /** The decision: a verified witness when equivalent, otherwise a reason. */
    public record Decision(boolean equivalent, NodeRescaling rescaling, Permutation permutation, String reason) {
        /** {@code π(g(a))}, which equals {@code b} when equivalent. */
        public Network applyTo(Network a) {
            Network r = rescaling.apply(a);
            return permutation == null ? r : permutation.apply(r);
        }
    }

    /**
     * Decides equivalence under rescaling, and with {@code permutations} also under permutations of
     * hidden units (layered networks).
     *
     * @throws IllegalArgumentException if the architectures differ
     */
    public static Decision decide(Network a, Network b, boolean permutations) {
        requireSameArchitecture(a, b);
        CanonicalForm.Result ca = permutations ? CanonicalForm.underRescalingAndPermutation(a) : CanonicalForm.underRescaling(a);
        CanonicalForm.Result cb = permutations ? CanonicalForm.underRescalingAndPermutation(b) : CanonicalForm.underRescaling(b);
        if (!sameParameters(ca.canonical(), cb.canonical())) {
            return new Decision(false, null, null, reason(a, b, ca.canonical(), cb.canonical(), permutations));
        }
        Decision d = permutations ? withPermutation(a, b, ca, cb) : new Decision(true, ratio(a, ca.rescaling(), cb.rescaling()), null, null);
        if (!sameParameters(d.applyTo(a), b)) {
            throw new IllegalStateException("witness does not map A onto B");
        }
        return d;
    }

    /** {@code B = πB⁻¹ πA gA (A)} up to rescaling of B; find the rescaling h with {@code σ⁻¹(B) = h(A)}, σ = πB⁻¹πA. */
    private static Decision withPermutation(Network a, Network b, CanonicalForm.Result ca, CanonicalForm.Result cb) {
        Permutation sigma = cb.permutation().inverse().compose(ca.permutation());
        Network pulledBack = sigma.inverse().apply(b);
        CanonicalForm.Result ra = CanonicalForm.underRescaling(a);
        CanonicalForm.Result rb = CanonicalForm.underRescaling(pulledBack);
        return new Decision(true, ratio(a, ra.rescaling(), rb.rescaling()), sigma, null);
    }

    /** The rescaling {@code h = gB⁻¹ ∘ gA}: {@code gA(A) = gB(B)} implies {@code B = h(A)}. */
    private static NodeRescaling ratio(Network a, NodeRescaling ga, NodeRescaling gb) {
        Map<Integer, BigFraction> h = new HashMap<>();
        for (int v : a.nodesOf(Kind.HIDDEN)) {
            h.put(v, ga.factor(v).divide(gb.factor(v)));
        }
        return NodeRescaling.of(h);
    }

    static boolean sameParameters(Network x, Network y) {
        return java.util.Arrays.equals(x.parameters(), y.parameters());
    }

    private static void requireSameArchitecture(Network a, Network b) {
        boolean same = a.nodes().equals(b.nodes()) && a.numParameters() == b.numParameters();
        for (int k = 0; same && k < a.numParameters(); k++) {
            Edge ea = a.edge(k);
            Edge eb = b.edge(k);
            same = ea.from() == eb.from() && ea.to() == eb.to();
        }
        if (!same) {
            throw new IllegalArgumentException("the networks have different architectures (" + a + " vs " + b + ")");
        }
    }

    private static String reason(Network a, Network b, Network ca, Network cb, boolean permutations) {
        if (!permutations) {
            Optional<String> pattern = patternDifference(a, b);
            if (pattern.isPresent()) {
                return pattern.get();
            }
            Optional<String> path = pathValueDifference(a, b);
            if (path.isPresent()) {
                return path.get();
            }
        }
        BigFraction[] x = ca.parameters();
        BigFraction[] y = cb.parameters();
        for (int k = 0; k < x.length; k++) {
            if (!x[k].equals(y[k])) {
                return "canonical forms differ at " + a.parameterName(k) + ": " + Q.format(x[k]) + " vs " + Q.format(y[k])
                        + (permutations ? " (rescaling and permutation canonical form)" : " (rescaling canonical form)");
            }
        }
        return "canonical forms differ";
    }

    /** Path values are rescaling invariants (docs/definitions.md §paths): the first path whose values differ, if few enough paths. */
    private static Optional<String> pathValueDifference(Network a, Network b) {
        if (PathEnumerator.count(a, true).compareTo(java.math.BigInteger.valueOf(PATH_LIMIT)) > 0) {
            return Optional.empty();
        }
        for (Path p : PathEnumerator.enumerate(a, true, PATH_LIMIT)) {
            BigFraction va = p.value(a);
            BigFraction vb = p.value(b);
            if (!va.equals(vb)) {
                return Optional.of("path value " + p.key(a) + " is " + Q.format(va) + " in A and " + Q.format(vb)
                        + " in B; path values are invariant under rescaling");
            }
        }
        return Optional.empty();
    }

    /** Rescaling keeps every zero and every sign: the first parameter where they differ is a reason. */
    private static Optional<String> patternDifference(Network a, Network b) {
        for (int k = 0; k < a.numParameters(); k++) {
            int sa = a.edge(k).weight().getNumerator().signum();
            int sb = b.edge(k).weight().getNumerator().signum();
            if (sa != sb) {
                return Optional.of("parameter " + a.parameterName(k) + " has sign " + sa + " in A and " + sb
                        + " in B; rescaling by positive factors keeps every sign and every zero");
            }
        }
        return Optional.empty();
    }
}
