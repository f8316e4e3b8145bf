package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The certified spectrum of a symmetric rational matrix {@code A} (n × n).
 *
 * <p>{@code A} is symmetric, so its characteristic polynomial {@code χ(λ) = det(λI − A)} has only real
 * roots and the algebraic multiplicity of each eigenvalue equals its geometric one. Hence
 * {@code rank A = n − (multiplicity of the root 0)}, and the product of the nonzero eigenvalues is
 * {@code pdet A = (−1)^r c_r} with {@code r = rank A} and {@code c_r} the coefficient of {@code λ^(n−r)}
 * (1 when {@code r = 0}, the empty product). The nonzero eigenvalues are the roots of
 * {@code χ(λ)/λ^(n−r)}: its square-free factors {@code fᵢ} (Yun) carry the eigenvalues of multiplicity
 * {@code i}; each root of {@code fᵢ} is isolated with a {@link Sturm} sequence and refined by bisection
 * to the requested width. When {@code q} is certainly square-free, a faster route is tried first:
 * numeric eigenvalues seed a sign-alternation certificate ({@link RealRoots}), which either proves an
 * isolation exactly or is discarded. Every interval thus provably contains its eigenvalue.
 */
public final class Spectrum {
    private final BigFraction[] charPoly;
    private final int rank;
    private final BigFraction pseudoDeterminant;
    private final List<AlgebraicNumber> exact;
    private final BigFraction width;
    private List<Interval> eigenvalues;

    private Spectrum(BigFraction[] charPoly, int rank, BigFraction pdet, List<AlgebraicNumber> exact, BigFraction width) {
        this.charPoly = charPoly;
        this.rank = rank;
        this.pseudoDeterminant = pdet;
        this.exact = exact;
        this.width = width;
    }

    /**
     * The spectrum of the symmetric matrix {@code a}, every eigenvalue as an interval of width at most
     * {@code width} (a positive rational).
     */
    public static Spectrum of(QMatrix a, BigFraction width) {
        return of(a, width, true);
    }

    /** As {@link #of(QMatrix, BigFraction)}; without {@code seeded}, always by Sturm sequences (for tests). */
    static Spectrum of(QMatrix a, BigFraction width, boolean seeded) {
        if (!a.isSymmetric()) {
            throw new IllegalArgumentException("certified spectrum needs a symmetric matrix");
        }
        return build(CharPoly.of(a), () -> JacobiEigenvalues.approximate(a.toArray()), seeded, width);
    }

    /**
     * The spectrum of {@code diag(d)·H} for a symmetric {@code H} and {@code d ≥ 0}: it has the characteristic
     * polynomial, hence the eigenvalues, of the symmetric {@code diag(√d) H diag(√d)} ({@code AB} and
     * {@code BA} share theirs), so every eigenvalue is real (the matrix need not be diagonalisable when
     * some {@code dᵢ = 0}, but only eigenvalues are reported); the characteristic polynomial itself is
     * computed from the rational {@code diag(d)·H}.
     */
    public static Spectrum ofDiagonalTimesSymmetric(BigFraction[] d, QMatrix h, BigFraction width) {
        if (!h.isSymmetric() || d.length != h.rows()) {
            throw new IllegalArgumentException("needs a symmetric matrix and one factor per row");
        }
        BigFraction[][] dh = h.toArray();
        for (int i = 0; i < d.length; i++) {
            if (d[i].getNumerator().signum() < 0) {
                throw new IllegalArgumentException("the diagonal factors must be non-negative");
            }
            for (int j = 0; j < d.length; j++) {
                dh[i][j] = dh[i][j].multiply(d[i]);
            }
        }
        return build(CharPoly.of(QMatrix.of(dh)), () -> JacobiEigenvalues.approximateScaled(h.toArray(), d), true, width);
    }

    private static Spectrum build(BigFraction[] chi, java.util.function.Supplier<BigFraction[]> approximations,
            boolean seeded, BigFraction width) {
        if (width.getNumerator().signum() <= 0) {
            throw new IllegalArgumentException("width must be positive");
        }
        int n = chi.length - 1;
        int r = n;
        while (r > 0 && Q.isZero(chi[r])) {
            r--;
        }
        BigFraction pdet = pseudoDeterminant(chi);
        List<AlgebraicNumber> eig = new ArrayList<>();
        for (int k = 0; k < n - r; k++) {
            eig.add(AlgebraicNumber.rational(BigFraction.ZERO));
        }
        Polynomial q = Polynomial.clearingDenominators(java.util.Arrays.copyOf(chi, r + 1));
        eig.addAll(seeded ? nonzeroBySeeds(approximations, q, n - r, width) : nonzeroBySturm(q, width));
        eig.sort(AlgebraicNumber::compareTo);
        return new Spectrum(chi, r, pdet, List.copyOf(eig), width);
    }

