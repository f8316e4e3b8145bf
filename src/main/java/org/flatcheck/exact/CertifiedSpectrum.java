package org.flatcheck.exact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The certified spectrum of a symmetric rational matrix {@code H} (n × n) without its characteristic
 * polynomial (proofs/certified-spectrum.md): every eigenvalue in an interval ({@link EigenEnclosure}),
 * the exact rank and kernel ({@link ExactKernel}), the zero eigenvalues exactly as {@code [0, 0]}, and
 * the exact inertia {@code (n₊, n₀, n₋)}.
 *
 * <p>Inertia. {@code n₀ = n − rank}. Clusters of the enclosure that exclude 0 fix the sign of their
 * eigenvalues. The cluster containing 0 holds the {@code n₀} zero eigenvalues and possibly {@code u}
 * nonzero ones of unknown sign; then, with R the pivot columns and K the verified kernel basis
 * ({@code K_F = I} on the other columns F), {@code T = [e_R | K]} is nonsingular and
 * {@code TᵀHT = H_RR ⊕ 0}, so by Sylvester's law of inertia (Horn &amp; Johnson, <i>Matrix
 * Analysis</i>, 2nd ed., Theorem 4.5.8) {@code In(H) = In(H_RR) + (0, n₀, 0)} with {@code H_RR}
 * nonsingular; its inertia is read from its own enclosure, or, when that too cannot exclude 0 and
 * {@code H_RR} is small, from the exact characteristic polynomial by Descartes' rule of signs (exact
 * for a polynomial with only real roots, none 0).
 */
public final class CertifiedSpectrum {
    /** Order up to which an undecided sign falls back to the exact characteristic polynomial. */
    static final int CHARPOLY_FALLBACK = 200;

    /** The inertia: numbers of positive, zero and negative eigenvalues (with multiplicity). */
    public record Inertia(int positive, int zero, int negative) {
    }

    private final int n;
    private final int rankLo;
    private final int rankHi;
    private final Inertia inertia;
    private final Inertia inertiaLo;
    private final Inertia inertiaHi;
    private final List<Interval> eigenvalues;
    private final EigenEnclosure enclosure;

    private CertifiedSpectrum(int n, int rankLo, int rankHi, Inertia lo, Inertia hi, List<Interval> eigenvalues,
            EigenEnclosure enclosure) {
        this.n = n;
        this.rankLo = rankLo;
        this.rankHi = rankHi;
        this.inertiaLo = lo;
        this.inertiaHi = hi;
        this.inertia = lo.equals(hi) ? lo : null;
        this.eigenvalues = eigenvalues;
        this.enclosure = enclosure;
    }

    /**
     * The certified spectrum of the symmetric matrix {@code h}. If no kernel basis can be verified
     * (its entries too large for the primes {@link ExactKernel} may spend), the rank and inertia are
     * certified only as bounds: {@code max(rank mod p, n − m) ≤ rank ≤ n − v} with m the number of
     * eigenvalues enclosed around 0 and v the number of kernel vectors that did verify.
     *
     * @throws ArithmeticException if the numeric eigenvectors are too poor to certify, or a sign could not
     *     be decided (never a wrong answer)
     */
    public static CertifiedSpectrum of(QMatrix h) {
        return of(h, ExactKernel.primeBudget(h.rows()));
    }

