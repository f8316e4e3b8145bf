package org.flatcheck.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QVector;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;

class LocalModelTest {
    private static Dataset data(long... xy) {
        BigFraction[][] x = new BigFraction[xy.length / 2][1];
        BigFraction[][] y = new BigFraction[xy.length / 2][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = Q.of(xy[2 * i]);
            y[i][0] = Q.of(xy[2 * i + 1]);
        }
        return Dataset.of(x, y);
    }

    /** Found by LocalModelProperties: a hidden chain deeper than every output once overran the powers of D. */
    @Test
    void hiddenChainDeeperThanEveryOutputIsHandled() {
        // x → h0 → h1 → h2 → h3 plus the skip x → h3 (depth 4), while y (depth 1) reads only x.
        Network net = Network.builder("dead-end").input("x").hidden("h0").hidden("h1").hidden("h2").hidden("h3")
                .output("y").edge("x", "h0", Q.of(1, 2)).edge("h0", "h1", Q.of(3)).edge("h1", "h2", Q.of(2, 3))
                .edge("h2", "h3", Q.of(1)).edge("x", "h3", Q.of(5, 7)).edge("x", "y", Q.of(-1, 5)).build();
        Dataset d = data(1, 2, 3, -1);
        LocalModel m = LocalModel.of(net, d);
        BigFraction[] u = {Q.of(1), Q.of(-2), Q.of(3, 2), Q.of(1, 3), Q.of(5), Q.of(-1, 4)};
        BigFraction[] c = LineInterpolation.coefficients(net, d, u).orElseThrow();
        QVector uv = QVector.of(u);
        assertEquals(c[1], m.gradient().dot(uv));
        assertEquals(c[2].multiply(2), m.hessian().multiply(uv).dot(uv));
    }

    /** f = w₂ relu(w₁ x): L, ∇L, ∇²L by hand on x = 1, y = 0 with w₁ = 2, w₂ = 3 (f = 6). */
    @Test
    void oneUnitNetworkMatchesHandDerivatives() {
        Network net = Network.builder("1-1-1").input("x").hidden("h").output("y")
                .edge("x", "h", Q.of(2)).edge("h", "y", Q.of(3)).build();
        LocalModel m = LocalModel.of(net, data(1, 0));
        // L = (w₁w₂)², ∇L = (2w₁w₂², 2w₁²w₂), ∇²L = [[2w₂², 4w₁w₂], [4w₁w₂, 2w₁²]].
        assertEquals(Q.of(36), m.loss());
        assertEquals(QVector.of(Q.of(36), Q.of(24)), m.gradient());
        assertEquals(Q.of(18), m.hessian().get(0, 0));
        assertEquals(Q.of(24), m.hessian().get(0, 1));
        assertEquals(Q.of(8), m.hessian().get(1, 1));
    }

    /**
     * x = 0 and no bias keep h0's pre-activation at 0 for every θ' near θ: still reported, but the message
     * says the zero stays 0; a zero that changes sign (h1 = relu(x − 1) at x = 1) is the one named when both
     * occur, and the other is still listed.
     */
    @Test
    void aPreActivationThatStaysZeroIsReportedAsSuchAndAfterGenuineKinks() {
        Network net = Network.builder("zero").input("x").hidden("h0").hidden("h1").output("y")
                .edge("x", "h0", Q.of(2)).edge("x", "h1", Q.of(1)).bias("h1", Q.of(-1))
                .edge("h0", "y", Q.of(3)).edge("h1", "y", Q.of(1)).build();
        KinkException constant = LocalModel.of(net, data(0, 1)).kink().orElseThrow();
        assertEquals("h0", constant.node());
        assertTrue(constant.getMessage().contains("stays 0 near θ") && constant.getMessage().contains("polynomial"),
                constant.getMessage());
        KinkException genuine = LocalModel.of(net, data(0, 1, 1, 0)).kink().orElseThrow();
        assertEquals("h1", genuine.node());
        assertEquals(1, genuine.point());
        assertEquals(List.of(new KinkException.Site(0, "h0", true), new KinkException.Site(1, "h1", false)), genuine.sites());
        assertTrue(genuine.getMessage().contains("1 other pre-activation is 0 too (h0 on data point 0)")
                && genuine.getMessage().contains("not differentiable"), genuine.getMessage());
        assertFalse(genuine.getMessage().contains("polynomial"), genuine.getMessage());
        KinkException withBias = LocalModel.of(net, data(1, 0)).kink().orElseThrow();
        assertTrue(withBias.getMessage().contains("not differentiable"), "h1 has a bias: " + withBias.getMessage());
    }

