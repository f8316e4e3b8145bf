package org.flatcheck.calculus;

import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Network;

/**
 * The independent route to directional derivatives: on θ's linear region, {@code t ↦ L(θ + t·u)} is a
 * polynomial of degree ≤ 2·depth, so exact interpolation through rational {@code t} near 0 (checked to
 * keep θ's activation pattern on every data point) yields its Taylor coefficients:
 * {@code c₁ = uᵀ∇L(θ)} and {@code 2c₂ = uᵀ∇²L(θ)u}. Only the plain rational forward pass
 * ({@link Forward}) is used, none of the fraction-free derivative code.
 */
public final class LineInterpolation {
    private LineInterpolation() {
    }

    /** {@code [c₀, c₁, …, c_deg]} of {@code L(θ + t·u)}, or empty if no step keeps the pattern. */
    static Optional<BigFraction[]> coefficients(Network net, Dataset data, BigFraction[] u) {
        return fit(net, data, u, 0);
    }

    /**
     * {@code [c₀, c₁, …, c_deg]} of the polynomial that equals {@code L(θ + t·u)} for small {@code t} of the
     * given sign ({@code sign = ±1}): nodes {@code 0, ±s, ±2s, …} with one activation pattern on every
     * node but 0, which agrees with θ's wherever θ's pre-activation is not 0 (θ may sit on a kink; the loss
     * is continuous, so the piece passes through L(θ)). Empty if no step keeps the pattern.
     */
    static Optional<BigFraction[]> oneSided(Network net, Dataset data, BigFraction[] u, int sign) {
        return fit(net, data, u, sign);
    }

    /**
     * {@code [c₀, c₁, …]} of {@code t ↦ L(θ + t·u + t²·v)} on θ's linear region (a polynomial of degree
     * ≤ 4·depth there), or empty if no step keeps the pattern: its {@code 2c₂ = uᵀ∇²L u + 2vᵀ∇L} is the second
     * derivative along the curve, e.g. of a chart {@code ξ ↦ θ ⊙ e^ξ} along {@code ξ = t·w} with
     * {@code u = θ ∘ w}, {@code v = θ ∘ w²/2}.
     */
    public static Optional<BigFraction[]> alongQuadraticCurve(Network net, Dataset data, BigFraction[] u, BigFraction[] v) {
        return fit(net, data, t -> {
            BigFraction[] theta = net.parameters();
            for (int k = 0; k < theta.length; k++) {
                theta[k] = theta[k].add(u[k].multiply(t)).add(v[k].multiply(t).multiply(t));
            }
            return net.withParameters(theta);
        }, 4 * Math.max(1, net.depth()), 0);
    }

    /** Both sides of 0 with θ's own pattern ({@code sign = 0}), or one side ({@code ±1}). */
    private static Optional<BigFraction[]> fit(Network net, Dataset data, BigFraction[] u, int sign) {
        return fit(net, data, t -> move(net, u, t), 2 * Math.max(1, net.depth()), sign);
    }

    /** {@code L(curve(t))}, a polynomial of degree ≤ {@code degree} near 0, fitted on one pattern. */
    private static Optional<BigFraction[]> fit(Network net, Dataset data,
            java.util.function.Function<BigFraction, Network> curve, int degree, int sign) {
        String at = patterns(net, data);
        BigFraction step = new BigFraction(sign == 0 ? 1 : sign, 16);
        for (int attempt = 0; attempt < 40; attempt++, step = step.divide(4)) {
            // degree + 2 nodes: one more than needed, so the degree bound itself is checked.
            int nodes = degree + 2;
            BigFraction[] ts = new BigFraction[nodes];
            BigFraction[] ls = new BigFraction[nodes];
            String pattern = sign == 0 ? at : patterns(curve.apply(step), data);
            boolean same = sign == 0 || agreesOffZeros(at, pattern);
            for (int j = 0; j < nodes && same; j++) {
                ts[j] = step.multiply(sign == 0 ? j - nodes / 2 : j);
                Network moved = curve.apply(ts[j]);
                same = sign != 0 && j == 0 || patterns(moved, data).equals(pattern);
                ls[j] = same ? loss(moved, data) : null;
            }
            if (same) {
                BigFraction[] c = interpolate(ts, ls);
                if (c[c.length - 1].getNumerator().signum() != 0) {
                    throw new AssertionError("loss along the curve has degree > " + degree);
                }
                return Optional.of(java.util.Arrays.copyOf(c, degree + 1));
            }
        }
        return Optional.empty();
    }

    /** Whether the pattern strings agree wherever θ's pre-activation is not 0 ('0' in {@code at}). */
    private static boolean agreesOffZeros(String at, String near) {
        for (int c = 0; c < at.length(); c++) {
            if (at.charAt(c) != '0' && at.charAt(c) != near.charAt(c)) {
                return false;
            }
        }
        return at.length() == near.length();
    }

    static Network move(Network net, BigFraction[] u, BigFraction t) {
        BigFraction[] theta = net.parameters();
        for (int k = 0; k < theta.length; k++) {
            theta[k] = theta[k].add(u[k].multiply(t));
        }
        return net.withParameters(theta);
    }

    public static BigFraction loss(Network net, Dataset data) {
        BigFraction s = BigFraction.ZERO;
        for (int i = 0; i < data.size(); i++) {
            BigFraction[] f = Forward.run(net, data.input(i)).outputs();
            BigFraction[] y = data.target(i);
            for (int k = 0; k < f.length; k++) {
                BigFraction r = f[k].subtract(y[k]);
                s = s.add(r.multiply(r));
            }
        }
        return s.divide(data.size());
    }

    private static String patterns(Network net, Dataset data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            sb.append(Forward.run(net, data.input(i)).pattern()).append('|');
        }
        return sb.toString();
    }

    /** Monomial coefficients of the interpolating polynomial (Newton form, then expanded). */
    static BigFraction[] interpolate(BigFraction[] ts, BigFraction[] ys) {
        int n = ts.length;
        BigFraction[] dd = ys.clone();
        for (int j = 1; j < n; j++) {
            for (int i = n - 1; i >= j; i--) {
                dd[i] = dd[i].subtract(dd[i - 1]).divide(ts[i].subtract(ts[i - j]));
            }
        }
        BigFraction[] c = new BigFraction[n];
        java.util.Arrays.fill(c, BigFraction.ZERO);
        for (int j = n - 1; j >= 0; j--) {
            // c ← c·(t − ts[j]) + dd[j]
            BigFraction[] next = new BigFraction[n];
            java.util.Arrays.fill(next, BigFraction.ZERO);
            for (int k = 0; k < n; k++) {
                if (k + 1 < n) {
                    next[k + 1] = next[k + 1].add(c[k]);
                }
                next[k] = next[k].subtract(c[k].multiply(ts[j]));
            }
            next[0] = next[0].add(dd[j]);
            c = next;
        }
        return c;
    }
}
