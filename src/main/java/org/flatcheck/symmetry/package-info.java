/**
 * The symmetry groups that leave a ReLU network's function unchanged: {@link org.flatcheck.symmetry.Symmetry}
 * names them, and each group's elements are one class of the sealed
 * {@link org.flatcheck.symmetry.GroupElement} (node rescaling, layer scaling, permutation) that carries
 * its own action, description, JSON fields, random draw and shrinking; canonical forms, equivalence
 * with a witness, and enumeration of equivalence classes over a weight grid.
 *
 * <p>May import: {@code exact}, {@code network}, {@code paths}. Stable API: {@code Symmetry},
 * {@code GroupElement} and its three classes, {@code CanonicalForm}, {@code Equivalence}.
 */
package org.flatcheck.symmetry;
