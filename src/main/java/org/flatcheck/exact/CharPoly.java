package org.flatcheck.exact;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The characteristic polynomial {@code det(λI − A) = λⁿ + c₁λⁿ⁻¹ + … + cₙ} of a rational matrix,
 * computed fraction-free and multi-modularly.
 *
 * <p>With {@code A = M/d} ({@code M} integer), {@code cₖ(A) = cₖ(M)/dᵏ}. The integer coefficients
 * {@code cₖ(M)} are found modulo word-size primes (reduction to upper Hessenberg form by similarity,
 * then the Hessenberg recurrence; Cohen, <i>A Course in Computational Algebraic Number Theory</i>,
 * Alg. 2.2.9 and §2.2.4) and lifted by the Chinese remainder theorem. Enough primes are used for their
 * product to exceed twice Hadamard's bound {@code |cₖ(M)| ≤ C(n,k) Π(k largest row norms) ≤ 2ⁿ Π max(1, ‖Mᵢ‖₂)},
 * so the lift is exact — no probabilistic early termination. Reduction mod p works in any field, so
 * there are no unlucky primes.
 */
public final class CharPoly {
    private CharPoly() {
    }

    /** Coefficients of {@code det(λI − A)}, leading (1) first; {@code A} square. */
    public static BigFraction[] of(QMatrix a) {
        if (!a.isSquare()) {
            throw new IllegalArgumentException("characteristic polynomial of a non-square matrix");
        }
        BigInteger[] c = ofInteger(a.numerators());
        BigFraction[] out = new BigFraction[c.length];
        BigInteger dPow = BigInteger.ONE;
        for (int k = 0; k < c.length; k++) {
            out[k] = Q.of(c[k], dPow);
            dPow = dPow.multiply(a.denominator());
        }
        return out;
    }

    /** Coefficients of {@code det(λI − M)} for a square integer matrix, leading first. */
    public static BigInteger[] ofInteger(BigInteger[][] m) {
        int n = m.length;
        int bits = coefficientBits(m) + 2;
        // Every prime exceeds 2^30, so this many make a modulus of more than `bits` bits.
        int count = bits / 30 + 1;
        long[][] residues = java.util.stream.IntStream.range(0, count).parallel()
                .mapToObj(i -> modular(m, Primes.descending31(i))).toArray(long[][]::new);
        BigInteger[] x = new BigInteger[n + 1];
        java.util.Arrays.fill(x, BigInteger.ZERO);
        BigInteger modulus = BigInteger.ONE;
        for (int i = 0; i < count; i++) {
            int p = Primes.descending31(i);
            BigInteger bp = BigInteger.valueOf(p);
            long inv = Primes.inverse(modulus.mod(bp).longValue(), p);
            for (int k = 0; k <= n; k++) {
                long t = Math.floorMod(residues[i][k] - x[k].mod(bp).longValue(), (long) p) * inv % p;
                x[k] = x[k].add(modulus.multiply(BigInteger.valueOf(t)));
            }
            modulus = modulus.multiply(bp);
        }
        BigInteger half = modulus.shiftRight(1);
        for (int k = 0; k <= n; k++) {
            if (x[k].compareTo(half) > 0) {
                x[k] = x[k].subtract(modulus);
            }
        }
        return x;
    }

    /** An upper bound on the bit length of every coefficient of {@code det(λI − M)}. */
    static int coefficientBits(BigInteger[][] m) {
        int bits = m.length;
        for (BigInteger[] row : m) {
            BigInteger s = BigInteger.ZERO;
            for (BigInteger v : row) {
                s = s.add(v.multiply(v));
            }
            // ‖row‖ = √s < 2^⌈bitLength(s)/2⌉; rows of norm ≤ 1 contribute nothing.
            bits += (s.bitLength() + 1) / 2;
        }
        return bits;
    }

