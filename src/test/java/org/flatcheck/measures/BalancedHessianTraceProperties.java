package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertTrue;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/** The trace at the norm-balanced point against networks that are their own balanced point. */
class BalancedHessianTraceProperties {
    @Provide
    Arbitrary<NetworkAndData> balancedOneHiddenLayer() {
        return Generators.networksWithData(Generators.layered(new int[] {1, 3, 1}, false).map(net -> {
            BigFraction[] theta = net.parameters();
            BigFraction[] in = new BigFraction[net.nodes().size()];
            for (int k = 0; k < theta.length; k++) {
                if (net.node(net.edge(k).to()).kind() == org.flatcheck.network.Node.Kind.HIDDEN) {
                    in[net.edge(k).to()] = theta[k];
                }
            }
            for (int k = 0; k < theta.length; k++) {
                int v = net.edge(k).from();
                if (net.node(v).kind() == org.flatcheck.network.Node.Kind.HIDDEN) {
                    theta[k] = Q.signum(theta[k]) < 0 ? in[v].abs().negate() : in[v].abs(); // |out_v| = |in_v|: balanced
                }
            }
            return net.withParameters(theta);
        }));
    }

    /**
     * A network with {@code ‖in_v‖ = ‖out_v‖} for every unit is its orbit's balanced point, so the measure holds its
     * own Hessian trace, computed directly — also after a random rescaling moves it off balance.
     */
    @Property(tries = 100, maxDiscardRatio = 10)
    void balancedTraceOfABalancedNetworkIsItsOwnTrace(@ForAll("balancedOneHiddenLayer") NetworkAndData c, @ForAll long seed) {
        RecentMeasuresProperties.assumeSmooth(c);
        BigFraction trace = LocalModel.of(c.net(), c.data()).hessian().trace();
        java.util.Random rnd = new java.util.Random(seed);
        Network moved = org.flatcheck.invariance.RandomCases.element(rnd, c.net(), org.flatcheck.symmetry.Symmetry.NODE_RESCALING)
                .apply(c.net());
        for (Network n : new Network[] {c.net(), moved}) {
            Value v = new BalancedHessianTrace().compute(n, c.data(), Options.DEFAULTS);
            Statistics.label("defined").collect(v instanceof Value.Certified);
            if (v instanceof Value.Certified cert) {
                assertTrue(cert.interval().contains(trace), cert.interval() + " holds tr H = " + trace);
            }
        }
        // not vacuous: most cases are certified (the rest have a unit without weights)
        Statistics.label("defined").coverage(k -> k.check(true).percentage(pc -> pc > 50));
    }

    /** A bias-free [2, 2, 2, 2] network with weights ±1: every unit has ‖in‖² = ‖out‖² = 2, its own balanced point. */
    @Provide
    Arbitrary<NetworkAndData> balancedDeep() {
        return Generators.networksWithData(Generators.layered(new int[] {2, 2, 2, 2}, false).map(net -> {
            BigFraction[] theta = net.parameters();
            for (int k = 0; k < theta.length; k++) {
                theta[k] = Q.signum(theta[k]) < 0 ? BigFraction.MINUS_ONE : BigFraction.ONE;
            }
            return net.withParameters(theta);
        }));
    }

    /** The coupled case (hidden units feed hidden units), certified by the Krawczyk test, against the same fact. */
    @Property(tries = 40, maxDiscardRatio = 10)
    void balancedTraceOfABalancedDeepNetworkIsItsOwnTrace(@ForAll("balancedDeep") NetworkAndData c, @ForAll long seed) {
        balancedTraceOfABalancedNetworkIsItsOwnTrace(c, seed);
    }

}
