package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.invariance.RandomCases;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Equivalence;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Meng et al. 2019 (path values as the invariants of positive scaling): for networks with nonzero weights and the same sign pattern, equal path values
 * ⇔ rescaling-equivalent; the sign condition is necessary. Instances: A, {@code B = g·A} for a random
 * node rescaling; the certificate states equal path values (every path, checker-enumerated) and the
 * rescaling flatcheck's decision procedure ({@code Equivalence}) recovered from A and B alone, which the
 * checker applies to A to get B. The side condition: the 1-1-1 nets (1, 1) and (−1, −1) have equal path
 * values but different functions at x = 1, so they are not equivalent.
 */
public final class MengPathValueEquivalence implements Claim {
    @Override
    public String id() {
        return "meng-path-values-equivalence";
    }

    @Override
    public String source() {
        return "Meng et al. 2019 (G-SGD, ICLR, arXiv 1802.03713), path values as the invariants of positive scaling";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Meng et al. 2019: the values of all paths are invariant under positive scaling of hidden units, and "
                + "under mild conditions they represent the network. flatcheck makes a sufficient condition explicit "
                + "and shows that it is needed.";
    }

    @Override
    public String statement() {
        return "For bias-free networks whose weights are all nonzero with the same sign pattern, equal path values ⇔ "
                + "rescaling-equivalent (from the two networks alone, a decision procedure finds the rescaling, "
                + "checked); without the sign condition equal path values do not imply equivalence (a certified 1-1-1 "
                + "pair (a, b), (−a, −b) computing different functions).";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        int tries = context.quick() ? 5 : 15;
        c.argument("⇒ (equivalent ⇒ equal path values) is claim function-invariance's algebra: each path gains Π c/c = 1. "
                + "⇐ instances: from A and B alone, the decision procedure finds a rescaling that maps A onto B (checked). "
                + "Necessity: P and N have equal path values but compute different functions, so no rescaling maps one to the other.");
        int made = 0;
        while (made < tries) {
            Network a = Support.network(rnd, "A" + made, false, true, true);
            GroupElement g = RandomCases.element(rnd, a, Symmetry.NODE_RESCALING);
            if (g == null) {
                continue;
            }
            Network b = g.apply(a).withName("B" + made);
            String an = c.network("A" + made, a);
            String bn = c.network("B" + made, b);
            ObjectNode same = JsonNodeFactory.instance.objectNode();
            same.put("check", CheckKind.SAME_PATH_VALUES.wire()).put("a", an).put("b", bn);
            c.check("instance", same);
            Equivalence.Decision d = Equivalence.decide(a, b, false);
            if (!d.equivalent()) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                out.put("check", CheckKind.SAME_PATH_VALUES.wire()).put("a", an).put("b", bn)
                        .put("note", "decision procedure: " + d.reason());
                c.check("counterexample", out);
            } else {
                c.check("instance", Support.groupImage(an, a, bn, d.rescaling()));
            }
            made++;
        }
        Network p = Layered.of("P", new int[] {1, 1, 1}, new BigFraction[][][] {{{BigFraction.ONE}}, {{BigFraction.ONE}}}, null);
        Network n = Layered.of("N", new int[] {1, 1, 1},
                new BigFraction[][][] {{{BigFraction.MINUS_ONE}}, {{BigFraction.MINUS_ONE}}}, null);
        String pn = c.network("P", p);
        String nn = c.network("N", n);
        ObjectNode same = JsonNodeFactory.instance.objectNode();
        same.put("check", CheckKind.SAME_PATH_VALUES.wire()).put("a", pn).put("b", nn);
        c.check("witness", same);
        BigFraction[] x = {BigFraction.ONE};
        c.relation("witness", Quantities.output(pn, p, x), RelationOp.NE, Quantities.output(nn, n, x),
                "opposite sign patterns: equal path values, different functions");
        return c;
    }
}
