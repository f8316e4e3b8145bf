package org.flatcheck.symmetry;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.io.ClassShards;
import org.flatcheck.io.ClassShards.Enumeration;
import org.flatcheck.io.ClassShards.Shard;
import org.flatcheck.io.InputError;
import org.flatcheck.symmetry.ClassEnumerator.Tally;

/**
 * Merges the shard files of one class enumeration ({@code flatcheck classes --merge}), trusting none of them:
 * the shards must be of one enumeration and one split, each given once and all given, and each is checked
 * against its own enumeration before it is merged: its number of networks is that of shard i/n, its class
 * sizes add up to it, every key is a canonical form, every all-nonzero class is a class, and a sample of its
 * networks re-enumerated lands in the classes it states ({@code spotChecks}; the sample is drawn with a seed
 * taken from the shard's content, so it is the same on every run). With {@code verify} every network is
 * re-enumerated and the counts must be exactly the file's.
 */
public final class ShardMerge {
    private static final String EDITED_FIX = "merge the unedited shard files of one enumeration";

    private final int spotChecks;
    private final boolean verify;
    private final long maxNetworks;

    /** The enumeration the shards were of, and their merged counts. */
    public record Merged(Enumeration enumeration, Tally tally) {
    }

    /**
     * Merging with {@code spotChecks} networks re-enumerated per shard, or with {@code verify} all of them (refused,
     * exit 4, for a shard of more than {@code maxNetworks} networks).
     */
    public ShardMerge(int spotChecks, boolean verify, long maxNetworks) {
        this.spotChecks = spotChecks;
        this.verify = verify;
        this.maxNetworks = maxNetworks;
    }

    /** The enumerator of the networks an enumeration ran over. */
    public static ClassEnumerator enumerator(Enumeration e) {
        return new ClassEnumerator(e.layers(), e.grid(), e.bias(), e.permutations());
    }

    /**
     * Reads, checks and merges {@code files}, one after the other.
     *
     * @throws InputError naming the file and the field at fault
     * @throws LimitExceeded if {@code verify} would re-enumerate more than {@code maxNetworks} networks of a shard
     */
    public Merged merge(List<Path> files) {
        Enumeration config = null;
        Tally total = new Tally();
        Set<Integer> seen = new HashSet<>();
        int n = -1;
        for (Path f : files) {
            Shard s = ClassShards.read(f, ClassEnumerator.MAX_PARAMETERS);
            if (config != null && !config.equals(s.enumeration())) {
                throw new InputError(f, null, "was made with other --layers/--grid/--bias/--permutations than " + files.get(0),
                        "merge shards of one enumeration");
            }
            config = s.enumeration();
            if (n >= 0 && s.count() != n) {
                throw new InputError(f, "shard", "splits the work into " + s.count() + " shards, " + files.get(0) + " into " + n,
                        "merge shards of one split");
            }
            n = s.count();
            if (!seen.add(s.index())) {
                throw new InputError(f, "shard", "shard " + s.index() + "/" + n + " is given twice", "give each shard once");
            }
            check(f, s);
            total.merge(tally(s));
        }
        if (seen.size() != n) {
            throw new InputError(files.get(0), "shard", seen.size() + " of " + n + " shards given", "give every shard once");
        }
        BigInteger expected = enumerator(config).networks();
        if (!BigInteger.valueOf(total.networks).equals(expected)) {
            throw new InputError(files.get(0), "networks", "the shards count " + total.networks + " networks, but the grid has "
                    + expected, EDITED_FIX);
        }
        return new Merged(config, total);
    }

    private static Tally tally(Shard s) {
        Tally t = new Tally();
        t.networks = s.networks();
        t.rescalingClasses.putAll(s.rescalingClasses());
        t.classes.putAll(s.classes());
        t.nonzeroPathKeys.addAll(s.nonzeroPathKeys());
        t.nonzeroRescalingClasses.addAll(s.nonzeroRescalingClasses());
        return t;
    }

    /** Checks one shard against its own enumeration before it is merged (see the class comment). */
    private void check(Path f, Shard s) {
        ClassEnumerator en = enumerator(s.enumeration());
        BigInteger all = en.networks();
        if (all.bitLength() > 62) {
            throw new InputError(f, "grid", "gives " + all + " networks, more than any shard run enumerates", EDITED_FIX);
        }
        long total = all.longValueExact();
        long expected = ClassEnumerator.shardSize(total, s.index() - 1, s.count());
        if (s.networks() != expected) {
            throw new InputError(f, "networks", "is " + s.networks() + ", but shard " + s.index() + "/" + s.count() + " of "
                    + total + " networks has " + expected, EDITED_FIX);
        }
        boolean permutations = s.enumeration().permutations();
        sizesAddUp(f, "rescaling_classes", s.rescalingClasses(), expected);
        if (permutations) {
            sizesAddUp(f, "classes", s.classes(), expected);
        } else if (!s.classes().isEmpty()) {
            throw new InputError(f, "classes", "lists classes under permutations, but the file says permutations: false",
                    EDITED_FIX);
        }
        canonical(f, "rescaling_classes", s.rescalingClasses().keySet(), en, false);
        if (permutations) {
            canonical(f, "classes", s.classes().keySet(), en, true);
        }
        for (String k : new TreeSet<>(s.nonzeroRescalingClasses())) {
            if (!s.rescalingClasses().containsKey(k)) {
                throw new InputError(f, "nonzero_rescaling_classes", "lists " + shorten(k) + ", which is not in rescaling_classes",
                        EDITED_FIX);
            }
        }
        if (s.nonzeroPathKeys().size() > s.networks()) {
            throw new InputError(f, "nonzero_path_keys", "has " + s.nonzeroPathKeys().size() + " entries for "
                    + s.networks() + " networks", EDITED_FIX);
        }
        if (verify) {
            reenumerate(f, s, en, expected);
        } else {
            spotCheck(f, s, en, expected);
        }
    }

