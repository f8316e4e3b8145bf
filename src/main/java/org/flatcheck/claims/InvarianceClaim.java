package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.invariance.RandomCases;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * A claim "quantity Q is invariant under symmetry S": random networks A with smooth data, random
 * elements g, {@code B = g·A}; each instance states {@code B = g·A} and {@code Q(A) = Q(B)}, recomputed
 * by the checker. The first pair with {@code Q(A) ≠ Q(B)} is a counterexample and decides REFUTED; the
 * search stops there. Without one, the verdict HOLDS rests on the proof the certificate names, with the
 * instances as exact evidence.
 */
abstract class InvarianceClaim implements Claim {
    /** The quantity, with the prover's value; null where it is undefined (the pair is skipped). */
    abstract ObjectNode quantity(String name, Network net, String dname, Dataset data);

    abstract List<Symmetry> symmetries();

    /** Networks the claim is about (e.g. nonzero parameters for PSI, layered for layer scalings). */
    boolean accepts(Network net) {
        return true;
    }

    /** Extra checks for one instance (e.g. the second scalar of a measure). */
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
    }

    abstract String argument();

    /**
     * Whether the instances are exact critical points (targets = the network's own outputs, L = 0, ∇L = 0,
     * both checked): for measures whose definition is meant for minima, such as a Riemannian Hessian.
     */
    boolean atCriticalPoints() {
        return false;
    }

    int tries(boolean quick) {
        return quick ? 4 : 12;
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        c.argument(argument());
        int per = tries(context.quick());
        c.inputs().put("instances_per_symmetry", per);
        int id = 0;
        for (Symmetry s : symmetries()) {
            int made = 0;
            for (int attempt = 0; made < per && attempt < 200 * per; attempt++) {
                Network a = Support.network(rnd, "A" + id, true, false, false);
                if (!accepts(a)) {
                    continue;
                }
                Dataset data = atCriticalPoints() ? Support.fittedData(rnd, a) : Support.smoothData(rnd, a);
                GroupElement g = RandomCases.element(rnd, a, s);
                if (data == null || g == null) {
                    continue;
                }
                Network b = g.apply(a).withName("B" + id);
                ObjectNode qa = quantity("A" + id, a, "D" + id, data);
                ObjectNode qb = quantity("B" + id, b, "D" + id, data);
                if (qa == null || qb == null) {
                    continue;
                }
                String an = c.network("A" + id, a);
                String bn = c.network("B" + id, b);
                String dn = c.dataset("D" + id, data);
                if (atCriticalPoints()) {
                    Support.criticalPoint(c, an, a, dn, data);
                    Support.criticalPoint(c, bn, b, dn, data);
                }
                boolean same = Quantities.value(qa).equals(Quantities.value(qb));
                c.check(same ? "instance" : "counterexample", Support.groupImage(an, a, bn, g));
                c.relation(same ? "instance" : "counterexample", qa, same ? RelationOp.EQ : RelationOp.NE, qb, s.key());
                id++;
                made++;
                if (!same) {
                    return c;
                }
                more(c, rnd, an, a, bn, b, dn, data, g);
            }
            if (made < per) {
                throw new IllegalStateException(id() + ": only " + made + " usable random instances for " + s.key());
            }
        }
        return c;
    }
}
