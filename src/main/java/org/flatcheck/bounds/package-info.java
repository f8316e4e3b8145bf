/**
 * Generalization-bound terms (path norms, spectral complexity, PAC-Bayes magnitudes) evaluated numerically
 * in {@code BigDecimal} at a stated precision, with their exact ingredients exposed separately and a
 * declared verdict per symmetry.
 *
 * <p>May import: {@code exact}, {@code network}, {@code calculus}, {@code paths}, {@code symmetry},
 * {@code measures}. Stable API: {@code BoundTerm}, {@code BoundValue}, {@code Bounds}.
 */
package org.flatcheck.bounds;
