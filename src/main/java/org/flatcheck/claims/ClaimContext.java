package org.flatcheck.claims;

import java.util.Random;

/**
 * What a claim run may depend on: the seed of every random choice, and whether to run the short
 * version ({@code --quick}, for CI).
 */
public record ClaimContext(long seed, boolean quick) {
    /** A fresh generator for claim {@code id}: the same seed and id always give the same draws. */
    public Random random(String id) {
        return new Random(seed * 1_000_003L + id.hashCode());
    }
}
