/**
 * The symmetry groups that leave a ReLU network's function unchanged: {@link org.flatcheck.symmetry.Symmetry}
 * names them, and each group's elements are one class of the sealed
 * {@link org.flatcheck.symmetry.GroupElement} (node rescaling, layer scaling, permutation) that carries
 * its own action, description, JSON fields, random draw and shrinking, and {@code GroupElementJson} its
 * one JSON shape; canonical forms, equivalence with a witness, and enumeration of equivalence classes over
 * a weight grid, with the cross-checks of class counts and shard merges.
 *
 * <p>May import: {@code error}, {@code exact}, {@code network}, {@code paths}, {@code io} (the shard
 * files). Stable API: {@code Symmetry}, {@code GroupElement} and its three classes,
 * {@code GroupElementJson}, {@code CanonicalForm}, {@code Equivalence}.
 */
package org.flatcheck.symmetry;