    /** x = (0, 0) without biases: both hidden units vanish, both are listed, neither is said to be alone. */
    @Test
    void twoUnitsVanishingAtTheOriginAreBothListed() {
        Network net = org.flatcheck.network.Layered.of("origin", new int[] {2, 2, 1},
                new BigFraction[][][] {{{Q.of(1), Q.of(-1)}, {Q.of(-1), Q.of(2)}}, {{Q.of(1), Q.of(1)}}}, null);
        Dataset d = Dataset.of(new BigFraction[][] {{Q.of(0), Q.of(0)}, {Q.of(1), Q.of(3)}},
                new BigFraction[][] {{Q.of(1)}, {Q.of(2)}});
        KinkException k = LocalModel.of(net, d).kink().orElseThrow();
        assertEquals(List.of(new KinkException.Site(0, "h1_0", true), new KinkException.Site(0, "h1_1", true)), k.sites());
        String reason = k.getMessage();
        assertFalse(reason.contains("no other pre-activation is 0"), reason);
        assertTrue(reason.contains("1 other pre-activation is 0 too (h1_1 on data point 0)")
                && reason.contains("each of them stays 0 near θ") && reason.contains("polynomial"), reason);
    }

    /**
     * f = relu(x − 1) fitted exactly at x = 1 (residual 0): the one-sided gradients are both 0 but the
     * one-sided Hessians are 2∇z∇zᵀ and 0, so the loss is differentiable and not twice differentiable.
     */
    @Test
    void aKinkAtAnExactFitIsDifferentiableButNotTwice() {
        String reason = reasonAt(Network.builder("fit").input("x").hidden("h").output("y")
                .edge("x", "h", Q.of(1)).bias("h", Q.of(-1)).edge("h", "y", Q.of(1)).build(), data(1, 0));
        assertTrue(reason.contains("differentiable but not twice differentiable at θ"), reason);
    }

    /**
     * h1 sits on a kink at x = 1 but feeds only h2, which stays strictly negative nearby: the loss does not
     * see h1 there, both sides agree, and the reason says the loss is twice differentiable.
     */
    @Test
    void aKinkThatNoOutputSeesLeavesTheLossTwiceDifferentiable() {
        String reason = reasonAt(Network.builder("unseen").input("x").hidden("h1").hidden("h2").output("y")
                .edge("x", "h1", Q.of(1)).bias("h1", Q.of(-1)).edge("h1", "h2", Q.of(1)).bias("h2", Q.of(-5))
                .edge("h2", "y", Q.of(1)).edge("x", "y", Q.of(2)).build(), data(1, 0));
        assertTrue(reason.contains("so the loss is twice differentiable at θ"), reason);
    }

    private static String reasonAt(Network net, Dataset d) {
        return LocalModel.of(net, d).kink().orElseThrow().getMessage();
    }

    /** Two units changing sign on one point: several regions meet, and the reason does not decide more. */
    @Test
    void twoKinksThatChangeSignAreNotDecided() {
        String reason = reasonAt(Network.builder("two").input("x").hidden("h0").hidden("h1").output("y")
                .edge("x", "h0", Q.of(1)).bias("h0", Q.of(-1)).edge("x", "h1", Q.of(2)).bias("h1", Q.of(-2))
                .edge("h0", "y", Q.of(1)).edge("h1", "y", Q.of(1)).build(), data(1, 3));
        assertTrue(reason.contains("1 other pre-activation is 0 too (h1 on data point 0)")
                && reason.contains("2 of these take both signs") && reason.contains("need not be twice differentiable"), reason);
    }
}
