package org.flatcheck.calculus;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.WorkCount;
import org.flatcheck.network.Network;

/**
 * An estimate, from sizes and bit lengths alone and before any arithmetic, of the work of the exact
 * Hessian of {@link LocalModel}, in 64-bit word operations, so that commands can refuse work that would run
 * for hours instead of starting it.
 *
 * <p>The fraction-free passes ({@link ScaledPass}) scale every quantity of depth d by {@code E·Dᵈ}, with D
 * the lcm of the parameters' denominators and E the inputs'; the integers they multiply therefore have about
 * {@code b = bits(E) + bits(T) + m·(bits(D) + a) + x} bits, where a bounds the bits of a scaled weight
 * {@code D·w}, x those of an input or target numerator, T the targets' lcm and m the depth. Per data point
 * the passes do about {@code (K + 1)·P² + N·E'} multiply-adds (K outputs, P parameters, N nodes, E' edges:
 * the Gauss–Newton outer products, the second-order term and the node Jacobian), plus a fixed 64 per node and
 * edge (object and forward-pass costs, which dominate on tiny networks with many points), each costing about
 * {@code w²} word operations for {@code w = ⌈b/64⌉} words (schoolbook; BigInteger switches to faster
 * multiplication only far above the sizes that pass this limit). A single number of 10 000 bits in the
 * wrong place thus multiplies the estimate by 10⁴, as it multiplies the running time.
 */
public final class HessianCost {
    private HessianCost() {
    }

    /** The bits of the largest integer the passes multiply, as estimated above. */
    public static long bits(Network net, Dataset data) {
        BigFraction[] theta = net.parameters();
        BigInteger d = Q.commonDenominator(theta);
        long scaledWeight = 1;
        for (BigFraction w : theta) {
            long b = w.getNumerator().bitLength() + d.bitLength() - w.getDenominator().bitLength() + 1;
            scaledWeight = Math.max(scaledWeight, b);
        }
        BigInteger e = BigInteger.ONE;
        BigInteger t = BigInteger.ONE;
        long numerators = 1;
        for (int i = 0; i < data.size(); i++) {
            for (BigFraction x : data.input(i)) {
                e = lcm(e, x.getDenominator());
                numerators = Math.max(numerators, x.getNumerator().bitLength());
            }
            for (BigFraction y : data.target(i)) {
                t = lcm(t, y.getDenominator());
                numerators = Math.max(numerators, y.getNumerator().bitLength());
            }
        }
        long m = Math.max(1, net.depth());
        return e.bitLength() + t.bitLength() + m * (d.bitLength() + scaledWeight) + numerators;
    }

    /** The estimated word operations of the exact gradient and Hessian of {@code net} on {@code data}. */
    public static long hessian(Network net, Dataset data) {
        long words = bits(net, data) / 64 + 1;
        long p = net.numParameters();
        long nodes = net.nodes().size();
        long edges = net.edges().size();
        // plus a fixed cost per node and edge of each point (objects, the forward pass), which dominates on tiny networks
        long perPoint = WorkCount.plus(WorkCount.plus(WorkCount.times(net.numOutputs() + 1L, p, p), WorkCount.times(nodes, edges)), WorkCount.times(OVERHEAD, nodes + edges));
        return WorkCount.times(data.size(), perPoint, words, words);
    }

    /** The lcm, or (once it passes {@link #CAP} bits, where every estimate is refused anyway) the product. */
    /**
     * Why the Hessian of {@code net} on {@code data} is above {@code max} estimated word operations (naming
     * {@code flag}, the option that sets the limit), or null if it is not.
     */
    public static String refusal(Network net, Dataset data, long max, String flag) {
        long work = hessian(net, data);
        return work <= max ? null : "the exact Hessian of P = " + net.numParameters() + " parameters on " + data.size()
                + " data points, with numbers of about " + bits(net, data) + " bits, needs about " + WorkCount.approx(work)
                + " word operations, above " + flag + " " + max;
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        if (b.equals(BigInteger.ONE) || a.equals(b)) {
            return a;
        }
        return a.bitLength() > CAP ? a : a.divide(a.gcd(b)).multiply(b);
    }

    /** Word operations charged per node and per edge of every data point, whatever the sizes of the numbers. */
    private static final long OVERHEAD = 64;

    /** Past this many bits the estimate stops growing the lcm: the work is far beyond any limit already. */
    private static final int CAP = 1 << 20;

}