    /** As {@link #of(QMatrix)} with at most {@code primes} primes for the kernel (for tests). */
    static CertifiedSpectrum of(QMatrix h, int primes) {
        if (!h.isSymmetric()) {
            throw new IllegalArgumentException("certified spectrum needs a symmetric matrix");
        }
        int n = h.rows();
        EigenEnclosure enc = EigenEnclosure.of(h);
        int negKnown = enc.countNegative();
        int posKnown = enc.countPositive();
        EigenEnclosure.Cluster around = enc.aroundZero().orElse(null);
        int inAround = around == null ? 0 : around.count();
        if (inAround == 0) {
            // every eigenvalue is certified nonzero: rank n, no kernel needed
            Inertia in = new Inertia(posKnown, 0, negKnown);
            return new CertifiedSpectrum(n, n, n, in, in, intervals(enc, null, 0, 0, 0, 0), enc);
        }
        ExactKernel kernel = ExactKernel.of(h, primes);
        if (!kernel.complete()) {
            // v verified kernel vectors: at least v exact zeros; the other eigenvalues around 0 keep the cluster
            int v = kernel.size() - kernel.rankUpperBound();
            int lo = Math.max(kernel.rankLowerBound(), n - inAround);
            Inertia inLo = new Inertia(posKnown, v, negKnown);
            Inertia inHi = new Inertia(posKnown + inAround - v, inAround, negKnown + inAround - v);
            return new CertifiedSpectrum(n, lo, kernel.rankUpperBound(), inLo, inHi,
                    intervals(enc, around, 0, v, 0, inAround - v), enc);
        }
        int rank = kernel.rank();
        int zero = n - rank;
        if (inAround < zero) {
            throw new IllegalStateException("inconsistent certificates: " + zero + " zero eigenvalues but " + inAround
                    + " eigenvalues enclosed around 0");
        }
        int negative = negKnown;
        int positive = posKnown;
        if (inAround > zero) {
            Inertia sub = inertiaOfNonsingular(principal(h, kernel.pivots()));
            negative = sub.negative();
            positive = sub.positive();
            if (negative < negKnown || positive < posKnown || negative + positive != rank) {
                throw new IllegalStateException("inconsistent certificates: inertia of H_RR " + sub
                        + " against the enclosure's " + posKnown + " positive and " + negKnown + " negative");
            }
        }
        Inertia in = new Inertia(positive, zero, negative);
        return new CertifiedSpectrum(n, rank, rank, in, in,
                intervals(enc, around, negative - negKnown, zero, positive - posKnown, 0), enc);
    }

    /**
     * The intervals, ascending, the k-th holding the k-th smallest eigenvalue; the cluster {@code around} 0
     * split into {@code neg} negative, {@code zero} exact zero and {@code pos} positive eigenvalues. With
     * {@code unknown > 0} eigenvalues of unknown sign (then {@code neg = pos = 0}) the i-th smallest of the
     * cluster's {@code m = unknown + zero} is certainly 0 only for {@code unknown ≤ i < zero} (whatever the
     * signs of the others); the rest keep the cluster's interval.
     */
    private static List<Interval> intervals(EigenEnclosure enc, EigenEnclosure.Cluster around, int neg, int zero, int pos,
            int unknown) {
        List<Interval> eig = new ArrayList<>();
        for (EigenEnclosure.Cluster c : enc.clusters()) {
            if (c != around) {
                eig.addAll(Collections.nCopies(c.count(), c.interval()));
                continue;
            }
            if (unknown > 0) {
                for (int i = 0; i < unknown + zero; i++) {
                    eig.add(unknown <= i && i < zero ? Interval.point(BigFraction.ZERO) : c.interval());
                }
                continue;
            }
            eig.addAll(Collections.nCopies(neg, Interval.of(c.lo(), BigFraction.ZERO)));
            eig.addAll(Collections.nCopies(zero, Interval.point(BigFraction.ZERO)));
            eig.addAll(Collections.nCopies(pos, Interval.of(BigFraction.ZERO, c.hi())));
        }
        return List.copyOf(eig);
    }

    /** The inertia of a nonsingular symmetric matrix (no zero eigenvalue). */
    static Inertia inertiaOfNonsingular(QMatrix b) {
        return inertiaOfNonsingular(b, CHARPOLY_FALLBACK);
    }

