package org.flatcheck.measures;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.ExpLog;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node;

/**
 * The norm-balanced point of a rescaling orbit when hidden units feed hidden units, certified. With
 * {@code u_v = ln c_v} on the hidden units, {@code ‖Dθ‖² = F(u) = Σₖ wₖ e^{aₖ·u}}, {@code wₖ = θₖ²},
 * {@code aₖ = 2(e_head − e_tail)} (hidden ends only): convex, and strictly convex and coercive when every hidden
 * unit has a nonzero incoming parameter and a nonzero outgoing weight (a direction d raises the term of a
 * nonzero edge on a path from the inputs to the unit where d is largest), so the minimiser u* is unique.
 *
 * <p>A NUMERIC solve (coordinate descent, each step the exact one-unit optimum
 * {@code e^{4u_v} = Σ_out wₖe^{2u_head} / Σ_in wₖe^{−2u_tail}}, then Newton steps) proposes ũ; a simplified
 * Newton iteration with enclosed exponentials refines it. Then the <b>Krawczyk test</b> (Krawczyk 1969; Moore,
 * Kearfott and Cloud, <i>Introduction to Interval Analysis</i>, SIAM 2009, §8.2) certifies it: for the box
 * {@code U = ũ + [−r, r]ⁿ}, any matrix Y and an interval enclosure {@code J(U)} of {@code ∇²F} over U, if
 * {@code K = ũ − Y∇F(ũ) + (I − Y J(U))(U − ũ)} lies in the interior of U, then ∇F has exactly one zero in U.
 * Every interval is computed with rational ends and outward enclosures of the exponentials ({@link ExpLog}).
 */
final class CoupledBalance {
    /** More coupled hidden units than this are not attempted (the Krawczyk test is O(n³) in exact arithmetic). */
    static final int MAX_UNITS = 120;
    private static final int BITS = 160;
    private static final int SWEEPS = 5000;

    private final int[] unit;
    private final int n;
    private final BigFraction[] w;
    private final int[][] a;

    private CoupledBalance(Network net) {
        unit = new int[net.nodes().size()];
        java.util.Arrays.fill(unit, -1);
        int count = 0;
        for (int v = 0; v < unit.length; v++) {
            if (net.node(v).kind() == Node.Kind.HIDDEN) {
                unit[v] = count++;
            }
        }
        n = count;
        int p = net.numParameters();
        w = new BigFraction[p];
        a = new int[p][];
        for (int k = 0; k < p; k++) {
            Edge e = net.edge(k);
            w[k] = e.weight().multiply(e.weight());
            a[k] = new int[] {unit[e.to()], unit[e.from()]}; // +2 at the head, −2 at the tail, −1 = not hidden
        }
    }

