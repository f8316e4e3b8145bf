package org.flatcheck.claims;

import org.flatcheck.claims.verify.ClaimKind;

/**
 * One claim of the literature as an executable check: {@link #run} decides it, exactly, and returns the
 * {@link Certificate} that lets anyone re-check the decision with {@code flatcheck verify-certificate}.
 * A claim says separately what the paper states ({@link #paperStatement}) and what flatcheck checks
 * ({@link #statement}); its {@link #kind} says whether the check is an instance of the paper's statement,
 * a question the paper leaves open, or an empirical tendency, and so what its verdict means.
 */
public interface Claim {
    /** Stable id, e.g. {@code function-invariance}; the certificate is {@code <id>.json}. */
    String id();

    /** Theorem, extension or empirical tendency: fixes the verdicts and their meaning. */
    ClaimKind kind();

    /** Paper, and where in it (theorem, equation, section). */
    String source();

    /**
     * What the paper states, in its terms and with its theorem/equation/section number; for an extension,
     * what the paper does state, followed by the fact that it does not answer the question checked.
     */
    String paperStatement();

    /** Exactly what flatcheck checks, in one or two sentences, with every idealisation it makes. */
    String statement();

    /** Decides the claim and certifies the decision. */
    Certificate run(ClaimContext context);
}
