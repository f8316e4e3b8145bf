package org.flatcheck.claims.verify;

import java.util.List;

/**
 * What kind of statement a claim is, which fixes its verdicts and what a negative verdict means:
 * <ul>
 *   <li>{@link #THEOREM}: an exact instance of a statement the paper proves or states. HOLDS or REFUTED;
 *       REFUTED means the paper or flatcheck is wrong, and {@code prove} exits 1.</li>
 *   <li>{@link #EXTENSION}: a question the paper does not answer (a larger symmetry group, another choice
 *       the paper leaves open). HOLDS or REFUTED; either answer is a result about the definition, never a
 *       refutation of the paper, and the claim's statement says so in words.</li>
 *   <li>{@link #EMPIRICAL}: a tendency the paper reports from experiments. SUPPORTED, NOT_SUPPORTED or
 *       INCONCLUSIVE, from a stated test on many seeded runs; one run decides nothing.</li>
 * </ul>
 */
public enum ClaimKind {
    THEOREM("theorem", List.of("HOLDS", "REFUTED")),
    EXTENSION("extension", List.of("HOLDS", "REFUTED")),
    EMPIRICAL("empirical", List.of("SUPPORTED", "NOT_SUPPORTED", "INCONCLUSIVE"));

    private final String key;
    private final List<String> verdicts;

    ClaimKind(String key, List<String> verdicts) {
        this.key = key;
        this.verdicts = verdicts;
    }

    /** The name in certificates and {@code prove --json} ({@code "kind"}). */
    public String key() {
        return key;
    }

    /** The verdicts a claim of this kind can have. */
    public List<String> verdicts() {
        return verdicts;
    }

    /** Whether {@code verdict} on a claim of this kind means that a paper or flatcheck is wrong. */
    public boolean failure(String verdict) {
        return this == THEOREM && verdict.equals("REFUTED");
    }

    /** The kind named {@code key}, or null. */
    public static ClaimKind of(String key) {
        for (ClaimKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }
}