    /**
     * An enclosure of {@code u*} (one interval per hidden unit, in node order), or empty if the test failed (or the
     * network has more than {@value #MAX_UNITS} hidden units).
     */
    static Optional<Interval[]> of(Network net) {
        CoupledBalance b = new CoupledBalance(net);
        if (b.n > MAX_UNITS) {
            return Optional.empty();
        }
        double[] u = b.numeric();
        double[][] yd = invert(b.hessian(u));
        if (yd == null) {
            return Optional.empty();
        }
        BigFraction[][] y = new BigFraction[b.n][b.n];
        for (int i = 0; i < b.n; i++) {
            for (int j = 0; j < b.n; j++) {
                y[i][j] = Q.ofDouble(yd[i][j]);
            }
        }
        BigFraction[] ut = new BigFraction[b.n];
        for (int i = 0; i < b.n; i++) {
            ut[i] = Q.ofDouble(u[i]);
        }
        for (int step = 0; step < 6; step++) { // simplified Newton with the midpoints of enclosed gradients
            Interval[] g = b.gradient(ut);
            BigFraction[] next = new BigFraction[b.n];
            for (int i = 0; i < b.n; i++) {
                BigFraction s = BigFraction.ZERO;
                for (int j = 0; j < b.n; j++) {
                    s = s.add(y[i][j].multiply(g[j].midpoint()));
                }
                next[i] = Q.dyadic(ut[i].subtract(s), BITS, false);
            }
            ut = next;
        }
        for (int bits : new int[] {100, 70, 40}) {
            BigFraction r = Q.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(bits));
            if (b.krawczyk(ut, r, y)) {
                Interval[] box = new Interval[b.n];
                for (int i = 0; i < b.n; i++) {
                    box[i] = Interval.of(ut[i].subtract(r), ut[i].add(r));
                }
                return Optional.of(box);
            }
        }
        return Optional.empty();
    }

    /** Enclosure of {@code sign·aₖ·u} over the box u ∈ U, {@code aₖ·u = 2u_head − 2u_tail} (hidden ends only). */
    private static Interval exponent(int[] ak, Interval[] u, int sign) {
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        if (ak[0] >= 0) {
            lo = lo.add(u[ak[0]].lo().multiply(2));
            hi = hi.add(u[ak[0]].hi().multiply(2));
        }
        if (ak[1] >= 0) {
            lo = lo.subtract(u[ak[1]].hi().multiply(2));
            hi = hi.subtract(u[ak[1]].lo().multiply(2));
        }
        return sign > 0 ? Interval.of(lo, hi) : Interval.of(hi.negate(), lo.negate());
    }

    /** An outward enclosure of {@code e^x} over {@code x ∈ [lo, hi]}. */
    static Interval exp(Interval x) {
        return Interval.of(ExpLog.exp(x.lo(), BITS).lo(), ExpLog.exp(x.hi(), BITS).hi());
    }

    /** Enclosure of {@code Σₖ dₖ e^{−aₖ·u}} over the box U: the Hessian trace at the rescaled point, for d = diag H. */
    static Interval weightedSum(Network net, BigFraction[] d, Interval[] u) {
        CoupledBalance b = new CoupledBalance(net);
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        for (int k = 0; k < d.length; k++) {
            if (Q.isZero(d[k])) {
                continue;
            }
            Interval e = b.a[k][0] < 0 && b.a[k][1] < 0 ? Interval.point(BigFraction.ONE) : exp(exponent(b.a[k], u, -1));
            BigFraction x = d[k].multiply(e.lo());
            BigFraction y = d[k].multiply(e.hi());
            lo = lo.add(Q.min(x, y));
            hi = hi.add(Q.max(x, y));
        }
        return Interval.of(lo, hi);
    }

    /** Enclosure of ∇F at the point ũ. */
    private Interval[] gradient(BigFraction[] ut) {
        Interval[] u = new Interval[n];
        for (int i = 0; i < n; i++) {
            u[i] = Interval.point(ut[i]);
        }
        return gradient(u);
    }

    /** Enclosure of ∇F over the box U: {@code Σₖ wₖ aₖ e^{aₖ·u}}. */
    private Interval[] gradient(Interval[] u) {
        BigFraction[] lo = zeros(n);
        BigFraction[] hi = zeros(n);
        for (int k = 0; k < w.length; k++) {
            if (Q.isZero(w[k]) || a[k][0] < 0 && a[k][1] < 0) {
                continue;
            }
            Interval e = exp(exponent(a[k], u, 1));
            for (int end = 0; end < 2; end++) {
                if (a[k][end] >= 0) {
                    BigFraction c = w[k].multiply(end == 0 ? 2 : -2);
                    BigFraction x = c.multiply(e.lo());
                    BigFraction y = c.multiply(e.hi());
                    lo[a[k][end]] = lo[a[k][end]].add(Q.min(x, y));
                    hi[a[k][end]] = hi[a[k][end]].add(Q.max(x, y));
                }
            }
        }
        Interval[] g = new Interval[n];
        for (int i = 0; i < n; i++) {
            g[i] = Interval.of(lo[i], hi[i]);
        }
        return g;
    }

    /** The Krawczyk test on {@code ũ + [−r, r]ⁿ} with the preconditioner Y. */
    private boolean krawczyk(BigFraction[] ut, BigFraction r, BigFraction[][] y) {
        Interval[] box = new Interval[n];
        for (int i = 0; i < n; i++) {
            box[i] = Interval.of(ut[i].subtract(r), ut[i].add(r));
        }
        // J(U) = Σₖ wₖ aₖaₖᵀ e^{aₖ·U}, entries as intervals
        BigFraction[][] jl = new BigFraction[n][n];
        BigFraction[][] jh = new BigFraction[n][n];
        for (int i = 0; i < n; i++) {
            jl[i] = zeros(n);
            jh[i] = zeros(n);
        }
        for (int k = 0; k < w.length; k++) {
            if (Q.isZero(w[k]) || a[k][0] < 0 && a[k][1] < 0) {
                continue;
            }
            Interval e = exp(exponent(a[k], box, 1));
            for (int s = 0; s < 2; s++) {
                for (int t = 0; t < 2; t++) {
                    int i = a[k][s];
                    int j = a[k][t];
                    if (i < 0 || j < 0) {
                        continue;
                    }
                    BigFraction c = w[k].multiply((s == 0 ? 2 : -2) * (t == 0 ? 2 : -2));
                    BigFraction x = c.multiply(e.lo());
                    BigFraction z = c.multiply(e.hi());
                    jl[i][j] = jl[i][j].add(Q.min(x, z));
                    jh[i][j] = jh[i][j].add(Q.max(x, z));
                }
            }
        }
        Interval[] g = gradient(ut);
        for (int i = 0; i < n; i++) {
            // (Y g)_i, then the magnitude of row i of (I − Y J) times r
            BigFraction ylo = BigFraction.ZERO;
            BigFraction yhi = BigFraction.ZERO;
            for (int j = 0; j < n; j++) {
                BigFraction x = y[i][j].multiply(g[j].lo());
                BigFraction z = y[i][j].multiply(g[j].hi());
                ylo = ylo.add(Q.min(x, z));
                yhi = yhi.add(Q.max(x, z));
            }
            BigFraction spread = BigFraction.ZERO;
            for (int j = 0; j < n; j++) {
                BigFraction lo = i == j ? BigFraction.ONE : BigFraction.ZERO;
                BigFraction hi = lo;
                for (int m = 0; m < n; m++) {
                    if (Q.isZero(y[i][m])) {
                        continue;
                    }
                    BigFraction x = y[i][m].multiply(jl[m][j]);
                    BigFraction z = y[i][m].multiply(jh[m][j]);
                    lo = lo.subtract(Q.max(x, z));
                    hi = hi.subtract(Q.min(x, z));
                }
                spread = spread.add(Q.max(lo.abs(), hi.abs()));
            }
            BigFraction kLo = ut[i].subtract(yhi).subtract(spread.multiply(r));
            BigFraction kHi = ut[i].subtract(ylo).add(spread.multiply(r));
            if (kLo.compareTo(box[i].lo()) <= 0 || kHi.compareTo(box[i].hi()) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** NUMERIC: coordinate descent to the one-unit optima, then Newton steps; u = 0 off the hidden units. */
    private double[] numeric() {
        double[] u = new double[n];
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double change = 0;
            for (int v = 0; v < n; v++) {
                double num = 0;
                double den = 0;
                for (int k = 0; k < w.length; k++) {
                    double wk = w[k].doubleValue();
                    if (a[k][1] == v) { // v is the tail: outgoing, term wₖ e^{2u_head − 2u_v}
                        num += wk * StrictMath.exp(2 * (a[k][0] >= 0 ? u[a[k][0]] : 0));
                    } else if (a[k][0] == v) { // incoming, term wₖ e^{2u_v − 2u_tail}
                        den += wk * StrictMath.exp(-2 * (a[k][1] >= 0 ? u[a[k][1]] : 0));
                    }
                }
                double next = StrictMath.log(num / den) / 4;
                if (Double.isFinite(next)) {
                    change = Math.max(change, Math.abs(next - u[v]));
                    u[v] = next;
                }
            }
            if (change < 1e-15) {
                break;
            }
        }
        for (int step = 0; step < 5; step++) {
            double[][] hs = hessian(u);
            double[] g = new double[n];
            for (int k = 0; k < w.length; k++) {
                double e = w[k].doubleValue() * StrictMath.exp(dot(a[k], u));
                if (a[k][0] >= 0) {
                    g[a[k][0]] += 2 * e;
                }
                if (a[k][1] >= 0) {
                    g[a[k][1]] -= 2 * e;
                }
            }
            double[][] inv = invert(hs);
            if (inv == null) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += inv[i][j] * g[j];
                }
                u[i] -= s;
            }
        }
        return u;
    }

    private double[][] hessian(double[] u) {
        double[][] h = new double[n][n];
        for (int k = 0; k < w.length; k++) {
            double e = w[k].doubleValue() * StrictMath.exp(dot(a[k], u));
            for (int s = 0; s < 2; s++) {
                for (int t = 0; t < 2; t++) {
                    if (a[k][s] >= 0 && a[k][t] >= 0) {
                        h[a[k][s]][a[k][t]] += e * (s == 0 ? 2 : -2) * (t == 0 ? 2 : -2);
                    }
                }
            }
        }
        return h;
    }

    private static double dot(int[] ak, double[] u) {
        return (ak[0] >= 0 ? 2 * u[ak[0]] : 0) - (ak[1] >= 0 ? 2 * u[ak[1]] : 0);
    }

    /** NUMERIC: Gauss–Jordan inverse with partial pivoting, or null if singular. */
    private static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] x = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, x[i], 0, n);
            x[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(x[i][c]) > Math.abs(x[p][c])) {
                    p = i;
                }
            }
            if (!(Math.abs(x[p][c]) > 0)) {
                return null;
            }
            double[] t = x[p];
            x[p] = x[c];
            x[c] = t;
            double piv = x[c][c];
            for (int j = 0; j < 2 * n; j++) {
                x[c][j] /= piv;
            }
            for (int i = 0; i < n; i++) {
                if (i != c && x[i][c] != 0) {
                    double f = x[i][c];
                    for (int j = 0; j < 2 * n; j++) {
                        x[i][j] -= f * x[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** n zeros. */
    static BigFraction[] zeros(int n) {
        BigFraction[] z = new BigFraction[n];
        java.util.Arrays.fill(z, BigFraction.ZERO);
        return z;
    }
}
