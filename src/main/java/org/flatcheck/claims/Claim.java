package org.flatcheck.claims;

/**
 * One claim of the literature (MATH §5) as an executable check: {@link #run} decides it, exactly, and
 * returns the {@link Certificate} that lets anyone re-check the decision with
 * {@code flatcheck verify-certificate}.
 */
public interface Claim {
    /** Stable id, e.g. {@code function-invariance}; the certificate is {@code <id>.json}. */
    String id();

    /** Paper and theorem. */
    String source();

    /** The statement, in one or two sentences. */
    String statement();

    /** Decides the claim (HOLDS or REFUTED, never undecided) and certifies the decision. */
    Certificate run(ClaimContext context);
}
