package org.flatcheck.symmetry;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.paths.PathEnumerator;

/**
 * Enumerates every layered network whose parameters all come from a finite grid and groups them into
 * equivalence classes by canonical form ({@link CanonicalForm}), under rescaling and optionally
 * permutations. Work can be split into shards (network {@code k} belongs to shard {@code k mod n}) whose
 * {@link Tally}s merge by adding counts. Two independent cross-checks come with the count:
 * <ul>
 *   <li>on the all-nonzero networks, classes under rescaling ⇔ distinct (sign pattern, path values)
 *       [M19] (docs/definitions.md §paths);
 *   <li>with permutations, the number of classes equals Burnside's count
 *       {@code (1/|G|) Σ_{π∈G} |{rescaling classes C : π(C) = C}|} over the group {@code G} of
 *       permutations of hidden units acting on the rescaling classes.
 * </ul>
 */
public final class ClassEnumerator {
    private final int[] sizes;
    private final BigFraction[] grid;
    private final boolean bias;
    private final boolean permutations;
    private final int parameters;

    public ClassEnumerator(int[] sizes, BigFraction[] grid, boolean bias, boolean permutations) {
        this.sizes = sizes.clone();
        this.grid = grid.clone();
        this.bias = bias;
        this.permutations = permutations;
        long p = parameterCount(sizes, bias);
        if (p > MAX_PARAMETERS) {
            throw new IllegalArgumentException(p + " parameters, above " + MAX_PARAMETERS);
        }
        this.parameters = (int) p;
    }

    /** The most parameters a grid may have (with two grid values that is 2^100000 networks already). */
    public static final int MAX_PARAMETERS = 100_000;

