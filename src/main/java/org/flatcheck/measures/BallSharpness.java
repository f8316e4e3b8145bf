package org.flatcheck.measures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.IntervalLoss;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Network;

/**
 * Worst-case sharpness over a Euclidean ball in normalised coordinates {@code z}, {@code ‖z‖₂ ≤ ρ}, through a
 * chart {@code z ↦ θ(z)} with {@code θ(0) = θ}: {@code max_{‖z‖₂ ≤ ρ} L(θ(z)) − L(θ)}, certified. Parameters
 * that are 0 do not move ({@code zₖ = 0}).
 *
 * <p>The lower end is the exact increase at a witness point of the ball (candidates: the first-order maximiser
 * {@code z ∝ v ∘ ∇L} for the chart's velocity v, both signs, and a numeric ascent on the second-order model; each rescaled into the ball
 * by a rational upper bound of its norm, and checked exactly to lie in it); the upper end is interval bound
 * propagation ({@link IntervalLoss}) over boxes in z that cover the ball, mapped outward to parameter boxes by
 * the chart, refined by branch and bound with a fixed budget of {@value #BOXES} box evaluations, each box
 * clipped to the ball's shadow. Every step works in z and on quantities that rescalings keep, so for a chart
 * that commutes with positive diagonal scalings equivalent networks get the same two numbers.
 */
abstract class BallSharpness implements FlatnessMeasure {
    /** Box evaluations of the branch and bound (a count, so the result never depends on the machine). */
    static final int BOXES = 48;
    /** Clipped box sides are dyadic with this many fractional bits (short numbers keep the interval passes cheap). */
    static final int CLIP_BITS = 32;
    /** Steps of the numeric ascent that proposes witnesses. */
    private static final int ASCENT_STEPS = 60;
    /** Above this many parameters the numeric ascent (a dense double matrix) is skipped. */
    private static final int ASCENT_PARAMS = 400;

    /**
     * The point of the chart at z (exact), {@code ‖z‖₂ ≤ ρ}, or a nearby point certified to lie in the image of the
     * ball; null if none can be certified.
     */
    abstract BigFraction[] point(BigFraction[] theta, BigFraction[] c, BigFraction[] z, BigFraction rho);

    /** Maps a z-box {@code [zlo, zhi]} to a parameter box {@code [lo, hi]} that contains its image under the chart. */
    interface BoxMap {
        BigFraction[][] apply(BigFraction[] zlo, BigFraction[] zhi);
    }

    /** The box map at θ, made once per computation (it may cache what its boxes share). */
    abstract BoxMap boxes(BigFraction[] theta);

    /**
     * The chart's velocity {@code ∂θ(z)/∂zₖ} at z = 0 ({@code |θ|} for {@code θ + |θ| ∘ z}, θ for {@code θ ⊙ e^z}),
     * and whether its second derivative {@code ∂²θₖ/∂zₖ² = vₖ} adds {@code diag(v ∘ ∇L)} to the second-order model.
     */
    abstract BigFraction[] velocity(BigFraction[] theta);

    abstract boolean curved();

