package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.LayerScaling;

/**
 * Dinh et al. 2017, Thm 5, with Keskar et al. 2017, Metric 2.1. Keskar's ε-sharpness
 * {@code 100 · max_{|Δₖ| ≤ ε(|θₖ|+1)} (L(θ+Δ) − L(θ)) / (1 + L(θ))} is not a property of the function:
 * with the "+1" every coordinate may move by at least ε, so after a layer scaling that shrinks the last
 * layer below {@code ε/(1−ε)} the box around {@code T_αθ} contains the point with the last layer zeroed,
 * and the sharpness there is at least {@code 100 (L(zero output) − L)/(1 + L)}. The certificate: a
 * bias-free 2-3-1 network A fitted exactly (targets = its outputs, L = 0), an interval-arithmetic upper
 * bound U of A's sharpness, the scaling α, the zeroed point in the box, and its ratio, which exceeds U.
 */
public final class DinhKeskarSharpness implements Claim {
    static final BigFraction EPSILON = Q.of(1, 1000);

    @Override
    public String id() {
        return "dinh-keskar-sharpness";
    }

    @Override
    public String source() {
        return "Dinh et al. 2017 (ICML, arXiv 1703.04933), Thm 5; Keskar et al. 2017, Metric 2.1 (ε-sharpness)";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Dinh et al. 2017, Thm 5: for a one-hidden-layer rectifier network at a minimum, the ε-sharpness "
                + "(Keskar et al. 2017, Metric 2.1, which Dinh et al. restate over a Euclidean ball) can be made large "
                + "by an α-scale transformation without changing the function.";
    }

    @Override
    public String statement() {
        return "At an exact global minimum (targets = the network's outputs) of a random bias-free 2-3-1 ReLU "
                + "network, Keskar's sharpness with his box C_ε = {|y_i| ≤ ε(|θ_i| + 1)} (standing in for Dinh et al.'s "
                + "ball), ε = 10⁻³ and A = I, is larger at T_αθ than its certified upper bound at θ: the box at T_αθ "
                + "contains the network with the output layer zeroed. Squared loss.";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        Support.Fitted fitted = Support.fittedOneHiddenLayer(rnd);
        Network a = fitted.net();
        Dataset data = fitted.data();
        String an = c.network("A", a);
        String dn = c.dataset("D", data);
        Support.criticalPoint(c, an, a, dn, data);
        c.inputs().put("epsilon", Q.format(EPSILON)).put("architecture", "2-3-1, no biases, targets = f_A(x)");
        c.argument("Keskar's sharpness at A is at most the keskar_upper_bound (interval arithmetic over A's box). "
                + "T = T_α A computes A's function (group_image; loss equal). Z lies in T's box (in_keskar_box), so T's "
                + "sharpness is at least the ratio at Z, which is larger than A's upper bound.");
        BigFraction maxOut = BigFraction.ZERO;
        for (int k = 6; k < 9; k++) {
            maxOut = maxOut.compareTo(a.parameters()[k].abs()) >= 0 ? maxOut : a.parameters()[k].abs();
        }
        BigFraction limit = EPSILON.divide(BigFraction.ONE.subtract(EPSILON));
        BigFraction alpha = BigFraction.ONE;
        while (maxOut.divide(alpha).compareTo(limit) > 0) {
            alpha = alpha.multiply(10);
        }
        GroupElement g = LayerScaling.of(alpha, alpha.reciprocal());
        Network t = g.apply(a).withName("T");
        BigFraction[] z = t.parameters();
        for (int k = 6; k < 9; k++) {
            z[k] = BigFraction.ZERO;
        }
        Network zeroed = t.withParameters(z).withName("Z");
        String tn = c.network("T", t);
        String zn = c.network("Z", zeroed);
        c.check("witness", Support.groupImage(an, a, tn, g));
        c.relation("witness", Quantities.loss(tn, t, dn, data), RelationOp.EQ, Quantities.loss(an, a, dn, data), null);
        ObjectNode box = JsonNodeFactory.instance.objectNode();
        box.put("check", CheckKind.IN_KESKAR_BOX.wire()).put("center", tn).put("point", zn).put("epsilon", Q.format(EPSILON));
        c.check("witness", box);
        ObjectNode ratio = Quantities.keskarRatio(tn, t, zn, zeroed, dn, data);
        ObjectNode upper = JsonNodeFactory.instance.objectNode();
        upper.put("q", QuantityKind.KESKAR_UPPER_BOUND.wire()).put("value", Q.format(Boxes.keskarUpperBound(a, data, EPSILON)))
                .put("net", an).put("data", dn).put("epsilon", Q.format(EPSILON));
        boolean larger = Quantities.value(ratio).compareTo(Quantities.value(upper)) > 0;
        c.relation(larger ? "witness" : "counterexample", ratio, larger ? RelationOp.GT : RelationOp.LE, upper,
                "sharpness(T) > sharpness(A)");
        return c;
    }
}