    /** {@code P = Σ_l d_{l+1}·(d_l + [bias])}, in long arithmetic so that absurd sizes cannot overflow. */
    public static long parameterCount(int[] sizes, boolean bias) {
        long p = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            p += (long) sizes[l + 1] * (sizes[l] + (bias ? 1L : 0L));
        }
        return p;
    }

    /** Number of networks, {@code |grid|^P}. */
    public BigInteger networks() {
        return BigInteger.valueOf(grid.length).pow(parameters);
    }

    public int parameters() {
        return parameters;
    }

    /** The tally of shard {@code shard} of {@code shards}; {@code progress} receives the networks done so far. */
    public Tally enumerate(int shard, int shards, LongConsumer progress) {
        long total = networks().longValueExact();
        Tally t = new Tally();
        long done = 0;
        for (long code = shard; code < total; code += shards) {
            Classified c = classify(code);
            t.rescalingClasses.merge(c.rescalingKey(), 1L, Long::sum);
            if (c.classKey() != null) {
                t.classes.merge(c.classKey(), 1L, Long::sum);
            }
            if (c.pathKey() != null) {
                t.nonzeroPathKeys.add(c.pathKey());
                t.nonzeroRescalingClasses.add(c.rescalingKey());
            }
            t.networks++;
            if (++done % 1024 == 0) {
                progress.accept(done);
            }
        }
        return t;
    }

    /**
     * Where network {@code code} goes: its rescaling class key, its class key under rescaling and
     * permutation (null without permutations), and its (sign pattern, path values) key (null unless every
     * parameter is nonzero).
     */
    public record Classified(String rescalingKey, String classKey, String pathKey) {
    }

    /** The classes of network {@code code}, as {@link #enumerate} counts them. */
    public Classified classify(long code) {
        Network net = decode(code);
        return new Classified(key(CanonicalForm.underRescaling(net).canonical()),
                permutations ? key(CanonicalForm.underRescalingAndPermutation(net).canonical()) : null,
                allNonzero(net) ? pathKey(net) : null);
    }

    /** The networks of shard {@code shard} (0-based) of {@code shards}: codes shard, shard + shards, … below the total. */
    public static long shardSize(long total, int shard, int shards) {
        return total <= shard ? 0 : (total - shard + shards - 1) / shards;
    }

    /** Whether {@code key} is the canonical form of its own network (under rescaling, or with permutations too). */
    public boolean isCanonical(String key, boolean withPermutations) {
        Network net = fromKey(key);
        Network c = withPermutations ? CanonicalForm.underRescalingAndPermutation(net).canonical()
                : CanonicalForm.underRescaling(net).canonical();
        return key(c).equals(key);
    }

    /** The network with grid digits of {@code code} (little-endian, base |grid|) as parameters. */
    public Network decode(long code) {
        BigFraction[] theta = new BigFraction[parameters];
        long c = code;
        for (int k = 0; k < parameters; k++) {
            theta[k] = grid[(int) (c % grid.length)];
            c /= grid.length;
        }
        return fromParameters(theta);
    }

    /** The layered network with these sizes, bias flag and parameter vector (PyTorch order). */
    public Network fromParameters(BigFraction[] theta) {
        BigFraction[][][] w = new BigFraction[sizes.length - 1][][];
        BigFraction[][] b = bias ? new BigFraction[sizes.length - 1][] : null;
        int k = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    w[l][j][i] = theta[k++];
                }
            }
            if (bias) {
                b[l] = new BigFraction[sizes[l + 1]];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    b[l][j] = theta[k++];
                }
            }
        }
        return Layered.of("grid", sizes, w, b);
    }

    /** The canonical parameter vector as text, the class's key. */
    public static String key(Network canonical) {
        StringJoiner j = new StringJoiner(",");
        for (BigFraction x : canonical.parameters()) {
            j.add(Q.format(x));
        }
        return j.toString();
    }

    /** The network whose parameter vector is {@code key}. */
    public Network fromKey(String key) {
        String[] parts = key.split(",", -1);
        BigFraction[] theta = new BigFraction[parts.length];
        for (int k = 0; k < parts.length; k++) {
            theta[k] = Q.parse(parts[k]);
        }
        return fromParameters(theta);
    }

    private static boolean allNonzero(Network net) {
        for (BigFraction x : net.parameters()) {
            if (Q.isZero(x)) {
                return false;
            }
        }
        return true;
    }

    /** Sign pattern and every path value (paths from inputs and through biases). */
    private static String pathKey(Network net) {
        StringJoiner j = new StringJoiner(",");
        for (BigFraction x : net.parameters()) {
            j.add(x.getNumerator().signum() > 0 ? "+" : "-");
        }
        j.add("|");
        PathEnumerator.enumerate(net, true, Long.MAX_VALUE).forEach(p -> j.add(Q.format(p.value(net))));
        return j.toString();
    }

    /** Burnside's count of the orbits of all hidden-unit permutations on the given rescaling classes. */
    /** The order of the hidden-unit permutation group: the product of {@code d_l!} over the hidden layers. */
    public BigInteger groupSize() {
        BigInteger g = BigInteger.ONE;
        for (int l = 1; l + 1 < sizes.length; l++) {
            for (int k = 2; k <= sizes[l]; k++) {
                g = g.multiply(BigInteger.valueOf(k));
            }
        }
        return g;
    }

    public long burnside(Set<String> rescalingClasses) {
        List<Permutation> group = Permutation.all(sizes);
        long fixed = 0;
        for (String key : rescalingClasses) {
            Network rep = fromKey(key);
            for (Permutation pi : group) {
                if (key(CanonicalForm.underRescaling(pi.apply(rep)).canonical()).equals(key)) {
                    fixed++;
                }
            }
        }
        if (fixed % group.size() != 0) {
            throw new IllegalStateException("Burnside sum " + fixed + " is not divisible by |G| = " + group.size());
        }
        return fixed / group.size();
    }

    /** The counts of one shard or of merged shards. */
    public static final class Tally {
        public long networks;
        public final Map<String, Long> rescalingClasses = new HashMap<>();
        public final Map<String, Long> classes = new HashMap<>();
        public final Set<String> nonzeroPathKeys = new HashSet<>();
        public final Set<String> nonzeroRescalingClasses = new HashSet<>();

        /** Adds another shard's counts into this one. */
        public void merge(Tally other) {
            networks += other.networks;
            other.rescalingClasses.forEach((k, v) -> rescalingClasses.merge(k, v, Long::sum));
            other.classes.forEach((k, v) -> classes.merge(k, v, Long::sum));
            nonzeroPathKeys.addAll(other.nonzeroPathKeys);
            nonzeroRescalingClasses.addAll(other.nonzeroRescalingClasses);
        }

        /** Class size → number of classes of that size. */
        public static TreeMap<Long, Long> histogram(Map<String, Long> classes) {
            TreeMap<Long, Long> h = new TreeMap<>();
            classes.values().forEach(size -> h.merge(size, 1L, Long::sum));
            return h;
        }
    }
}
