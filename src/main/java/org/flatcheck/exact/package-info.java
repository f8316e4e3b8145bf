/**
 * Exact rational scalars and linear algebra over Q: {@link org.flatcheck.exact.Q} helpers over commons-math's
 * {@code BigFraction}, vectors and matrices, fraction-free elimination, characteristic polynomials,
 * real-root isolation, algebraic numbers, and certified intervals (including enclosures of eigenvalues from
 * a floating-point decomposition with rigorous rounding bounds).
 *
 * <p>May import: nothing of flatcheck's (only the JDK, commons-math and EJML). Stable API: {@code Q},
 * {@code QVector}, {@code QMatrix}, {@code Interval}, {@code AlgebraicNumber}, {@code Spectrum},
 * {@code CertifiedSpectrum}.
 */
package org.flatcheck.exact;
