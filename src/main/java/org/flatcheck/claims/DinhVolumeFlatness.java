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
 * Dinh et al. 2017, Def 1 and Thm 2: the volume ε-flatness of a one-hidden-layer ReLU network is infinite — the
 * connected component of {@code {θ' : L(θ') ≤ L(θ) + ε}} containing θ has unbounded volume. The
 * certificate: a box B₀ around θ inside the sublevel set (interval arithmetic), and for
 * {@code α = 2⁴, 2⁸, 2¹⁶, 2³²} the boxes {@code T_α B₀} (first layer ×α, second ÷α), each checked to lie in
 * the sublevel set by its own interval bound, to contain {@code T_αθ} (which computes θ's function), and
 * to have volume {@code α^{n₁−n₂} vol(B₀)} (n₁ = 6 > n₂ = 3 parameters): volumes without bound.
 */
public final class DinhVolumeFlatness implements Claim {
    static final BigFraction LEVEL = Q.of(1, 100);

    @Override
    public String id() {
        return "dinh-volume-flatness";
    }

    @Override
    public String source() {
        return "Dinh et al. 2017 (ICML, arXiv 1703.04933), Def 1 and Thm 2";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Dinh et al. 2017, Def 1 and Thm 2: for a one-hidden-layer rectifier network at a minimum θ with θ₁ ≠ "
                + "0 and θ₂ ≠ 0, for every ε > 0 the connected component of {θ′ : L(θ′) < L(θ) + ε} containing θ has "
                + "infinite volume (infinite volume ε-flatness).";
    }

    @Override
    public String statement() {
        return "For a 2-3-1 ReLU network and ε = 1/100, the connected component of the sublevel set {L ≤ L(θ) + ε} "
                + "containing θ holds boxes of unbounded volume: the orbit of θ under layer scalings stays in the set, "
                + "and a growing family of boxes around it does (each box's loss bounded by interval arithmetic).";
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
        BigFraction[] theta = a.parameters();
        BigFraction r = BigFraction.ONE;
        BigFraction[] lo;
        BigFraction[] hi;
        while (true) {
            lo = new BigFraction[theta.length];
            hi = new BigFraction[theta.length];
            for (int k = 0; k < theta.length; k++) {
                lo[k] = theta[k].subtract(r);
                hi[k] = theta[k].add(r);
            }
            if (Boxes.lossUpperBound(a, data, lo, hi).compareTo(LEVEL) <= 0) {
                break;
            }
            r = r.divide(2);
        }
        c.inputs().put("epsilon", Q.format(LEVEL)).put("box_half_width", Q.format(r)).put("architecture", "2-3-1, no biases, L(θ) = 0");
        c.argument("Each box is convex, lies in the sublevel set (its loss upper bound ≤ ε) and contains T_αθ; the curve "
                + "α ↦ T_αθ stays in the level set (loss equal, claim function-invariance), so all boxes lie in θ's component; "
                + "their volumes grow without bound (α³ vol(B₀)).");
        c.relation("witness", Quantities.loss(an, a, dn, data), RelationOp.EQ, Quantities.constant(BigFraction.ZERO),
                "θ fits the data exactly");
        int[] powers = context.quick() ? new int[] {0, 4, 8} : new int[] {0, 4, 8, 16, 32};
        for (int e : powers) {
            BigFraction alpha = Q.of(java.math.BigInteger.TWO.pow(e));
            GroupElement g = LayerScaling.of(alpha, alpha.reciprocal());
            Network t = g.apply(a).withName("T" + e);
            String tn = c.network("T" + e, t);
            BigFraction[] l = new BigFraction[theta.length];
            BigFraction[] h = new BigFraction[theta.length];
            for (int k = 0; k < theta.length; k++) {
                BigFraction f = k < 6 ? alpha : alpha.reciprocal();
                l[k] = lo[k].multiply(f);
                h[k] = hi[k].multiply(f);
            }
            c.check("witness", Support.groupImage(an, a, tn, g));
            c.relation("witness", Quantities.loss(tn, t, dn, data), RelationOp.EQ, Quantities.loss(an, a, dn, data), "α = 2^" + e);
            ObjectNode in = JsonNodeFactory.instance.objectNode();
            in.put("check", CheckKind.IN_BOX.wire()).put("net", tn);
            in.set("lo", Quantities.array(l));
            in.set("hi", Quantities.array(h));
            c.check("witness", in);
            ObjectNode bound = JsonNodeFactory.instance.objectNode();
            bound.put("q", QuantityKind.LOSS_UPPER_BOUND_ON_BOX.wire()).put("value", Q.format(Boxes.lossUpperBound(t, data, l, h)))
                    .put("net", tn).put("data", dn);
            bound.set("lo", Quantities.array(l));
            bound.set("hi", Quantities.array(h));
            boolean inside = Quantities.value(bound).compareTo(LEVEL) <= 0;
            c.relation(inside ? "witness" : "counterexample", bound, inside ? RelationOp.LE : RelationOp.GT, Quantities.constant(LEVEL),
                    "box for α = 2^" + e + " inside the sublevel set");
            ObjectNode vol = JsonNodeFactory.instance.objectNode();
            BigFraction v = BigFraction.ONE;
            for (int k = 0; k < theta.length; k++) {
                v = v.multiply(h[k].subtract(l[k]));
            }
            vol.put("q", QuantityKind.BOX_VOLUME.wire()).put("value", Q.format(v));
            vol.set("lo", Quantities.array(l));
            vol.set("hi", Quantities.array(h));
            BigFraction expected = Q.of(java.math.BigInteger.TWO.pow(3 * e)).multiply(r.multiply(2).pow(theta.length));
            c.relation("witness", vol, RelationOp.EQ, Quantities.constant(expected), "volume = α³ vol(B₀)");
        }
        return c;
    }
}
