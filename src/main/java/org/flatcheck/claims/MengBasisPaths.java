package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.CountKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.paths.BasisPaths;
import org.flatcheck.paths.Incidence;
import org.flatcheck.paths.Path;
import org.flatcheck.paths.PathEnumerator;
import org.flatcheck.paths.Skeleton;

/**
 * Meng et al. 2019 (basis paths; docs/definitions.md): for a bias-free MLP with m weights and H hidden units the path–edge
 * incidence matrix has rank {@code m − H}; the skeleton basis paths (P(e) for every edge) are
 * independent and as many; and every path value is {@code Π_b v_b^{x_pb}} with the integer exponents
 * of the basis (entries beyond ±1 occur from three hidden layers on: −2 is in the certificate). The
 * checker enumerates every path itself, computes both ranks by its own elimination and re-multiplies
 * every path value.
 */
public final class MengBasisPaths implements Claim {
    private static final int[][] SHAPES = {{2, 2, 1}, {2, 3, 2}, {3, 2, 2, 1}, {3, 2, 2, 2, 2}};

    @Override
    public String id() {
        return "meng-basis-paths";
    }

    @Override
    public String source() {
        return "Meng et al. 2019 (G-SGD, ICLR, arXiv 1802.03713), basis paths and the skeleton method";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Meng et al. 2019: the path–weight incidence matrix of a ReLU MLP has rank m − H (m weights, H hidden "
                + "units), a set of basis paths can be identified by the skeleton method, and the value of every path "
                + "is a product of basis-path values.";
    }

    @Override
    public String statement() {
        return "On random bias-free MLPs with up to three hidden layers: the rank of the path–edge incidence matrix "
                + "is m − H, computed exactly; the skeleton paths form a basis; every path value is the product of "
                + "basis-path values to integer exponents (which can lie outside {−1, 0, 1}).";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        c.argument("Instances of the three theorems on MLPs up to three hidden layers, each recomputed by the checker "
                + "(its own path enumeration, Gaussian elimination and products); the general proof is in proofs/paths.md.");
        int i = 0;
        for (int[] sizes : SHAPES) {
            Network net = random(rnd, "N" + i, sizes);
            String n = c.network("N" + i, net);
            ObjectNode rank = Quantities.incidenceRank(n, net, false);
            ObjectNode formula = Quantities.sum(Quantities.count(n, net, CountKind.WEIGHTS),
                    Quantities.times(BigFraction.MINUS_ONE, Quantities.count(n, net, CountKind.HIDDEN)));
            boolean same = Quantities.value(rank).equals(Quantities.value(formula));
            c.relation(same ? "instance" : "counterexample", rank, same ? RelationOp.EQ : RelationOp.NE, formula, "rank = m − H");
            BasisPaths basis = BasisPaths.of(net, Skeleton.of(net, "diagonal"));
            ObjectNode basisRank = JsonNodeFactory.instance.objectNode();
            ArrayNode bp = JsonNodeFactory.instance.arrayNode();
            for (Path p : basis.paths()) {
                bp.add(Quantities.nodes(net, p));
            }
            basisRank.put("q", QuantityKind.PATHS_RANK.wire()).put("value", Integer.toString(Incidence.rank(net, basis.paths())))
                    .put("net", n);
            basisRank.set("paths", bp);
            boolean independent = Quantities.value(basisRank).intValue() == basis.size();
            c.relation(independent ? "instance" : "counterexample", basisRank, independent ? RelationOp.EQ : RelationOp.NE,
                    Quantities.constant(Q.of(basis.size())), "the basis paths are independent");
            c.relation(same ? "instance" : "counterexample", Quantities.constant(Q.of(basis.size())),
                    same ? RelationOp.EQ : RelationOp.NE, rank.deepCopy(), "as many basis paths as the rank");
            List<Path> all = PathEnumerator.enumerate(net, true, 100_000);
            ObjectNode id = JsonNodeFactory.instance.objectNode();
            id.put("check", CheckKind.EXPONENT_IDENTITY.wire()).put("net", n);
            id.set("basis", bp);
            ArrayNode ps = id.putArray("paths");
            ArrayNode xs = id.putArray("exponents");
            boolean holds = true;
            for (Path p : all) {
                ps.add(Quantities.nodes(net, p));
                ArrayNode row = xs.addArray();
                Map<Integer, Integer> e = basis.exponents(p);
                BigFraction product = BigFraction.ONE;
                for (int b = 0; b < basis.size(); b++) {
                    int k = e.getOrDefault(b, 0);
                    row.add(k);
                    BigFraction v = basis.values()[b];
                    product = product.multiply(k >= 0 ? v.pow(k) : v.reciprocal().pow(-k));
                }
                holds &= product.equals(p.value(net));
            }
            c.check(holds ? "instance" : "counterexample", id);
            i++;
        }
        return c;
    }

    private static Network random(Random rnd, String name, int[] sizes) {
        BigFraction[][][] w = new BigFraction[sizes.length - 1][][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (BigFraction[] row : w[l]) {
                for (int j = 0; j < row.length; j++) {
                    int p;
                    do {
                        p = rnd.nextInt(9) - 4;
                    } while (p == 0);
                    row[j] = Q.of(p, 1 + rnd.nextInt(3));
                }
            }
        }
        return Layered.of(name, sizes, w, null);
    }
}
