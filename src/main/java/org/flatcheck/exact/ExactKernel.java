package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The exact rank of a rational matrix {@code A = M/d} (n × n) and a basis of its kernel, certified from
 * both sides (proofs/certified-spectrum.md §rank):
 * <ul>
 *   <li><b>lower bound</b>: {@code rank(M mod p) ≤ rank M} for every prime p (a nonzero minor mod p is a
 *       nonzero integer minor); Gaussian elimination mod p gives {@code r_p} and pivot columns R;</li>
 *   <li><b>upper bound</b>: integer vectors {@code k_f} (one per non-pivot column f, with
 *       {@code (k_f)_f ≠ 0} and {@code (k_f)_g = 0} for the other non-pivot columns g, hence linearly
 *       independent) with {@code M k_f = 0} checked exactly give {@code rank M ≤ n − (n − r_p)}.</li>
 * </ul>
 * The candidates {@code k_f} come from the reduced echelon form mod p: {@code x_f = 1} and the pivot
 * unknowns solve the triangular system; over several primes of equal rank and pivots they are combined
 * by the Chinese remainder theorem and mapped to rationals by rational reconstruction (Wang's bound
 * {@code |num|, den ≤ √(m/2)}; von zur Gathen &amp; Gerhard, <i>Modern Computer Algebra</i>, 3rd ed.,
 * §5.10). Reconstruction only proposes: the exact product {@code M k_f = 0} decides. The primes are fixed
 * (the largest below 2³¹), so the result does not depend on chance or on the clock.
 */
public final class ExactKernel {
    /**
     * At most this many primes (about 2000 bits of modulus), and at most {@code 2³¹/n³} of them (each costs
     * an elimination of about n³/3 steps), but at least one. A generic kernel basis has entries the size of
     * an r × r minor, which no small number of primes reaches for large n; then only the rank lower bound
     * is certified.
     */
    static final int MAX_PRIMES = 64;

    static int primeBudget(int n) {
        long cube = Math.max(1, (long) n * n * n); // n stays far below 2²¹, so n³ fits a long
        return (int) Math.max(1, Math.min(MAX_PRIMES, (1L << 31) / cube));
    }

    private final int n;
    private final int rankLo;
    private final int[] pivots;
    private final BigInteger[][] basis;

    private ExactKernel(int n, int rankLo, int[] pivots, BigInteger[][] basis) {
        this.n = n;
        this.rankLo = rankLo;
        this.pivots = pivots;
        this.basis = basis;
    }

    /**
     * The rank of the square matrix {@code a} bounded from both sides: below by {@code rank(M mod p)}, above by
     * {@code n − (number of verified kernel vectors)}. {@link #complete()} when the bounds meet; otherwise the
     * kernel vectors whose reconstruction did verify within {@link #primeBudget} primes are kept (each is an
     * exact kernel vector, and they are independent).
     */
    public static ExactKernel of(QMatrix a) {
        return of(a, primeBudget(a.rows()));
    }

    /** As {@link #of(QMatrix)} with at most {@code budget ≥ 1} primes (tests use 1 to reach the incomplete case). */
    static ExactKernel of(QMatrix a, int budget) {
        int n = a.rows();
        if (a.cols() != n) {
            throw new IllegalArgumentException("needs a square matrix");
        }
        Echelon first = Echelon.of(a, Primes.descending31(0));
        if (first.rank == n) {
            return new ExactKernel(n, n, first.pivots, new BigInteger[0][]);
        }
        Echelon best = first;
        BigInteger modulus = BigInteger.valueOf(first.prime);
        BigInteger[][] residues = first.kernelResidues();
        BigInteger[][] verified = new BigInteger[residues.length][];
        int agreeing = 1;
        int tried = 1;
        int nextCheck = 1;
        while (true) {
            if (agreeing >= nextCheck) {
                if (verifyAll(a, residues, modulus, verified)) {
                    return new ExactKernel(n, best.rank, best.pivots, verified);
                }
                nextCheck = 2 * nextCheck;
            }
            if (tried >= budget) {
                break;
            }
            Echelon e = Echelon.of(a, Primes.descending31(tried++));
            if (e.rank > best.rank) {
                // the earlier primes were unlucky: restart with this one
                best = e;
                modulus = BigInteger.valueOf(e.prime);
                residues = e.kernelResidues();
                verified = new BigInteger[residues.length][];
                agreeing = 1;
                nextCheck = 1;
                continue;
            }
            if (e.rank < best.rank || !Arrays.equals(e.pivots, best.pivots)) {
                continue;
            }
            BigInteger[][] r = e.kernelResidues();
            BigInteger p = BigInteger.valueOf(e.prime);
            BigInteger inv = modulus.modInverse(p);
            for (int f = 0; f < residues.length; f++) {
                for (int i = 0; i < n; i++) {
                    BigInteger x = residues[f][i];
                    BigInteger t = r[f][i].subtract(x).multiply(inv).mod(p);
                    residues[f][i] = x.add(modulus.multiply(t));
                }
            }
            modulus = modulus.multiply(p);
            agreeing++;
        }
        List<BigInteger[]> some = new ArrayList<>();
        for (BigInteger[] k : verified) {
            if (k != null) {
                some.add(k);
            }
        }
        return new ExactKernel(n, best.rank, best.pivots, some.toArray(new BigInteger[0][]));
    }