    /** {@code det(λI − M) mod p}, leading first, by Hessenberg reduction over F_p. */
    static long[] modular(BigInteger[][] m, int prime) {
        int n = m.length;
        long p = prime;
        BigInteger bp = BigInteger.valueOf(p);
        long[][] a = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j].mod(bp).longValue();
            }
        }
        toHessenberg(a, p);
        return hessenbergCharPoly(a, p);
    }

    private static void toHessenberg(long[][] a, long p) {
        int n = a.length;
        for (int c = 0; c < n - 2; c++) {
            int m = c + 1;
            int i = m;
            while (i < n && a[i][c] == 0) {
                i++;
            }
            if (i == n) {
                continue;
            }
            if (i != m) {
                long[] t = a[i];
                a[i] = a[m];
                a[m] = t;
                for (long[] row : a) {
                    long s = row[i];
                    row[i] = row[m];
                    row[m] = s;
                }
            }
            long inv = Primes.inverse(a[m][c], (int) p);
            long mu = barrett(p);
            for (i = m + 1; i < n; i++) {
                if (a[i][c] == 0) {
                    continue;
                }
                long u = a[i][c] * inv % p;
                long[] ri = a[i];
                long[] rm = a[m];
                long nu = p - u;
                for (int j = c; j < n; j++) {
                    ri[j] = reduce(ri[j] + nu * rm[j], p, mu);
                }
                for (long[] row : a) {
                    row[m] = reduce(row[m] + u * row[i], p, mu);
                }
            }
        }
    }

    /** {@code floor(2⁶⁴ / p)} as an unsigned long, for {@link #reduce}. */
    static long barrett(long p) {
        return Long.divideUnsigned(-1L, p);
    }

    /**
     * {@code x mod p} for {@code 0 ≤ x < 2⁶³} and a prime {@code 2³⁰ < p < 2³¹} by Barrett reduction
     * ({@code μ < 2³⁴}, so the signed {@link Math#multiplyHigh} is the unsigned one here): the
     * quotient estimate {@code ⌊x·μ / 2⁶⁴⌋} is at most 2 below the true quotient, so at most two
     * corrections follow.
     */
    static long reduce(long x, long p, long mu) {
        long q = Math.multiplyHigh(x, mu);
        long r = x - q * p;
        while (r >= p) {
            r -= p;
        }
        return r;
    }

    /**
     * Charpoly of an upper Hessenberg {@code H} mod p: {@code p₀ = 1},
     * {@code pₘ = (λ − hₘₘ) pₘ₋₁ − Σ_{i<m} hᵢₘ (Π_{j=i+1..m} hⱼ,ⱼ₋₁) pᵢ₋₁} (1-based indices).
     */
    private static long[] hessenbergCharPoly(long[][] h, long p) {
        int n = h.length;
        // polys[m] holds pₘ in ascending order, degree m.
        long[][] polys = new long[n + 1][];
        polys[0] = new long[] {1};
        long mu = barrett(p);
        for (int m = 1; m <= n; m++) {
            long[] prev = polys[m - 1];
            long[] cur = new long[m + 1];
            long hmm = h[m - 1][m - 1];
            for (int k = 0; k < m; k++) {
                cur[k + 1] = (cur[k + 1] + prev[k]) % p;
                cur[k] = (cur[k] + (p - hmm) * prev[k]) % p;
            }
            long prod = 1;
            for (int i = m - 1; i >= 1; i--) {
                prod = prod * h[i][i - 1] % p;
                if (prod == 0) {
                    break;
                }
                long t = h[i - 1][m - 1] * prod % p;
                if (t == 0) {
                    continue;
                }
                long[] q = polys[i - 1];
                long nt = p - t;
                for (int k = 0; k < q.length; k++) {
                    cur[k] = reduce(cur[k] + nt * q[k], p, mu);
                }
            }
            polys[m] = cur;
        }
        long[] asc = polys[n];
        long[] leadingFirst = new long[n + 1];
        for (int k = 0; k <= n; k++) {
            leadingFirst[k] = asc[n - k];
        }
        return leadingFirst;
    }
}
