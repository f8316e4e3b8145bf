package org.flatcheck.claims.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/**
 * The checker's route (plain forward pass, Taylor jets) against flatcheck's main route (fraction-free
 * backward passes): loss, uᵀ∇L, uᵀ∇²u and the Hessian diagonal agree exactly on random networks.
 * Two independent implementations agreeing is what makes a certificate check meaningful.
 */
class IndependentEvaluatorProperties {
    @Provide
    Arbitrary<NetworkAndData> cases() {
        return Generators.networksWithData(Generators.networks());
    }

    @Property(tries = 300)
    void jetsAgreeWithTheBackwardPasses(@ForAll("cases") NetworkAndData c) {
        LocalModel m = LocalModel.of(c.net(), c.data());
        Assume.that(m.kink().isEmpty());
        assertEquals(m.loss(), IndependentEvaluator.loss(c.net(), c.data()));
        BigFraction[] u = new BigFraction[c.net().numParameters()];
        java.util.Random rnd = new java.util.Random(u.length);
        for (int k = 0; k < u.length; k++) {
            u[k] = new BigFraction(rnd.nextInt(7) - 3, 1 + rnd.nextInt(3));
        }
        Jet j = IndependentEvaluator.lossAlong(c.net(), c.data(), u);
        QMatrix h = m.hessian();
        assertEquals(m.loss(), j.a0());
        assertEquals(m.gradient().dot(QVector.of(u)), j.a1());
        assertEquals(QVector.of(u).dot(h.multiply(QVector.of(u))), j.second());
        BigFraction[] diag = IndependentEvaluator.hessianDiagonal(c.net(), c.data());
        for (int k = 0; k < diag.length; k++) {
            assertEquals(h.get(k, k), diag[k]);
        }
    }

    @Provide
    Arbitrary<org.flatcheck.network.Network> anyNetworks() {
        return Generators.networks();
    }

    /** The checker's forward path count agrees with the prover's backward count and with enumeration. */
    @Property(tries = 200)
    void pathCountsAgree(@ForAll("anyNetworks") org.flatcheck.network.Network net) {
        for (boolean biases : new boolean[] {false, true}) {
            assertEquals(org.flatcheck.paths.PathEnumerator.count(net, biases), CheckerPaths.pathCount(net, biases));
            assertEquals(CheckerPaths.pathCount(net, biases).intValueExact(), CheckerPaths.paths(net, biases).size());
        }
    }
}
