package org.flatcheck.claims;

import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;

/**
 * [Y19], MATH §5.8: is PSI-flatness independent of the choice of skeleton (basis)? flatcheck searches
 * seeded random networks with nonzero parameters for one where the traces for the {@code diagonal} and
 * {@code first} skeletons differ; such a network refutes the independence, each trace recomputed by the
 * checker from its section.
 */
public final class YiPsiSkeletonIndependence implements Claim {
    @Override
    public String id() {
        return "yi-psi-skeleton-independence";
    }

    @Override
    public String source() {
        return "Yi et al. 2019 (arXiv 1903.02237), PSI-flatness defined on a basis-path set; MATH §5.8";
    }

    @Override
    public String statement() {
        return "PSI-flatness does not depend on which skeleton (basis-path set) is chosen.";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        c.argument("Two skeletons of one network give two coordinate systems v, v' related by a monomial map; the Hessian "
                + "changes by its Jacobian, so the traces need not agree. A network where the recomputed traces differ refutes "
                + "the claim.");
        for (int attempt = 0; attempt < 2000; attempt++) {
            Network a = Support.network(rnd, "A", true, true, false);
            Dataset data = Support.smoothData(rnd, a);
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
                c.relation("counterexample", diag, "!=", first, "skeleton diagonal vs first");
                return c;
            }
            if (attempt < 5) {
                c.network("E" + attempt, a.withName("E" + attempt));
                c.dataset("F" + attempt, data);
                c.relation("instance", Quantities.psiTrace("E" + attempt, a.withName("E" + attempt), "F" + attempt, data, "diagonal"),
                        "==", Quantities.psiTrace("E" + attempt, a.withName("E" + attempt), "F" + attempt, data, "first"),
                        "skeletons agree here");
            }
        }
        throw new IllegalStateException(id() + ": no network with skeleton-dependent PSI-flatness in 2000 attempts; "
                + "the claim would then need a proof, not a search");
    }
}
