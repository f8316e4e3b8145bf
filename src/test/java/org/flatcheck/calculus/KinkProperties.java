package org.flatcheck.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/**
 * Kinks are reported truthfully, on networks whose first hidden unit is put exactly on a kink (its bias set
 * to {@code −w·x₀}): the sites are exactly the zero pre-activations of the plain forward pass; the reason
 * never claims that no other pre-activation is 0 when one is; and where one site changes sign, what the
 * reason says about differentiability agrees with an independent route — the exact one-sided Taylor
 * coefficients of the loss along that unit's bias and along a random direction, by interpolation through
 * exact losses on each side.
 */
class KinkProperties {
    @Provide
    Arbitrary<NetworkAndData> kinked() {
        return Generators.networksWithData(Generators.layered(3, 3).filter(n -> n.hasBiases() && n.layers().orElseThrow().length >= 3)).map(KinkProperties::onKink);
    }

    /** The network with h1_0's bias set so that its pre-activation on data point 0 is exactly 0. */
    private static NetworkAndData onKink(NetworkAndData c) {
        Network net = c.net();
        int v = net.indexOf("h1_0");
        BigFraction[] theta = net.parameters();
        BigFraction z = BigFraction.ZERO;
        int bias = -1;
        for (int k = 0; k < theta.length; k++) {
            Edge e = net.edge(k);
            if (e.to() == v && e.isBias()) {
                bias = k;
            } else if (e.to() == v) {
                z = z.add(theta[k].multiply(c.data().input(0)[net.indexWithinLayer(e.from(), 0)]));
            }
        }
        theta[bias] = z.negate();
        return new NetworkAndData(net.withParameters(theta), c.data());
    }

    @Property(tries = 300)
    void everyZeroPreActivationIsASiteAndTheReasonIsTrue(@ForAll("kinked") NetworkAndData c, @ForAll long seed) {
        Network net = c.net();
        KinkException k = LocalModel.of(net, c.data()).kink().orElseThrow();
        Set<String> zeros = new HashSet<>();
        for (int i = 0; i < c.data().size(); i++) {
            Forward f = Forward.run(net, c.data().input(i));
            for (int v : net.nodesOf(Kind.HIDDEN)) {
                if (f.preActivation(v).getNumerator().signum() == 0) {
                    zeros.add(i + " " + net.node(v).name());
                }
            }
        }
        Set<String> listed = new HashSet<>();
        k.sites().forEach(s -> listed.add(s.point() + " " + s.node()));
        assertEquals(zeros, listed, "the sites are exactly the zero pre-activations");
        assertEquals(zeros.size(), k.sites().size(), "each once");
        assertTrue(listed.contains(k.point() + " " + k.node()), "the reported site is one of them");
        String reason = k.getMessage();
        if (k.sites().size() > 1) {
            assertFalse(reason.contains("no other pre-activation is 0"), reason);
            assertTrue(reason.contains((k.sites().size() - 1) + " other pre-activation"), reason);
        }
        long changing = k.sites().stream().filter(s -> !s.staysZero()).count();
        Statistics.label("sites").collect(k.sites().size() + " (" + changing + " changing sign)");
        if (changing == 1) {
            oneSidedExpansionsAgreeWithTheReason(net, c.data(), k, LocalModelProperties.randomDirection(net.numParameters(), seed));
        } else {
            assertTrue(reason.contains("need not be twice differentiable"), reason);
        }
    }

    private static void oneSidedExpansionsAgreeWithTheReason(Network net, Dataset data, KinkException k, BigFraction[] w) {
        int v = net.indexOf(k.node());
        BigFraction[] u = new BigFraction[net.numParameters()];
        for (int p = 0; p < u.length; p++) {
            u[p] = net.edge(p).to() == v && net.edge(p).isBias() ? BigFraction.ONE : BigFraction.ZERO;
        }
        BigFraction[] plus = LineInterpolation.oneSided(net, data, u, 1).orElseThrow();
        BigFraction[] minus = LineInterpolation.oneSided(net, data, u, -1).orElseThrow();
        boolean slopesDiffer = !plus[1].equals(minus[1]);
        boolean curvaturesDiffer = !plus[2].equals(minus[2]);
        String reason = k.getMessage();
        String verdict = reason.contains("is not differentiable at θ") ? "not differentiable"
                : reason.contains("not twice differentiable at θ") ? "not twice differentiable"
                : reason.contains("is twice differentiable at θ") ? "twice differentiable" : "?";
        Statistics.label("one changing site").collect(verdict);
        // along the bias the site's pre-activation moves at unit speed, so a gradient jump shows as a slope jump
        assertEquals(slopesDiffer, verdict.equals("not differentiable"), reason + "; slopes " + plus[1] + ", " + minus[1]);
        if (!slopesDiffer && curvaturesDiffer) {
            assertEquals("not twice differentiable", verdict, reason);
        }
        if (verdict.equals("twice differentiable")) {
            assertFalse(curvaturesDiffer, reason);
        }
        if (!verdict.equals("not differentiable")) {
            // equal gradients: equal one-sided slopes in every direction; equal Hessians: equal curvatures too
            BigFraction[] p = LineInterpolation.oneSided(net, data, w, 1).orElseThrow();
            BigFraction[] m = LineInterpolation.oneSided(net, data, w, -1).orElseThrow();
            assertEquals(p[1], m[1], reason + ": slopes along a random direction");
            if (verdict.equals("twice differentiable")) {
                assertEquals(p[2], m[2], reason + ": curvatures along a random direction");
            }
        }
    }
}