    /** How the chart is named in the value's note. */
    abstract String chart();

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        BigFraction rho = options.rho();
        BigFraction[] theta = net.parameters();
        if (theta.length == 0) {
            return Value.exact(BigFraction.ZERO); // nothing moves: the ball is the point θ
        }
        BigFraction[] c = new BigFraction[theta.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = theta[k].abs();
        }
        BigFraction loss = WorstCaseSharpness.lossAt(net, data, theta);
        BigFraction[] witness = theta;
        BigFraction best = BigFraction.ZERO;
        for (BigFraction[] z : candidates(net, data, velocity(theta), rho)) {
            BigFraction[] x = point(theta, c, z, rho);
            if (x == null) {
                continue;
            }
            BigFraction up = WorstCaseSharpness.lossAt(net, data, x).subtract(loss);
            if (up.compareTo(best) > 0) {
                best = up;
                witness = x;
            }
        }
        BigFraction upper = upperBound(net, data, theta, c, rho).subtract(loss);
        return new Value.Certified(Interval.of(best, Q.max(best, upper)), null,
                "lower end: exact increase at the witness " + chart() + " with ‖z‖₂ ≤ ρ certified (parameters in witness); "
                        + "upper end: interval bound propagation over " + BOXES + " boxes covering the ball",
                Arrays.asList(witness));
    }

    /** {@code θ + c ∘ z}. */
    static BigFraction[] shifted(BigFraction[] theta, BigFraction[] c, BigFraction[] z) {
        BigFraction[] x = new BigFraction[theta.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = theta[k].add(c[k].multiply(z[k]));
        }
        return x;
    }

    /** Candidate points z of the ball {@code ‖z‖₂ ≤ ρ}, each checked exactly to lie in it. */
    private List<BigFraction[]> candidates(Network net, Dataset data, BigFraction[] c, BigFraction rho) {
        List<BigFraction[]> out = new ArrayList<>();
        BigFraction[] v;
        QMatrix h;
        try {
            BigFraction[] g = Local.model(net, data).gradient().toArray();
            v = new BigFraction[c.length];
            for (int k = 0; k < c.length; k++) {
                v[k] = c[k].multiply(g[k]);
            }
            h = c.length <= ASCENT_PARAMS ? Local.hessian(net, data) : null;
        } catch (KinkException e) {
            return out; // at a kink: the witness is θ itself (increase 0), the upper end still holds
        }
        addScaled(out, v, rho);
        addScaled(out, negate(v), rho);
        if (h != null) {
            double[] d = ascent(v, h, c, curved(), rho);
            BigFraction[] w = new BigFraction[d.length];
            for (int k = 0; k < d.length; k++) {
                w[k] = Q.ofDouble(d[k]);
            }
            addScaled(out, w, rho);
        }
        return out;
    }

    /**
     * {@code ρ·w/u} with u a rational upper bound of {@code ‖w‖₂}, each entry rounded toward 0 to a short dyadic,
     * if w is not 0: a point of the ball.
     */
    private static void addScaled(List<BigFraction[]> out, BigFraction[] w, BigFraction rho) {
        BigFraction n2 = BigFraction.ZERO;
        for (BigFraction x : w) {
            n2 = n2.add(x.multiply(x));
        }
        if (Q.isZero(n2)) {
            return;
        }
        BigFraction f = rho.divide(SquareRoots.upper(n2, 64));
        BigFraction[] z = new BigFraction[w.length];
        BigFraction check = BigFraction.ZERO;
        for (int k = 0; k < w.length; k++) {
            BigFraction x = w[k].multiply(f);
            z[k] = Q.dyadic(x, CLIP_BITS + 8, Q.signum(x) < 0); // toward 0: the point stays in the ball
            check = check.add(z[k].multiply(z[k]));
        }
        if (check.compareTo(rho.multiply(rho)) > 0) {
            throw new IllegalStateException("a witness left the ball"); // cannot happen: u ≥ ‖w‖
        }
        out.add(z);
    }

    private static BigFraction[] negate(BigFraction[] v) {
        BigFraction[] n = new BigFraction[v.length];
        for (int k = 0; k < v.length; k++) {
            n[k] = v[k].negate();
        }
        return n;
    }

    /**
     * Numeric proposal only: fixed-point ascent {@code z ← ρ (v + Az)/‖v + Az‖} on the second-order model
     * {@code vᵀz + ½ zᵀAz}, {@code A = diag(c) H diag(c)} (plus {@code diag(v)} for a curved chart), from
     * {@code z ∝ v}. The caller rounds and rescales
     * the result exactly, so rounding here affects only how good the witness is.
     */
    private static double[] ascent(BigFraction[] v, QMatrix h, BigFraction[] c, boolean curved, BigFraction rho) {
        int p = v.length;
        double[][] a = new double[p][p];
        double[] vd = new double[p];
        for (int i = 0; i < p; i++) {
            vd[i] = v[i].doubleValue();
            for (int j = 0; j < p; j++) {
                a[i][j] = c[i].multiply(h.get(i, j)).multiply(c[j]).doubleValue();
            }
            if (curved) {
                a[i][i] += vd[i];
            }
        }
        double r = rho.doubleValue();
        double[] z = normalised(vd, r);
        if (z == null) {
            z = new double[p];
            z[0] = r; // no gradient: start along the first coordinate
        }
        for (int step = 0; step < ASCENT_STEPS; step++) {
            double[] next = vd.clone();
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    next[i] += a[i][j] * z[j];
                }
            }
            double[] n = normalised(next, r);
            if (n == null) {
                break;
            }
            z = n;
        }
        return z;
    }

    private static double[] normalised(double[] x, double r) {
        double s = 0;
        for (double y : x) {
            s += y * y;
        }
        if (!(s > 0) || !Double.isFinite(s)) {
            return null;
        }
        double f = r / Math.sqrt(s);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * f;
        }
        return out;
    }

    /** A box {@code [lo, hi]} in z with the loss bound over its image. */
    private record Box(BigFraction[] lo, BigFraction[] hi, BigFraction bound) {
    }

    /** An upper bound of {@code max L} over the ball, by branch and bound over boxes in z. */
    private BigFraction upperBound(Network net, Dataset data, BigFraction[] theta, BigFraction[] c, BigFraction rho) {
        int p = theta.length;
        BigFraction[] lo = new BigFraction[p];
        BigFraction[] hi = new BigFraction[p];
        for (int k = 0; k < p; k++) {
            boolean moves = !Q.isZero(c[k]);
            lo[k] = moves ? rho.negate() : BigFraction.ZERO;
            hi[k] = moves ? rho : BigFraction.ZERO;
        }
        PriorityQueue<Box> queue = new PriorityQueue<>((x, y) -> y.bound().compareTo(x.bound()));
        BoxMap map = boxes(theta);
        queue.add(box(net, data, map, lo, hi));
        for (int evaluations = 1; evaluations + 2 <= BOXES; ) {
            Box top = queue.poll();
            int k = widest(top);
            if (k < 0) {
                queue.add(top);
                break;
            }
            BigFraction mid = top.lo()[k].add(top.hi()[k]).divide(2);
            for (int half = 0; half < 2; half++) {
                BigFraction[] l = top.lo().clone();
                BigFraction[] u = top.hi().clone();
                if (half == 0) {
                    u[k] = mid;
                } else {
                    l[k] = mid;
                }
                if (clip(l, u, rho)) {
                    queue.add(box(net, data, map, l, u));
                    evaluations++;
                }
            }
            if (queue.isEmpty()) {
                throw new IllegalStateException("the ball fell out of every box"); // cannot happen: z = 0 is in one
            }
        }
        return queue.peek().bound();
    }

    private static Box box(Network net, Dataset data, BoxMap map, BigFraction[] lo, BigFraction[] hi) {
        BigFraction[][] p = map.apply(lo, hi);
        return new Box(lo, hi, IntervalLoss.upperBound(net, data, p[0], p[1]));
    }

    /** The coordinate of the widest side (first on ties), or −1 if the box is a point. */
    private static int widest(Box b) {
        int best = -1;
        BigFraction width = BigFraction.ZERO;
        for (int k = 0; k < b.lo().length; k++) {
            BigFraction w = b.hi()[k].subtract(b.lo()[k]);
            if (w.compareTo(width) > 0) {
                width = w;
                best = k;
            }
        }
        return best;
    }

    /**
     * Shrinks the box to the ball's shadow ({@code zₖ² ≤ ρ² − Σ_{j≠k} min zⱼ²}, with a rational upper bound of
     * the square root); false if the box misses the ball.
     */
    private static boolean clip(BigFraction[] lo, BigFraction[] hi, BigFraction rho) {
        BigFraction[] m = new BigFraction[lo.length];
        BigFraction sum = BigFraction.ZERO;
        for (int k = 0; k < lo.length; k++) {
            m[k] = Q.signum(lo[k]) > 0 ? lo[k].multiply(lo[k]) : Q.signum(hi[k]) < 0 ? hi[k].multiply(hi[k]) : BigFraction.ZERO;
            sum = sum.add(m[k]);
        }
        BigFraction room = rho.multiply(rho).subtract(sum);
        if (Q.signum(room) < 0) {
            return false;
        }
        for (int k = 0; k < lo.length; k++) {
            BigFraction r = SquareRoots.upper(room.add(m[k]), CLIP_BITS);
            lo[k] = Q.max(lo[k], r.negate());
            hi[k] = Q.min(hi[k], r);
        }
        return true;
    }
}