    /**
     * Reconstructs and checks every candidate not yet verified; stores the verified ones in {@code verified}.
     * Whether all are verified now.
     */
    private static boolean verifyAll(QMatrix a, BigInteger[][] residues, BigInteger modulus, BigInteger[][] verified) {
        boolean all = true;
        for (int f = 0; f < residues.length; f++) {
            if (verified[f] == null) {
                verified[f] = reconstruct(residues[f], modulus).filter(k -> annihilates(a, k)).orElse(null);
                all &= verified[f] != null;
            }
        }
        return all;
    }

    /** The integer kernel candidate from residues mod m, or empty if some entry has no reconstruction. */
    private static Optional<BigInteger[]> reconstruct(BigInteger[] residues, BigInteger m) {
        BigInteger bound = m.shiftRight(1).sqrt();
        BigInteger[] num = new BigInteger[residues.length];
        BigInteger[] den = new BigInteger[residues.length];
        BigInteger lcm = BigInteger.ONE;
        for (int i = 0; i < num.length; i++) {
            BigInteger[] q = rationalReconstruction(residues[i], m, bound);
            if (q == null) {
                return Optional.empty();
            }
            num[i] = q[0];
            den[i] = q[1];
            lcm = lcm.divide(lcm.gcd(q[1])).multiply(q[1]);
        }
        for (int i = 0; i < num.length; i++) {
            num[i] = num[i].multiply(lcm.divide(den[i]));
        }
        return Optional.of(num);
    }

    /**
     * {@code (a, b)} with {@code a ≡ b·x (mod m)}, {@code |a| ≤ bound}, {@code 0 < b ≤ bound}, by the
     * extended Euclidean algorithm stopped at the first remainder ≤ bound; null if none.
     */
    static BigInteger[] rationalReconstruction(BigInteger x, BigInteger m, BigInteger bound) {
        BigInteger r0 = m;
        BigInteger r1 = x.mod(m);
        BigInteger t0 = BigInteger.ZERO;
        BigInteger t1 = BigInteger.ONE;
        while (r1.compareTo(bound) > 0) {
            BigInteger[] qr = r0.divideAndRemainder(r1);
            r0 = r1;
            r1 = qr[1];
            BigInteger t = t0.subtract(qr[0].multiply(t1));
            t0 = t1;
            t1 = t;
        }
        if (t1.signum() == 0 || t1.abs().compareTo(bound) > 0 || !r1.gcd(t1).equals(BigInteger.ONE)) {
            return null;
        }
        return t1.signum() < 0 ? new BigInteger[] {r1.negate(), t1.negate()} : new BigInteger[] {r1, t1};
    }

    /** Whether {@code M k = 0} exactly (M the numerators of a). */
    private static boolean annihilates(QMatrix a, BigInteger[] k) {
        int n = a.rows();
        for (int i = 0; i < n; i++) {
            BigInteger s = BigInteger.ZERO;
            for (int j = 0; j < n; j++) {
                if (k[j].signum() != 0) {
                    s = s.add(a.numerator(i, j).multiply(k[j]));
                }
            }
            if (s.signum() != 0) {
                return false;
            }
        }
        return true;
    }

    /** The order n. */
    public int size() {
        return n;
    }

    /** Whether the rank is exact: a verified kernel vector for every non-pivot column. */
    public boolean complete() {
        return rankLo + basis.length == n;
    }

