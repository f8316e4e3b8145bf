package org.flatcheck.claims;

import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.network.Network;

/**
 * Yi et al. 2019 (arXiv 1903.02237) define PSI-flatness on the values of a set of basis paths, the
 * coordinates of the quotient of parameter space by positive rescaling (Meng et al. 2019): with v the
 * basis-path values and L̃(v) = L(s(v)) for a section s, PSI-flatness is built from ∇²_v L̃. A network has
 * many basis-path sets (skeletons); the paper does not say whether the value depends on which one is
 * chosen. Extension: flatcheck asks whether it does, at exact critical points (the network fits its data,
 * L = 0 and ∇L = 0, checked), where PSI-flatness is meant to be evaluated. Two skeletons give coordinates
 * v, v′ related by a monomial map; the Hessian changes by its Jacobian, so the traces need not agree. A
 * seeded search over random networks with nonzero parameters looks for one where the {@code diagonal}
 * and {@code first} skeletons' traces differ, each recomputed by the checker from its section.
 */
public final class YiPsiSkeletonIndependence implements Claim {
    @Override
    public String id() {
        return "yi-psi-skeleton-independence";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.EXTENSION;
    }

    @Override
    public String source() {
        return "Yi et al. 2019 (arXiv 1903.02237), PSI-flatness on basis-path values; basis paths of Meng et al. 2019";
    }

    @Override
    public String paperStatement() {
        return "Yi et al. 2019 define PSI-flatness on the values of a set of basis paths and show that it is invariant under "
                + "positive rescaling of hidden units; the paper does not state whether its value depends on which basis-path "
                + "set is chosen. Extension: a question flatcheck asks, not a statement of the paper.";
    }

    @Override
    public String statement() {
        return "Extension, not claimed by Yi et al.: at exact critical points (L = 0, ∇L = 0, checked) of random ReLU "
                + "networks with nonzero parameters, is the PSI-flatness trace the same for two skeletons (the diagonal and "
                + "the first basis-path set)? REFUTED by the first network whose recomputed traces differ.";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        c.argument("Every network is an exact critical point, checked (L = 0 and ∇L = 0 recomputed). Two skeletons of one "
                + "network give two coordinate systems v, v' related by a monomial map; the Hessian changes by its Jacobian, so "
                + "the traces need not agree. A network where the recomputed traces differ answers the question: the value "
                + "depends on the skeleton, so the skeleton is part of the measure's definition.");
        int instances = 0;
        for (int attempt = 0; attempt < 2000; attempt++) {
            Network a = Support.network(rnd, "A", true, true, false);
            Dataset data = Support.fittedData(rnd, a);
            if (data == null) {
                continue;
            }
            var diag = Quantities.psiTrace("A", a, "D", data, "diagonal");
            var first = Quantities.psiTrace("A", a, "D", data, "first");
            if (diag == null || first == null) {
                continue;
            }
            BigFraction x = Quantities.value(diag);
            BigFraction y = Quantities.value(first);
            if (!x.equals(y)) {
                c.network("A", a);
                c.dataset("D", data);
                c.inputs().put("attempts", attempt + 1);
                Support.criticalPoint(c, "A", a, "D", data);
                c.relation("counterexample", diag, RelationOp.NE, first, "skeleton diagonal vs first, at an exact global minimum");
                return c;
            }
            if (instances < 5) {
                String en = "E" + instances;
                Network e = a.withName(en);
                String fn = "F" + instances;
                c.network(en, e);
                c.dataset(fn, data);
                Support.criticalPoint(c, en, e, fn, data);
                c.relation("instance", Quantities.psiTrace(en, e, fn, data, "diagonal"), RelationOp.EQ,
                        Quantities.psiTrace(en, e, fn, data, "first"), "skeletons agree here");
                instances++;
            }
        }
        throw new IllegalStateException(id() + ": no network with skeleton-dependent PSI-flatness in 2000 attempts; "
                + "the question would then need a proof, not a search");
    }
}
