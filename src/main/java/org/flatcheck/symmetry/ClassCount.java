package org.flatcheck.symmetry;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.io.InputError;
import org.flatcheck.symmetry.ClassEnumerator.Tally;

/**
 * The number of classes of an enumeration ({@link ClassEnumerator}) with its two cross-checks: on the
 * all-nonzero networks, classes under rescaling ⇔ distinct (sign pattern, path values) [M19]; with
 * permutations, the number of classes equals Burnside's count of the orbits of the hidden-unit permutations
 * on the rescaling classes.
 *
 * @param networks the networks enumerated
 * @param classes the classes (under rescaling, or with {@code permutations} under rescaling and permutation)
 * @param histogram class size → number of classes of that size
 * @param nonzeroRescalingClasses the rescaling classes of the all-nonzero networks
 * @param nonzeroSignAndPathValues the distinct (sign pattern, path values) of the all-nonzero networks
 * @param permutations whether permutations count, and so whether Burnside's count was made
 * @param rescalingClasses the classes under rescaling alone (with permutations; else equal to {@code classes})
 * @param burnsideOrbits Burnside's count (with permutations; else 0)
 */
public record ClassCount(long networks, int classes, SortedMap<Long, Long> histogram, int nonzeroRescalingClasses,
        int nonzeroSignAndPathValues, boolean permutations, int rescalingClasses, long burnsideOrbits) {

    /** Whether the all-nonzero networks have as many classes as distinct (sign pattern, path values). */
    public boolean nonzeroAgree() {
        return nonzeroRescalingClasses == nonzeroSignAndPathValues;
    }

    /** Whether Burnside's count is the number of classes (with permutations). */
    public boolean burnsideAgree() {
        return burnsideOrbits == classes;
    }

    /** Whether every cross-check made agrees. */
    public boolean agree() {
        return nonzeroAgree() && (!permutations || burnsideAgree());
    }

    /**
     * The count of {@code tally}, the counts of {@code en}'s networks. Burnside's count canonicalises every
     * permutation of every rescaling class: above {@code maxBurnside} permutations × classes it is refused.
     *
     * @param mergedFrom the first shard file when the tally was read from shard files (a key that is no
     *     canonical form is then an input error), else null
     * @throws LimitExceeded above {@code maxBurnside}
     */
    public static ClassCount of(ClassEnumerator en, boolean permutations, Tally tally, long maxBurnside, Path mergedFrom) {
        Map<String, Long> classes = permutations ? tally.classes : tally.rescalingClasses;
        long orbits = 0;
        if (permutations) {
            checkBurnside(en, BigInteger.valueOf(tally.rescalingClasses.size()), maxBurnside);
            try {
                orbits = en.burnside(tally.rescalingClasses.keySet());
            } catch (IllegalStateException notCanonical) {
                if (mergedFrom == null) {
                    throw notCanonical;
                }
                throw new InputError(mergedFrom, "rescaling_classes", "are not the canonical forms of this enumeration ("
                        + notCanonical.getMessage() + ")", "merge the unedited shard files of one enumeration");
            }
        }
        return new ClassCount(tally.networks, classes.size(), Tally.histogram(classes), tally.nonzeroRescalingClasses.size(),
                tally.nonzeroPathKeys.size(), permutations, tally.rescalingClasses.size(), orbits);
    }

    /**
     * Refuses Burnside's count when {@code |G| × classes} is above {@code maxBurnside} ({@code classes} = 1 before
     * enumerating: the group alone may be too large).
     *
     * @throws LimitExceeded naming {@code --max-burnside}
     */
    public static void checkBurnside(ClassEnumerator en, BigInteger classes, long maxBurnside) {
        BigInteger g = en.groupSize();
        if (g.multiply(classes).compareTo(BigInteger.valueOf(maxBurnside)) > 0) {
            throw new LimitExceeded("the Burnside cross-check would canonicalise |G| = " + g + " permutations"
                    + (classes.equals(BigInteger.ONE) ? "" : " × " + classes + " rescaling classes")
                    + ", above --max-burnside " + maxBurnside + "; raise it, or use smaller hidden layers");
        }
    }
}
