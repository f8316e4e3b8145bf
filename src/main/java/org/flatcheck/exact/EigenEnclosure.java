package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Certified enclosures of every eigenvalue of a symmetric rational matrix {@code H} (n × n) without
 * its characteristic polynomial (proofs/certified-spectrum.md §enclosures).
 *
 * <ol>
 *   <li>H is first scaled by an exact power of two {@code 2^−s} (largest entry near 1; the eigenvalues
 *       scale by the same factor, undone exactly at the end). {@code A = fl(H)} entrywise with {@code |Hᵢⱼ − Aᵢⱼ| ≤ eᵢⱼ} ({@link FloatBounds#approximate}), so
 *       {@code ‖H − A‖₂ ≤ ε := maxᵢ Σⱼ eᵢⱼ} (for a symmetric matrix {@code ‖E‖₂ ≤ ‖E‖_∞}).</li>
 *   <li>NUMERIC: EJML's symmetric eigendecomposition {@code A ≈ V Λ Vᵀ}; nothing below trusts it.</li>
 *   <li>{@code T̂ = fl(AV)}, {@code Ĉ = fl(VᵀT̂)}, {@code Ĝ = fl(VᵀV)}. By Higham's matrix-product bound (§3.5),
 *       {@code |VᵀAV − Ĉ| ≤ γ_n(|Vᵀ||T̂| + |Vᵀ||A||V|) =: F} and {@code |VᵀV − Ĝ| ≤ γ_n|Vᵀ||V|}
 *       (plus an underflow term); only the row sums of these nonnegative bounds are needed, and they are
 *       matrix–vector products computed with upward rounding.</li>
 *   <li>{@code α ≥ ‖VᵀV − I‖₂} (row sums); if {@code α < 1}, V is nonsingular with singular values
 *       in {@code [√(1−α), √(1+α)]}.</li>
 *   <li>Gershgorin (Horn &amp; Johnson, <i>Matrix Analysis</i>, 2nd ed., Theorem 6.1.1) for the symmetric
 *       {@code S = VᵀAV}: its eigenvalues lie in the union of {@code [ĉᵢᵢ − Rᵢ, ĉᵢᵢ + Rᵢ]},
 *       {@code Rᵢ = Σ_{j≠i} |ĉᵢⱼ| + Σⱼ Fᵢⱼ}, and a connected component made of k of them holds exactly
 *       k eigenvalues. Weyl ({@code |λₖ(S + P) − λₖ(S)| ≤ ‖P‖₂}, Horn &amp; Johnson §4.3, Weyl's inequalities) with
 *       {@code P = Vᵀ(H − A)V}, {@code ‖P‖₂ ≤ (1 + α)ε =: δ}, moves every eigenvalue by at most δ: the
 *       components of the δ-widened intervals keep their counts for {@code G = VᵀHV}.</li>
 *   <li>Ostrowski (Horn &amp; Johnson Theorem 4.5.9): {@code λₖ(VᵀHV) = θₖ λₖ(H)} with
 *       {@code θₖ ∈ [σ_min(V)², σ_max(V)²] ⊂ [1 − α, 1 + α]}; dividing each component's ends by the
 *       worse of {@code 1 ± α} (rounded outward) encloses the same eigenvalues of H; overlapping images
 *       are merged and their counts added.</li>
 * </ol>
 * The result is a list of disjoint, ascending {@link Cluster}s, each holding a certified number of
 * eigenvalues, so the k-th smallest eigenvalue of H lies in the cluster covering index k. Every step is
 * single-threaded and deterministic.
 */
public final class EigenEnclosure {
    /** Exactly {@code count} eigenvalues of H (with multiplicity) lie in {@code [lo, hi]}, and no others. */
    public record Cluster(BigFraction lo, BigFraction hi, int count) {
        /** The enclosure as an {@link Interval}. */
        public Interval interval() {
            return Interval.of(lo, hi);
        }

        /** Whether the cluster lies strictly left of 0 (all its eigenvalues negative). */
        public boolean negative() {
            return hi.getNumerator().signum() < 0;
        }

        /** Whether the cluster lies strictly right of 0. */
        public boolean positive() {
            return lo.getNumerator().signum() > 0;
        }
    }

    private final List<Cluster> clusters;
    private final double[] approximate;
    private final DMatrixRMaj vectors;
    private final double orthogonalityDefect;
    private final double roundingBound;

    private EigenEnclosure(List<Cluster> clusters, double[] approximate, DMatrixRMaj vectors, double alpha, double epsilon) {
        this.clusters = clusters;
        this.approximate = approximate;
        this.vectors = vectors;
        this.orthogonalityDefect = alpha;
        this.roundingBound = epsilon;
    }

    /**
     * Encloses every eigenvalue of the symmetric matrix {@code h}; throws {@link ArithmeticException} if
     * the numeric decomposition is too poor to certify ({@code ‖VᵀV − I‖ ≥ 1/2} or a non-finite bound).
     */
    public static EigenEnclosure of(QMatrix h) {
        if (!h.isSymmetric()) {
            throw new IllegalArgumentException("eigenvalue enclosures need a symmetric matrix");
        }
        int n = h.rows();
        if (n == 0) {
            return new EigenEnclosure(List.of(), new double[0], new DMatrixRMaj(0, 0), 0, 0);
        }
        BigInteger den = h.denominator();
        // Work with 2^−shift·H, its largest entry near 1, so that no entry overflows; scale back exactly.
        int shift = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                BigInteger x = h.numerator(i, j);
                if (x.signum() != 0) {
                    shift = Math.max(shift, x.bitLength() - den.bitLength());
                }
            }
        }
        if (shift == Integer.MIN_VALUE) {
            shift = 0;
        }
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        double[] eRow = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double[] ab = FloatBounds.approximate(h.numerator(i, j), den, shift);
                a.unsafe_set(i, j, ab[0]);
                a.unsafe_set(j, i, ab[0]);
                eRow[i] = FloatBounds.addUp(eRow[i], ab[1]);
                if (j != i) {
                    eRow[j] = FloatBounds.addUp(eRow[j], ab[1]);
                }
            }
        }
        double epsilon = max(eRow);

        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(a.copy())) {
            throw new ArithmeticException("the numeric eigendecomposition did not converge");
        }
        // columns of V in ascending order of the numeric eigenvalues (ties by EJML's index: deterministic)
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
            raw[k] = eig.getEigenvalue(k).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(raw[x], raw[y]) != 0 ? Double.compare(raw[x], raw[y]) : Integer.compare(x, y));
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        double[] lambda = new double[n];
        for (int k = 0; k < n; k++) {
            lambda[k] = raw[order[k]];
            DMatrixRMaj col = eig.getEigenVector(order[k]);
            if (col == null) {
                throw new ArithmeticException("the numeric eigendecomposition returned no eigenvector");
            }
            for (int i = 0; i < n; i++) {
                v.unsafe_set(i, k, col.unsafe_get(i, 0));
            }
        }

        DMatrixRMaj t = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, v, t);
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(v, t, c);
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multInner(v, g); // VᵀV, computing one triangle (any summation order satisfies (R2))

        double gamma = FloatBounds.gamma(n);
        double tiny = FloatBounds.underflowTerm(n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] vRows = absTimesUp(v, false, ones); // |V|·1
        double[] vtvRows = absTimesUp(v, true, vRows); // |Vᵀ||V|·1
        double[] avRows = absTimesUp(a, false, vRows); // |A||V|·1
        double[] vtavRows = absTimesUp(v, true, avRows); // |Vᵀ||A||V|·1
        double[] vttRows = absTimesUp(v, true, absTimesUp(t, false, ones)); // |Vᵀ||T̂|·1

        // α ≥ ‖VᵀV − I‖₂ ≤ maxᵢ Σⱼ (|ĝᵢⱼ − δᵢⱼ| + γ_n(|Vᵀ||V|)ᵢⱼ + tiny).
        double alpha = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double d = i == j ? Math.abs(g.unsafe_get(i, j) - 1) : Math.abs(g.unsafe_get(i, j));
                s = FloatBounds.addUp(s, i == j ? Math.nextUp(d) : d);
            }
            s = FloatBounds.addUp(s, FloatBounds.mulUp(gamma, vtvRows[i]));
            s = FloatBounds.addUp(s, FloatBounds.mulUp(n, tiny));
            alpha = Math.max(alpha, s);
        }
        if (!(alpha < 0.5)) {
            throw new ArithmeticException("the numeric eigenvectors are too far from orthogonal to certify (‖VᵀV − I‖ ≤ "
                    + alpha + ")");
        }
        double delta = FloatBounds.mulUp(FloatBounds.addUp(1, alpha), epsilon);

        // Gershgorin intervals of S = VᵀAV, widened by δ for P = Vᵀ(H − A)V.
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    r = FloatBounds.addUp(r, Math.abs(c.unsafe_get(i, j)));
                }
            }
            double f = FloatBounds.mulUp(gamma, FloatBounds.addUp(vttRows[i], vtavRows[i]));
            f = FloatBounds.addUp(f, FloatBounds.mulUp(2 * (double) n, tiny));
            r = FloatBounds.addUp(FloatBounds.addUp(r, f), delta);
            double center = c.unsafe_get(i, i);
            lo[i] = FloatBounds.addDown(center, -r);
            hi[i] = FloatBounds.addUp(center, r);
            if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
                throw new ArithmeticException("a Gershgorin bound is not finite");
            }
        }
        List<double[]> components = components(lo, hi);
        // Ostrowski: divide by 1 ± α, outward; merge overlapping images.
        double onePlus = FloatBounds.addUp(1, alpha);
        double oneMinus = Math.nextDown(1 - alpha);
        List<double[]> scaled = new ArrayList<>();
        for (double[] comp : components) {
            double l = comp[0] >= 0 ? FloatBounds.divDown(comp[0], onePlus) : FloatBounds.divDown(comp[0], oneMinus);
            double u = comp[1] >= 0 ? FloatBounds.divUp(comp[1], oneMinus) : FloatBounds.divUp(comp[1], onePlus);
            if (!scaled.isEmpty() && scaled.get(scaled.size() - 1)[1] >= l) {
                double[] last = scaled.get(scaled.size() - 1);
                last[1] = Math.max(last[1], u);
                last[2] += comp[2];
            } else {
                scaled.add(new double[] {l, u, comp[2]});
            }
        }
        BigFraction back = shift >= 0 ? Q.of(BigInteger.ONE.shiftLeft(shift))
                : Q.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(-shift));
        List<Cluster> out = new ArrayList<>();
        for (double[] s : scaled) {
            out.add(new Cluster(FloatBounds.exact(s[0]).multiply(back), FloatBounds.exact(s[1]).multiply(back), (int) s[2]));
        }
        for (int k = 0; k < n; k++) {
            lambda[k] = Math.scalb(lambda[k], shift);
        }
        return new EigenEnclosure(List.copyOf(out), lambda, v, alpha, Math.scalb(epsilon, shift));
    }

    /** Connected components of the union of {@code [loᵢ, hiᵢ]}: {lo, hi, count}, ascending. */
    private static List<double[]> components(double[] lo, double[] hi) {
        int n = lo.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(lo[x], lo[y]) != 0 ? Double.compare(lo[x], lo[y]) : Integer.compare(x, y));
        List<double[]> out = new ArrayList<>();
        for (int k : order) {
            if (!out.isEmpty() && out.get(out.size() - 1)[1] >= lo[k]) {
                double[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], hi[k]);
                last[2]++;
            } else {
                out.add(new double[] {lo[k], hi[k], 1});
            }
        }
        return out;
    }

    /**
     * An upper bound on {@code |M|·x} (or {@code |M|ᵀ·x} when {@code transpose}) for {@code x ≥ 0}, every
     * product and sum rounded upward.
     */
    private static double[] absTimesUp(DMatrixRMaj m, boolean transpose, double[] x) {
        int n = m.numRows;
        double[] out = new double[n];
        double[] d = m.data;
        if (!transpose) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    s = FloatBounds.addUp(s, FloatBounds.mulUp(Math.abs(d[row + j]), x[j]));
                }
                out[i] = s;
            }
        } else {
            for (int j = 0; j < n; j++) {
                int row = j * n;
                double xj = x[j];
                for (int i = 0; i < n; i++) {
                    out[i] = FloatBounds.addUp(out[i], FloatBounds.mulUp(Math.abs(d[row + i]), xj));
                }
            }
        }
        return out;
    }

    private static double max(double[] xs) {
        double m = 0;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The disjoint clusters, ascending; their counts sum to n. */
    public List<Cluster> clusters() {
        return clusters;
    }

    /** The number of eigenvalues certified negative (in clusters left of 0). */
    public int countNegative() {
        return clusters.stream().filter(Cluster::negative).mapToInt(Cluster::count).sum();
    }

    /** The number of eigenvalues certified positive (in clusters right of 0). */
    public int countPositive() {
        return clusters.stream().filter(Cluster::positive).mapToInt(Cluster::count).sum();
    }

    /** The cluster containing 0, if any (its eigenvalues are of unknown sign or zero). */
    public java.util.Optional<Cluster> aroundZero() {
        return clusters.stream().filter(c -> !c.negative() && !c.positive()).findFirst();
    }

    /** The cluster holding the k-th smallest eigenvalue (0-based, with multiplicity). */
    public Cluster clusterOf(int k) {
        int seen = 0;
        for (Cluster c : clusters) {
            seen += c.count();
            if (k < seen) {
                return c;
            }
        }
        throw new IndexOutOfBoundsException("eigenvalue " + k + " of " + seen);
    }

    /** NUMERIC: EJML's double eigenvalues of {@code fl(H)}, ascending (not certified; for comparisons only). */
    public double[] approximateEigenvalues() {
        return approximate.clone();
    }

    /** NUMERIC: EJML's eigenvector for the k-th smallest numeric eigenvalue (a copy; unit length up to rounding). */
    public double[] approximateEigenvector(int k) {
        int n = vectors.numRows;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = vectors.unsafe_get(i, k);
        }
        return x;
    }

    /** NUMERIC: {@code Σ_{j≠k} v_j (v_jᵀ r)/(λ̂_k − λ̂_j)}, the first-order correction of eigenvector k for residual r. */
    double[] correction(int k, double[] r) {
        int n = vectors.numRows;
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            if (j == k || approximate[j] == approximate[k]) {
                continue;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += vectors.unsafe_get(i, j) * r[i];
            }
            c[j] = s / (approximate[k] - approximate[j]);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += vectors.unsafe_get(i, j) * c[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** The certified bound α ≥ ‖VᵀV − I‖₂ used in Ostrowski's theorem. */
    public double orthogonalityDefect() {
        return orthogonalityDefect;
    }

    /** The certified bound ε ≥ ‖H − fl(H)‖₂ (up to the final rounding of the power-of-two scaling, NUMERIC as a figure). */
    public double roundingBound() {
        return roundingBound;
    }
}