    /** {@code --verify}: the shard re-enumerated must give exactly the file's counts. */
    private void reenumerate(Path f, Shard s, ClassEnumerator en, long networks) {
        if (networks > maxNetworks) {
            throw new LimitExceeded(f + ": --verify would re-enumerate " + networks + " networks, above --max-networks "
                    + maxNetworks + "; raise it, or merge without --verify");
        }
        Tally again = en.enumerate(s.index() - 1, s.count(), done -> { });
        same(f, "rescaling_classes", s.rescalingClasses(), again.rescalingClasses);
        same(f, "classes", s.classes(), again.classes);
        sameSet(f, "nonzero_rescaling_classes", s.nonzeroRescalingClasses(), again.nonzeroRescalingClasses);
        sameSet(f, "nonzero_path_keys", s.nonzeroPathKeys(), again.nonzeroPathKeys);
    }

    private static void sizesAddUp(Path f, String field, Map<String, Long> sizes, long networks) {
        long sum = 0;
        for (Map.Entry<String, Long> e : new TreeMap<>(sizes).entrySet()) {
            if (e.getValue() < 1) {
                throw new InputError(f, field + "." + shorten(e.getKey()), "is " + e.getValue() + ", but a class has at least "
                        + "one network", EDITED_FIX);
            }
            sum += e.getValue();
            if (sum > networks) {
                break;
            }
        }
        if (sum != networks) {
            throw new InputError(f, field, "the class sizes add up to " + (sum > networks ? "more than " + networks : sum)
                    + ", but the shard has " + networks + " networks", EDITED_FIX);
        }
    }

    private static void canonical(Path f, String field, Set<String> keys, ClassEnumerator en, boolean withPermutations) {
        for (String k : new TreeSet<>(keys)) {
            boolean ok;
            try {
                ok = en.isCanonical(k, withPermutations);
            } catch (RuntimeException e) {
                ok = false; // not even a network of this enumeration's shape
            }
            if (!ok) {
                throw new InputError(f, field + "." + shorten(k), "is not the canonical form of its network under "
                        + (withPermutations ? "rescaling and permutation" : "rescaling"), EDITED_FIX);
            }
        }
    }

    /**
     * Re-enumerates {@code spotChecks} networks of the shard (distinct, drawn with a seed made from the shard's
     * label and content: the same files always get the same sample) and requires each in the classes the file
     * states.
     */
    private void spotCheck(Path f, Shard s, ClassEnumerator en, long networks) {
        long seed = 31L * (31L * s.index() + s.count()) + new TreeMap<>(s.rescalingClasses()).toString().hashCode();
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = (int) Math.min(spotChecks, networks);
        Set<Long> picked = new TreeSet<>();
        while (picked.size() < k) {
            picked.add(k == networks ? picked.size() : rnd.nextLong(networks));
        }
        for (long j : picked) {
            long code = (s.index() - 1) + j * s.count();
            String where = misplaced(s, en.classify(code));
            if (where != null) {
                throw new InputError(f, "shard", "network " + code + " of shard " + s.index() + "/" + s.count() + " is in "
                        + where + ": the file is not shard " + s.index() + "/" + s.count() + " of this enumeration, or was edited",
                        EDITED_FIX);
            }
        }
    }

    /** Where a network lies that the shard does not list, or null if it lists all its classes. */
    private static String misplaced(Shard s, ClassEnumerator.Classified c) {
        if (!s.rescalingClasses().containsKey(c.rescalingKey())) {
            return "rescaling class " + shorten(c.rescalingKey()) + ", which the file does not list";
        } else if (c.classKey() != null && !s.classes().containsKey(c.classKey())) {
            return "class " + shorten(c.classKey()) + " (with permutations), which the file does not list";
        } else if (c.pathKey() != null && !s.nonzeroRescalingClasses().contains(c.rescalingKey())) {
            return "all-nonzero class " + shorten(c.rescalingKey()) + ", which nonzero_rescaling_classes does not list";
        } else if (c.pathKey() != null && !s.nonzeroPathKeys().contains(c.pathKey())) {
            return "(sign pattern, path values) " + shorten(c.pathKey()) + ", which nonzero_path_keys does not list";
        }
        return null;
    }

    private static void same(Path f, String field, Map<String, Long> stated, Map<String, Long> actual) {
        TreeSet<String> keys = new TreeSet<>(stated.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            Long a = stated.get(k);
            Long b = actual.get(k);
            if (!Objects.equals(a, b)) {
                throw new InputError(f, field + "." + shorten(k), (a == null ? "is missing" : "is " + a) + ", but re-enumerating "
                        + "the shard gives " + (b == null ? "no such class" : b + " network(s)"), EDITED_FIX);
            }
        }
    }

    private static void sameSet(Path f, String field, Set<String> stated, Set<String> actual) {
        if (!stated.equals(actual)) {
            TreeSet<String> diff = new TreeSet<>(stated);
            diff.removeAll(actual);
            String k = diff.isEmpty() ? new TreeSet<>(actual).stream().filter(x -> !stated.contains(x)).findFirst()
                    .orElse("?") : diff.first();
            throw new InputError(f, field, (diff.isEmpty() ? "lacks " : "lists ") + shorten(k) + ", but re-enumerating the "
                    + "shard gives " + actual.size() + " entries", EDITED_FIX);
        }
    }

    /** A class key cut to 60 characters for a message. */
    static String shorten(String key) {
        return key.length() > 60 ? key.substring(0, 60) + "…" : key;
    }
}
