package org.flatcheck.claims;

import java.util.Random;

/**
 * What a claim run may depend on: the seed of every random choice, whether to run the short version
 * ({@code --quick}, for CI), and how many seeded runs an empirical claim makes ({@code --seeds}).
 */
public record ClaimContext(long seed, boolean quick, int seeds) {
    /** Seeded runs of an empirical claim by default: 30, or 10 with {@code --quick}. */
    public static int defaultSeeds(boolean quick) {
        return quick ? 10 : 30;
    }

    public ClaimContext {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
    }

    /** The context with the default number of seeded runs. */
    public ClaimContext(long seed, boolean quick) {
        this(seed, quick, defaultSeeds(quick));
    }

    /** A fresh generator for claim {@code id}: the same seed and id always give the same draws. */
    public Random random(String id) {
        return new Random(seed * 1_000_003L + id.hashCode());
    }
}