    /**
     * As {@link #inertiaOfNonsingular(QMatrix)}: from the enclosure; if one eigenvalue alone shares the cluster
     * around 0, from Kato–Temple (it is nonzero, so a tight enough interval excludes 0; the neighbouring clusters
     * give (α, β)); else by Descartes on χ up to order {@code fallback}.
     */
    static Inertia inertiaOfNonsingular(QMatrix b, int fallback) {
        EigenEnclosure e = EigenEnclosure.of(b);
        java.util.Optional<EigenEnclosure.Cluster> around = e.aroundZero();
        if (around.isEmpty()) {
            return new Inertia(e.countPositive(), 0, e.countNegative());
        }
        if (around.get().count() == 1) {
            List<EigenEnclosure.Cluster> cs = e.clusters();
            int c = cs.indexOf(around.get());
            int k = e.countNegative();
            BigFraction alpha = c == 0 ? null : cs.get(c - 1).hi();
            BigFraction beta = c + 1 == cs.size() ? null : cs.get(c + 1).lo();
            BigFraction aim = around.get().hi().subtract(around.get().lo()).multiply(Q.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(600)));
            java.util.Optional<Interval> i = KatoTemple.tightest(b, e, k, alpha, beta, aim);
            if (i.isPresent() && i.get().lo().getNumerator().signum() > 0) {
                return new Inertia(e.countPositive() + 1, 0, e.countNegative());
            }
            if (i.isPresent() && i.get().hi().getNumerator().signum() < 0) {
                return new Inertia(e.countPositive(), 0, e.countNegative() + 1);
            }
        }
        if (b.rows() > fallback) {
            throw new ArithmeticException("could not separate every nonzero eigenvalue from 0 (order "
                    + b.rows() + " above the exact fallback's " + fallback + "); use the characteristic polynomial");
        }
        return inertiaOf(CharPoly.of(b));
    }

    /**
     * The exact inertia of a symmetric matrix from its characteristic polynomial {@code χ(λ) = det(λI − A)}
     * (coefficients leading first): {@code n₀} is the multiplicity of the root 0, and since every root is real,
     * Descartes' rule of signs is exact for {@code q = χ/λ^{n₀}} (its sign variations bound the positive roots,
     * those of {@code q(−λ)} the negative ones, their sum is at most the degree, and the roots number exactly the
     * degree): {@code n₊} = sign variations of q.
     */
    public static Inertia inertiaOf(BigFraction[] chi) {
        int n = chi.length - 1;
        int r = n;
        while (r > 0 && Q.isZero(chi[r])) {
            r--;
        }
        int variations = 0;
        int last = 0;
        for (int k = 0; k <= r; k++) {
            int s = chi[k].getNumerator().signum();
            if (s != 0) {
                variations += last != 0 && s != last ? 1 : 0;
                last = s;
            }
        }
        return new Inertia(variations, n - r, r - variations);
    }

    /**
     * The same enclosures with the exact inertia {@code in} known from elsewhere (the characteristic polynomial):
     * the cluster around 0 is split into its negative, zero and positive eigenvalues as in the verified-kernel case.
     *
     * @throws IllegalStateException if {@code in} contradicts the enclosures or the certified bounds
     */
    public CertifiedSpectrum withInertia(Inertia in) {
        int negKnown = enclosure.countNegative();
        int posKnown = enclosure.countPositive();
        int rank = n - in.zero();
        if (in.negative() < negKnown || in.positive() < posKnown || in.positive() + in.zero() + in.negative() != n
                || rank < rankLo || rank > rankHi) {
            throw new IllegalStateException("inconsistent certificates: inertia " + in + " against the enclosures");
        }
        EigenEnclosure.Cluster around = enclosure.aroundZero().orElse(null);
        return new CertifiedSpectrum(n, rank, rank, in, in,
                intervals(enclosure, around, in.negative() - negKnown, in.zero(), in.positive() - posKnown, 0), enclosure);
    }

    private static QMatrix principal(QMatrix h, int[] idx) {
        BigInteger[][] m = new BigInteger[idx.length][idx.length];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                m[i][j] = h.numerator(idx[i], idx[j]);
            }
        }
        return QMatrix.of(m, h.denominator());
    }

    /** The order n. */
    public int size() {
        return n;
    }

    /** Whether the rank (hence the inertia and the zero eigenvalues) is certified exactly. */
    public boolean rankCertified() {
        return rankLo == rankHi;
    }

    /** The exact rank; requires {@link #rankCertified()}. */
    public int rank() {
        if (!rankCertified()) {
            throw new IllegalStateException("the rank is only bounded: [" + rankLo + ", " + rankHi + "]");
        }
        return rankLo;
    }

    /** A certified lower bound on the rank. */
    public int rankLowerBound() {
        return rankLo;
    }

    /** A certified upper bound on the rank. */
    public int rankUpperBound() {
        return rankHi;
    }

    /** The exact inertia, if the rank is certified. */
    public Optional<Inertia> inertia() {
        return Optional.ofNullable(inertia);
    }

    /** Componentwise certified lower bounds on the inertia. */
    public Inertia inertiaLowerBound() {
        return inertiaLo;
    }

    /** Componentwise certified upper bounds on the inertia. */
    public Inertia inertiaUpperBound() {
        return inertiaHi;
    }

    /**
     * Every eigenvalue, with multiplicity, ascending: the k-th interval contains the k-th smallest
     * eigenvalue; zero eigenvalues are exact points.
     */
    public List<Interval> eigenvalues() {
        return eigenvalues;
    }

    /**
     * The spectrum with every eigenvalue that is alone in its cluster (and not an exact 0) refined by
     * {@link KatoTemple} to width ≤ {@code width}; {@code (α, β)} for the k-th eigenvalue are the ends of the
     * neighbouring clusters, which hold all other eigenvalues. Eigenvalues in clusters of several keep their
     * interval (see {@link #widerThan}).
     */
    public CertifiedSpectrum refined(QMatrix h, BigFraction width) {
        List<EigenEnclosure.Cluster> clusters = enclosure.clusters();
        List<Interval> out = new ArrayList<>(eigenvalues);
        int k = 0;
        for (int c = 0; c < clusters.size(); c++) {
            EigenEnclosure.Cluster cl = clusters.get(c);
            if (cl.count() == 1 && !eigenvalues.get(k).isPoint() && eigenvalues.get(k).width().compareTo(width) > 0) {
                BigFraction alpha = c == 0 ? null : clusters.get(c - 1).hi();
                BigFraction beta = c + 1 == clusters.size() ? null : clusters.get(c + 1).lo();
                int index = k;
                KatoTemple.refine(h, enclosure, k, alpha, beta, width).ifPresent(i -> out.set(index, intersect(i, eigenvalues.get(index))));
            }
            k += cl.count();
        }
        return new CertifiedSpectrum(n, rankLo, rankHi, inertiaLo, inertiaHi, List.copyOf(out), enclosure);
    }

    private static Interval intersect(Interval a, Interval b) {
        BigFraction lo = a.lo().compareTo(b.lo()) >= 0 ? a.lo() : b.lo();
        BigFraction hi = a.hi().compareTo(b.hi()) <= 0 ? a.hi() : b.hi();
        return Interval.of(lo, hi);
    }

    /** How many eigenvalue intervals are wider than {@code width}. */
    public int widerThan(BigFraction width) {
        return (int) eigenvalues.stream().filter(i -> i.width().compareTo(width) > 0).count();
    }

    /** The smallest eigenvalue; requires n ≥ 1. */
    public Interval lambdaMin() {
        return eigenvalues.get(0);
    }

    /** The largest eigenvalue; requires n ≥ 1. */
    public Interval lambdaMax() {
        return eigenvalues.get(n - 1);
    }

    /** The enclosure behind the intervals. */
    public EigenEnclosure enclosure() {
        return enclosure;
    }

    /**
     * {@code det H = Π λᵢ} enclosed by the product of the eigenvalue intervals (each of one sign), with
     * every partial product rounded outward to {@code digits} significant digits; present only when
     * {@code rank = n}.
     */
    public Optional<Interval> determinant(int digits) {
        if (rankLo != n) {
            return Optional.empty();
        }
        MathContext down = new MathContext(digits, RoundingMode.FLOOR);
        MathContext up = new MathContext(digits, RoundingMode.CEILING);
        BigDecimal lo = BigDecimal.ONE;
        BigDecimal hi = BigDecimal.ONE;
        for (Interval i : eigenvalues) {
            boolean neg = i.hi().getNumerator().signum() <= 0;
            BigFraction a = neg ? i.hi().negate() : i.lo();
            BigFraction b = neg ? i.lo().negate() : i.hi();
            lo = lo.multiply(decimal(a, RoundingMode.FLOOR, digits), down);
            hi = hi.multiply(decimal(b, RoundingMode.CEILING, digits), up);
        }
        BigFraction l = scale(lo);
        BigFraction u = scale(hi);
        return Optional.of(inertiaLo.negative() % 2 == 0 ? Interval.of(l, u) : Interval.of(u.negate(), l.negate()));
    }

    private static BigDecimal decimal(BigFraction x, RoundingMode mode, int digits) {
        return new BigDecimal(x.getNumerator()).divide(new BigDecimal(x.getDenominator()), new MathContext(digits, mode));
    }

    private static BigFraction scale(BigDecimal x) {
        BigInteger u = x.unscaledValue();
        int s = x.scale();
        return s >= 0 ? Q.of(u, BigInteger.TEN.pow(s)) : Q.of(u.multiply(BigInteger.TEN.pow(-s)));
    }
}
