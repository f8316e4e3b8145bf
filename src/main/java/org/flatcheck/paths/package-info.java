/**
 * Paths of a network (input or bias to output), their values, basis paths and their exponents
 * (Meng et al. 2019), skeletons, and the ℓ₁/ℓ₂ path norms computed in O(P).
 *
 * <p>May import: {@code exact}, {@code network}. Stable API: {@code Path}, {@code PathEnumerator},
 * {@code BasisPaths}, {@code Skeleton}, {@code PathNorms}.
 */
package org.flatcheck.paths;
