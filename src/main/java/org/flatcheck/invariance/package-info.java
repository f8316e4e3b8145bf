/**
 * Deciding verdicts with evidence: the seeded search for exact counterexamples over random small
 * networks and group elements, their shrinking, and the audit of every measure under every symmetry.
 *
 * <p>May import: {@code error}, {@code exact}, {@code network}, {@code calculus}, {@code symmetry}, {@code measures}. Stable API:
 * {@code Audit}, {@code InvarianceCheck}, {@code Counterexample}.
 */
package org.flatcheck.invariance;
