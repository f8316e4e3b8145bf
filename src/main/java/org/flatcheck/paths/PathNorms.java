package org.flatcheck.paths;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * Path norms [N15, G24] in O(P), without listing paths: {@code ‖v‖₁ = Σ_p |v_p|} and
 * {@code ‖v‖₂² = Σ_p v_p²}. Both are sums over paths of products of {@code φ(w_e)} with
 * {@code φ = |·|} or {@code φ = (·)²}, so one forward pass of {@code φ(W)} on the all-ones input computes
 * them: {@code s(start) = 1}, {@code s(v) = Σ_{e=(u→v)} φ(w_e) s(u)}, result {@code Σ_outputs s}.
 * Each {@code s(v)} is kept as a reduced fraction; each term {@code φ(w_e) s(u)} is reduced (one gcd of
 * small numbers, or a shift for the powers of two of float-derived weights) and the node's sum is formed
 * over the lcm of its terms' denominators, reduced once at the end.
 * So the numbers are only as large as the values themselves: the telescoping products of a rescaled chain
 * stay small, where one common denominator for the whole network (the lcm of every weight's denominator,
 * raised to the depth) made a rescaled 5000-layer chain take minutes.
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
        int n = net.nodes().size();
        BigInteger[] num = new BigInteger[n];
        BigInteger[] den = new BigInteger[n];
        java.util.Arrays.fill(num, BigInteger.ZERO);
        java.util.Arrays.fill(den, BigInteger.ONE);
        for (int v : net.nodesOf(Kind.INPUT)) {
            num[v] = BigInteger.ONE;
        }
        num[Network.SOURCE] = withBiases ? BigInteger.ONE : BigInteger.ZERO;
        Sum acc = new Sum();
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            if (kind != Kind.HIDDEN && kind != Kind.OUTPUT) {
                continue;
            }
            acc.clear();
            for (int k : net.inEdges(v)) {
                int u = net.edge(k).from();
                BigFraction w = net.edge(k).weight();
                if (num[u].signum() != 0 && !Q.isZero(w)) {
                    BigInteger pn = square ? w.getNumerator().multiply(w.getNumerator()) : w.getNumerator().abs();
                    BigInteger pd = square ? w.getDenominator().multiply(w.getDenominator()) : w.getDenominator();
                    acc.add(pn.multiply(num[u]), pd.multiply(den[u]));
                }
            }
            acc.reduce();
            num[v] = acc.num;
            den[v] = acc.den;
        }
        acc.clear();
        for (int v : net.nodesOf(Kind.OUTPUT)) {
            acc.add(num[v], den[v]);
        }
        return Q.of(acc.num, acc.den);
    }

    /** A sum of non-negative fractions over the lcm of their denominators, reduced once at the end. */
    private static final class Sum {
        BigInteger num = BigInteger.ZERO;
        BigInteger den = BigInteger.ONE;

        void clear() {
            num = BigInteger.ZERO;
            den = BigInteger.ONE;
        }

        void add(BigInteger n, BigInteger d) {
            if (!d.equals(BigInteger.ONE)) {
                // each term reduced first: a rescaling's c(v)/c(u) cancels within the term, so the lcm stays small
                BigInteger g = d.bitCount() == 1 ? BigInteger.ONE.shiftLeft(Math.min(d.getLowestSetBit(), n.getLowestSetBit()))
                        : n.gcd(d);
                if (!g.equals(BigInteger.ONE)) {
                    n = n.divide(g);
                    d = d.divide(g);
                }
            }
            if (d.equals(den)) {
                num = num.add(n);
            } else if (d.bitCount() == 1 && den.bitCount() == 1) {
                int shift = d.getLowestSetBit() - den.getLowestSetBit();
                if (shift > 0) {
                    num = num.shiftLeft(shift).add(n);
                    den = d;
                } else {
                    num = num.add(n.shiftLeft(-shift));
                }
            } else {
                BigInteger g = den.gcd(d);
                BigInteger l = den.divide(g).multiply(d);
                num = num.multiply(l.divide(den)).add(n.multiply(l.divide(d)));
                den = l;
            }
        }

        void reduce() {
            if (num.signum() == 0) {
                den = BigInteger.ONE;
                return;
            }
            BigInteger g = num.gcd(den);
            if (!g.equals(BigInteger.ONE)) {
                num = num.divide(g);
                den = den.divide(g);
            }
        }
    }
}
