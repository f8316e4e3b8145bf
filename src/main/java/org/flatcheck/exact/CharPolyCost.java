package org.flatcheck.exact;

/**
 * An estimate, from the size and bit length of a symmetric matrix alone, of the work of its exact
 * spectrum by the characteristic-polynomial route ({@link Spectrum}): multimodular Hessenberg reduction,
 * then Sturm-sequence bisection of every root from Cauchy's bound down to its separation. Both grow with
 * the bits of the entries: the polynomial's coefficients have about {@code n·b} bits, the bisection runs
 * about {@code b} levels per root, and each level evaluates a Sturm chain of n polynomials. The estimate
 * {@code n⁴·b²} (n the order, b the bits of the largest entry over a common denominator) is calibrated in
 * bench/README.md ("Cost guards"): a 10 × 10 Gram matrix of 600-bit entries, 3.6·10⁹, took 30 s, and
 * 100-bit entries a fraction of a second; the time grows as b² there, as the estimate does.
 */
public final class CharPolyCost {
    private CharPolyCost() {
    }

    /** The estimated work of the exact spectrum of an {@code n × n} matrix whose entries have {@code bits} bits. */
    public static long of(long n, long bits) {
        return WorkCount.times(n, n, n, n, bits, bits);
    }
}
