package org.flatcheck.claims.verify;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * The checker's forward pass of second-order jets ({@link Jet}) through a network with a frozen
 * activation pattern, fraction-free: no greatest common divisor inside the pass.
 *
 * <p>Let {@code D} be the least common multiple of the denominators of every coefficient of every
 * parameter jet, and {@code E} that of the input's coordinates. Each parameter jet is held as the
 * integer jet {@code D·θₖ(t)}, each input coordinate as {@code E·xᵢ}, the bias source as {@code E}.
 * Every node value is then {@code N_v(t) / (E·D^{p_v})} with an integer jet {@code N_v} and
 * {@code p_v = max over in-edges (u, v) of p_u + 1}: an edge contributes {@code (Dθₖ)(t)·N_u(t)} over
 * {@code E·D^{p_u+1}}, which is brought to the common {@code E·D^{p_v}} by the integer factor
 * {@code D^{p_v − p_u − 1}}; products are truncated after {@code t²}. Only the outputs are divided
 * out, once each. In a layered network {@code p_v} is the layer index of v, so the integers grow by
 * about the parameters' bit length per layer, as the products themselves do.
 */
final class JetPass {
    private final Network net;
    private final BigInteger[][] param;
    private final BigInteger d;
    /** {@code log₂ D} when D is a power of two (dyadic parameters: scaling is a shift), else −1. */
    private final int shift;

    /** A pass along the parameter jets {@code params} (indexed like the network's edges). */
    JetPass(Network net, Jet[] params) {
        this.net = net;
        BigInteger lcm = BigInteger.ONE;
        for (Jet j : params) {
            lcm = lcm(lcm, j.a0().getDenominator());
            lcm = lcm(lcm, j.a1().getDenominator());
            lcm = lcm(lcm, j.a2().getDenominator());
        }
        this.d = lcm;
        this.shift = lcm.bitCount() == 1 ? lcm.getLowestSetBit() : -1;
        this.param = new BigInteger[params.length][];
        for (int k = 0; k < params.length; k++) {
            Jet j = params[k];
            param[k] = new BigInteger[] {scaled(j.a0(), lcm), scaled(j.a1(), lcm), scaled(j.a2(), lcm)};
        }
    }

    /** The outputs on input x, hidden node v active iff {@code active[v]}, as exact jets. */
    Jet[] outputs(BigFraction[] x, boolean[] active) {
        int size = net.nodes().size();
        BigInteger[][] num = new BigInteger[size][];
        int[] pow = new int[size];
        BigInteger e = BigInteger.ONE;
        for (BigFraction xi : x) {
            e = lcm(e, xi.getDenominator());
        }
        num[Network.SOURCE] = constant(e);
        int[] inputs = net.nodesOf(Kind.INPUT);
        for (int i = 0; i < inputs.length; i++) {
            num[inputs[i]] = constant(scaled(x[i], e));
        }
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            if (kind != Kind.HIDDEN && kind != Kind.OUTPUT || kind == Kind.HIDDEN && !active[v]) {
                continue; // not computed here, or inactive: the value 0 (null)
            }
            int p = -1;
            for (int k : net.inEdges(v)) {
                int u = net.edge(k).from();
                if (num[u] != null) {
                    p = Math.max(p, pow[u] + 1);
                }
            }
            BigInteger[] sum = null;
            for (int k : net.inEdges(v)) {
                int u = net.edge(k).from();
                if (num[u] != null) {
                    BigInteger[] term = raise(product(param[k], num[u]), p - pow[u] - 1);
                    sum = sum == null ? term : add(sum, term);
                }
            }
            num[v] = sum;
            pow[v] = Math.max(p, 0);
        }
        int[] outs = net.nodesOf(Kind.OUTPUT);
        Jet[] y = new Jet[outs.length];
        for (int j = 0; j < outs.length; j++) {
            BigInteger[] n = num[outs[j]];
            if (n == null) {
                y[j] = Jet.ZERO;
            } else {
                BigInteger den = e.multiply(d.pow(pow[outs[j]]));
                y[j] = new Jet(new BigFraction(n[0], den), new BigFraction(n[1], den), new BigFraction(n[2], den));
            }
        }
        return y;
    }

    private static BigInteger[] constant(BigInteger c) {
        return new BigInteger[] {c, BigInteger.ZERO, BigInteger.ZERO};
    }

    /** {@code a·b} truncated after t². */
    private static BigInteger[] product(BigInteger[] a, BigInteger[] b) {
        BigInteger c1 = mul(a[0], b[1]).add(mul(a[1], b[0]));
        BigInteger c2 = mul(a[0], b[2]).add(mul(a[1], b[1])).add(mul(a[2], b[0]));
        return new BigInteger[] {mul(a[0], b[0]), c1, c2};
    }

    private static BigInteger mul(BigInteger a, BigInteger b) {
        return a.signum() == 0 || b.signum() == 0 ? BigInteger.ZERO : a.multiply(b);
    }

    private static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
        return new BigInteger[] {a[0].add(b[0]), a[1].add(b[1]), a[2].add(b[2])};
    }

    /** {@code D^m · a}. */
    private BigInteger[] raise(BigInteger[] a, int m) {
        if (m == 0) {
            return a;
        }
        BigInteger[] r = new BigInteger[3];
        BigInteger f = shift >= 0 ? null : d.pow(m);
        for (int i = 0; i < 3; i++) {
            r[i] = shift >= 0 ? a[i].shiftLeft(shift * m) : a[i].multiply(f);
        }
        return r;
    }

    /** {@code q·m} for a multiple m of q's denominator: an integer. */
    private static BigInteger scaled(BigFraction q, BigInteger m) {
        return q.getNumerator().multiply(m.divide(q.getDenominator()));
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        return b.equals(BigInteger.ONE) || a.equals(b) ? a : a.divide(a.gcd(b)).multiply(b);
    }
}
