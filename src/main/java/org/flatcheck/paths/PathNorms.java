package org.flatcheck.paths;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * Path norms [N15, G24] in O(P), without listing paths: {@code ‖v‖₁ = Σ_p |v_p|} and
 * {@code ‖v‖₂² = Σ_p v_p²}. Both are sums over paths of products of {@code φ(w_e)} with
 * {@code φ = |·|} or {@code φ = (·)²}, so one forward pass of {@code φ(W)} on the all-ones input computes
 * them: {@code s(start) = 1}, {@code s(v) = Σ_{e=(u→v)} φ(w_e) s(u)}, result {@code Σ_outputs s}.
 * Fraction-free: with {@code D} the lcm of the denominators of {@code φ(w)}, each node's sum is held as
 * {@code s(v) = N_v / D^{k_v}} with an integer {@code N_v} and the smallest exponent its terms need:
 * {@code k_v = max_e (a_e + k_u)} over the edges {@code e = (u→v)} with nonzero terms, where
 * {@code a_e = 0} if {@code φ(w_e)} is an integer and 1 otherwise, and
 * {@code N_v = Σ_e Φ_e N_u D^{k_v − a_e − k_u}} with {@code Φ_e = D^{a_e} φ(w_e)}, after which factors
 * {@code D} dividing {@code N_v} are cancelled. Integral weights therefore never grow the numbers, nor do
 * the telescoping products of a rescaled chain, so a deep chain takes linear, not quadratic, memory.
 */
public final class PathNorms {
    private PathNorms() {
    }

    /** {@code Σ_p |v_p|}; with {@code withBiases}, paths starting with a bias count too. */
    public static BigFraction l1(Network net, boolean withBiases) {
        return sum(net, withBiases, false);
    }

    /** {@code Σ_p v_p²}; with {@code withBiases}, paths starting with a bias count too. */
    public static BigFraction l2Squared(Network net, boolean withBiases) {
        return sum(net, withBiases, true);
    }

    private static BigFraction sum(Network net, boolean withBiases, boolean square) {
        int p = net.numParameters();
        // Φ_e = D^{a_e}·φ(w_e) with D = lcm of the q (resp. q²) of the reduced weights p/q: no gcds needed.
        BigInteger d = denominatorLcm(net);
        if (square) {
            d = d.multiply(d);
        }
        BigInteger[] phi = new BigInteger[p];
        boolean[] scaled = new boolean[p];
        for (int k = 0; k < p; k++) {
            BigFraction w = net.edge(k).weight();
            BigInteger num = square ? w.getNumerator().multiply(w.getNumerator()) : w.getNumerator().abs();
            BigInteger den = square ? w.getDenominator().multiply(w.getDenominator()) : w.getDenominator();
            scaled[k] = !den.equals(BigInteger.ONE);
            phi[k] = scaled[k] ? scaleUp(num, den, d) : num;
        }
        Powers powers = new Powers(d);
        int n = net.nodes().size();
        BigInteger[] s = new BigInteger[n];
        int[] exponent = new int[n];
        java.util.Arrays.fill(s, BigInteger.ZERO);
        for (int v : net.nodesOf(Kind.INPUT)) {
            s[v] = BigInteger.ONE;
        }
        s[Network.SOURCE] = withBiases ? BigInteger.ONE : BigInteger.ZERO;
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            if (kind != Kind.HIDDEN && kind != Kind.OUTPUT) {
                continue;
            }
            int kv = 0;
            for (int k : net.inEdges(v)) {
                int u = net.edge(k).from();
                if (s[u].signum() != 0 && phi[k].signum() != 0) {
                    kv = Math.max(kv, exponent[u] + (scaled[k] ? 1 : 0));
                }
            }
            BigInteger acc = BigInteger.ZERO;
            for (int k : net.inEdges(v)) {
                int u = net.edge(k).from();
                if (s[u].signum() != 0 && phi[k].signum() != 0) {
                    BigInteger t = phi[k].multiply(s[u]);
                    acc = acc.add(powers.times(t, kv - exponent[u] - (scaled[k] ? 1 : 0)));
                }
            }
            // Strip factors of D the sum does not need: after a rescaling, the partial products of a chain
            // telescope to small numbers, and only this keeps them small.
            while (kv > 0 && acc.signum() != 0) {
                BigInteger[] qr = acc.divideAndRemainder(powers.of(1));
                if (qr[1].signum() != 0) {
                    break;
                }
                acc = qr[0];
                kv--;
            }
            s[v] = acc;
            exponent[v] = acc.signum() == 0 ? 0 : kv;
        }
        BigFraction total = BigFraction.ZERO;
        for (int v : net.nodesOf(Kind.OUTPUT)) {
            total = total.add(new BigFraction(s[v], powers.of(exponent[v])));
        }
        return total;
    }

    /** D^j, computed on demand and kept. */
    private static final class Powers {
        private final java.util.List<BigInteger> list = new java.util.ArrayList<>();

        Powers(BigInteger d) {
            list.add(BigInteger.ONE);
            list.add(d);
        }

        BigInteger of(int j) {
            while (list.size() <= j) {
                list.add(list.get(list.size() - 1).multiply(list.get(1)));
            }
            return list.get(j);
        }

        BigInteger times(BigInteger x, int j) {
            return j == 0 ? x : x.multiply(of(j));
        }
    }

    /** The lcm of the parameters' denominators; powers of two (float-derived weights) take no gcds. */
    static BigInteger denominatorLcm(Network net) {
        int twos = 0;
        BigInteger other = BigInteger.ONE;
        for (Edge e : net.edges()) {
            BigInteger q = e.weight().getDenominator();
            if (q.bitCount() == 1) {
                twos = Math.max(twos, q.getLowestSetBit());
            } else if (!other.mod(q).equals(BigInteger.ZERO)) {
                other = Q.lcm(other, q);
            }
        }
        int otherTwos = other.getLowestSetBit();
        return other.shiftLeft(Math.max(0, twos - otherTwos));
    }

    /** {@code num · (d / den)} for a {@code den} dividing {@code d}. */
    private static BigInteger scaleUp(BigInteger num, BigInteger den, BigInteger d) {
        if (den.bitCount() == 1 && d.bitCount() == 1) {
            return num.shiftLeft(d.getLowestSetBit() - den.getLowestSetBit());
        }
        return num.multiply(d.divide(den));
    }
}
