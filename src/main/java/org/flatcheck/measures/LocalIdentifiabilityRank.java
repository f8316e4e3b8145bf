package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Bareiss;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node;
import org.flatcheck.symmetry.Symmetry;

/**
 * The rank test for local identifiability (Bona-Pellissier, Bachoc, Malgouyres 2022, NeurIPS, "Local
 * identifiability of deep ReLU neural networks: the theory"), companion of {@code functional-dimension}:
 * parameters are identified from the sample only up to the network's symmetries, so the Jacobian J of all
 * outputs on all points has rank at most {@code P − d}, d the dimension of the rescaling orbit through θ
 * (the rank of the tangents {@code ξ_v}, one per hidden unit v: +its incoming weights and bias, −its outgoing
 * weights; {@code J ξ_v = 0} because f is constant on the orbit). The value is the deficiency
 * <pre>  (P − d) − rank J  ≥ 0,</pre>
 * 0 exactly when the rank condition of local identifiability holds at θ (the paper's further condition on the
 * activation patterns is not checked). Under {@code θ ↦ Dθ} J becomes {@code JD⁻¹} and each {@code ξ_v}
 * becomes {@code Dξ_v}: both ranks are unchanged, as under permutations.
 */
public final class LocalIdentifiabilityRank implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("local-identifiability-rank",
            "Bona-Pellissier, Bachoc, Malgouyres 2022 (NeurIPS), rank condition of local identifiability",
            "(P − dim of the rescaling orbit) − rank [∂fₖ(xᵢ)/∂θ]; 0 iff the rank condition holds", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Verdict verdict(Symmetry s, Options options) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        return Local.kink(net, data).orElseGet(() -> {
            int rankJ = Local.jacobianRowBasis(net, data).length;
            return Value.exact(Q.of(net.numParameters() - orbitDimension(net) - rankJ));
        });
    }

    /** The rank of the orbit tangents {@code ξ_v} over the hidden units v. */
    static int orbitDimension(Network net) {
        java.util.List<BigFraction[]> rows = new java.util.ArrayList<>();
        int p = net.numParameters();
        for (int v = 0; v < net.nodes().size(); v++) {
            if (net.node(v).kind() != Node.Kind.HIDDEN) {
                continue;
            }
            BigFraction[] xi = new BigFraction[p];
            java.util.Arrays.fill(xi, BigFraction.ZERO);
            for (int k = 0; k < p; k++) {
                Edge e = net.edge(k);
                if (e.to() == v) {
                    xi[k] = e.weight();
                } else if (e.from() == v) {
                    xi[k] = e.weight().negate();
                }
            }
            rows.add(xi);
        }
        return rows.isEmpty() ? 0 : Bareiss.rank(QMatrix.of(rows.toArray(new BigFraction[0][])));
    }
}