    /** The exact rank; requires {@link #complete()}. */
    public int rank() {
        if (!complete()) {
            throw new IllegalStateException("the rank is only bounded: [" + rankLo + ", " + (n - basis.length) + "]");
        }
        return rankLo;
    }

    /** {@code rank(M mod p)}: a certified lower bound on the rank. */
    public int rankLowerBound() {
        return rankLo;
    }

    /** {@code n − (number of verified kernel vectors)}: a certified upper bound on the rank. */
    public int rankUpperBound() {
        return n - basis.length;
    }

    /** The pivot columns R (ascending): with {@link #complete()}, a basis of the column space. */
    public int[] pivots() {
        return pivots.clone();
    }

    /**
     * The verified kernel vectors, integer, each checked {@code A k = 0} exactly; one per non-pivot column
     * when {@link #complete()}, else those that verified.
     */
    public BigInteger[][] basis() {
        BigInteger[][] out = new BigInteger[basis.length][];
        for (int i = 0; i < basis.length; i++) {
            out[i] = basis[i].clone();
        }
        return out;
    }

    /** Row echelon form of {@code M mod p}: rank, pivot columns, and the kernel from back substitution. */
    private static final class Echelon {
        final int prime;
        final int rank;
        final int[] pivots;
        final long[][] rows;
        final int n;

        private Echelon(int prime, int rank, int[] pivots, long[][] rows, int n) {
            this.prime = prime;
            this.rank = rank;
            this.pivots = pivots;
            this.rows = rows;
            this.n = n;
        }

        static Echelon of(QMatrix a, int prime) {
            int n = a.rows();
            long p = prime;
            long mu = CharPoly.barrett(p);
            BigInteger bp = BigInteger.valueOf(p);
            long[][] m = new long[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    BigInteger x = a.numerator(i, j);
                    m[i][j] = x.bitLength() < 63 ? Math.floorMod(x.longValue(), p) : x.mod(bp).longValue();
                }
            }
            int r = 0;
            int[] piv = new int[n];
            for (int c = 0; c < n && r < n; c++) {
                int sel = -1;
                for (int i = r; i < n; i++) {
                    if (m[i][c] != 0) {
                        sel = i;
                        break;
                    }
                }
                if (sel < 0) {
                    continue;
                }
                long[] tmp = m[sel];
                m[sel] = m[r];
                m[r] = tmp;
                long[] pr = m[r];
                long inv = Primes.inverse(pr[c], prime);
                for (int j = c; j < n; j++) {
                    pr[j] = CharPoly.reduce(pr[j] * inv, p, mu);
                }
                for (int i = r + 1; i < n; i++) {
                    long[] ri = m[i];
                    long f = ri[c];
                    if (f == 0) {
                        continue;
                    }
                    long nf = p - f;
                    for (int j = c; j < n; j++) {
                        ri[j] = CharPoly.reduce(ri[j] + nf * pr[j], p, mu);
                    }
                }
                piv[r++] = c;
            }
            return new Echelon(prime, r, Arrays.copyOf(piv, r), m, n);
        }

        /** For each non-pivot column f, the kernel vector mod p with {@code x_f = 1}, other free unknowns 0. */
        BigInteger[][] kernelResidues() {
            long p = prime;
            long mu = CharPoly.barrett(p);
            boolean[] isPivot = new boolean[n];
            for (int c : pivots) {
                isPivot[c] = true;
            }
            List<BigInteger[]> out = new ArrayList<>();
            for (int f = 0; f < n; f++) {
                if (isPivot[f]) {
                    continue;
                }
                long[] x = new long[n];
                x[f] = 1;
                for (int i = rank - 1; i >= 0; i--) {
                    // row i of the echelon form: 1 at pivots[i]; among the unknowns only x_f and the pivot
                    // unknowns of later rows are nonzero
                    long[] row = rows[i];
                    long s = pivots[i] < f ? row[f] : 0;
                    for (int t = i + 1; t < rank; t++) {
                        int j = pivots[t];
                        if (x[j] != 0 && row[j] != 0) {
                            s = CharPoly.reduce(s + row[j] * x[j], p, mu);
                        }
                    }
                    x[pivots[i]] = s == 0 ? 0 : p - s; // pivot entries are 1
                }
                BigInteger[] v = new BigInteger[n];
                for (int j = 0; j < n; j++) {
                    v[j] = BigInteger.valueOf(x[j]);
                }
                out.add(v);
            }
            return out.toArray(new BigInteger[0][]);
        }
    }
}