    /**
     * The fast route: numeric eigenvalues of {@code A} (Jacobi in floating point, returned as exact dyadics) minus the
     * {@code zeros} closest to 0 seed a sign-alternation certificate on {@code q} ({@link RealRoots});
     * if {@code q} is not certainly square-free or the certificate fails, the Sturm route decides.
     */
    private static List<AlgebraicNumber> nonzeroBySeeds(java.util.function.Supplier<BigFraction[]> approximations,
            Polynomial q, int zeros, BigFraction width) {
        if (q.degree() < 1) {
            return List.of();
        }
        if (q.isCertainlySquareFree()) {
            BigFraction[] seeds = nonzeroSeeds(approximations.get(), zeros);
            java.util.Optional<List<Interval>> isolated = RealRoots.isolateBySeeds(q, seeds);
            if (isolated.isPresent()) {
                List<AlgebraicNumber> out = new ArrayList<>();
                for (int i = 0; i < seeds.length; i++) {
                    out.add(AlgebraicNumber.root(q, isolated.get().get(i), seeds[i]));
                }
                return out;
            }
        }
        return nonzeroBySturm(q, width);
    }

    private static BigFraction[] nonzeroSeeds(BigFraction[] all, int zeros) {
        int n = all.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparing(i -> all[i].abs()));
        boolean[] dropped = new boolean[n];
        for (int k = 0; k < zeros; k++) {
            dropped[order[k]] = true;
        }
        BigFraction[] seeds = new BigFraction[n - zeros];
        for (int i = 0, j = 0; i < n; i++) {
            if (!dropped[i]) {
                seeds[j++] = all[i];
            }
        }
        return seeds;
    }

    /** The general route: Yun's square-free factors {@code fᵢ} of {@code q}, roots isolated by Sturm. */
    private static List<AlgebraicNumber> nonzeroBySturm(Polynomial q, BigFraction width) {
        List<AlgebraicNumber> out = new ArrayList<>();
        List<Polynomial> factors = q.isCertainlySquareFree() ? List.of(q.primitivePart()) : q.squareFreeDecomposition();
        for (int i = 0; i < factors.size(); i++) {
            Polynomial f = factors.get(i);
            if (f.degree() < 1) {
                continue;
            }
            for (Interval isolating : Sturm.of(f).isolate()) {
                AlgebraicNumber root = AlgebraicNumber.root(f, isolating);
                for (int m = 0; m <= i; m++) {
                    out.add(root);
                }
            }
        }
        return out;
    }

    /**
     * {@code pdet A = (−1)^r c_r} from the coefficients of {@code det(λI − A)} (leading first), r the index of the
     * last nonzero coefficient (= rank A for a symmetric A); 1 for the empty product.
     */
    public static BigFraction pseudoDeterminant(BigFraction[] chi) {
        int r = chi.length - 1;
        while (r > 0 && Q.isZero(chi[r])) {
            r--;
        }
        return r % 2 == 0 ? chi[r] : chi[r].negate();
    }

    /** Coefficients of {@code det(λI − A)}, leading first (a copy). */
    public BigFraction[] charPoly() {
        return charPoly.clone();
    }

    /** The rank of {@code A}. */
    public int rank() {
        return rank;
    }

    /** The product of the nonzero eigenvalues (1 if there are none). */
    public BigFraction pseudoDeterminant() {
        return pseudoDeterminant;
    }

    /**
     * Every eigenvalue, with multiplicity, as a certified interval of the requested width, ascending
     * (refined on first use: exact comparisons need only the isolating intervals).
     */
    public synchronized List<Interval> eigenvalues() {
        if (eigenvalues == null) {
            eigenvalues = exact.stream().map(x -> x.approximate(width)).toList();
        }
        return eigenvalues;
    }

    /** The largest eigenvalue as a certified interval of the requested width; requires {@code n ≥ 1}. */
    public Interval lambdaMax() {
        return lambdaMaxExact().approximate(width);
    }

    /** Every eigenvalue, with multiplicity, exactly (for exact comparisons), in the order of {@link #eigenvalues()}. */
    public List<AlgebraicNumber> exactEigenvalues() {
        return exact;
    }

    /** The largest eigenvalue exactly; requires {@code n ≥ 1}. */
    public AlgebraicNumber lambdaMaxExact() {
        if (exact.isEmpty()) {
            throw new IllegalStateException("the empty matrix has no eigenvalues");
        }
        return exact.get(exact.size() - 1);
    }

    /** {@code 10^(−digits)}. */
    public static BigFraction widthForDigits(int digits) {
        return Q.of(BigInteger.ONE, BigInteger.TEN.pow(digits));
    }
}
