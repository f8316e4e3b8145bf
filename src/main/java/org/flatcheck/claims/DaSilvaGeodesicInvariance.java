package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * da Silva, Dangel, Oore 2025: geodesic sharpness is invariant under the network's symmetries. For the rescaling
 * symmetry the metric {@code Σ dθₖ²/θₖ²} has the geodesics {@code θ ⊙ e^{tz}}, and a rescaling D maps the
 * geodesic through θ with initial normalised velocity z onto the one through Dθ with the same z. Instances:
 * points {@code θ ⊙ u} (u > 0 rational, a point of such a geodesic) and their images {@code g·(θ ⊙ u) = (g·θ) ⊙ u}
 * have the same loss; and the log-chart Hessian trace, the second-order term of the loss along these
 * geodesics, is the same at A and at {@code g·A}.
 */
public final class DaSilvaGeodesicInvariance extends InvarianceClaim {
    @Override
    public String id() {
        return "dasilva-geodesic-invariance";
    }

    @Override
    public String source() {
        return "da Silva, Dangel, Oore 2025 (ICML, arXiv 2505.05409), geodesic sharpness, Eq. (4), with the rescaling metric of Eq. (6)";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "da Silva et al. 2025 define geodesic sharpness as the largest loss increase over a geodesic ball of a "
                + "symmetry-compatible metric (Eq. (4)); for the rescaling symmetry the metric is Σ η_i ν_i / w_i² (Eq. (6)), "
                + "with geodesics w ⊙ e^{tξ/w}; geodesic sharpness is invariant to the symmetry transformations (§6.2).";
    }

    @Override
    public String statement() {
        return "For the rescaling metric Σ dθ_k²/θ_k², node rescalings and layer scalings map every point θ ⊙ u (u > 0) "
                + "of a geodesic through θ onto the point (g·θ) ⊙ u of the geodesic through g·θ with the same normalised "
                + "velocity, at which the loss is the same, and they leave the loss's second-order term along these "
                + "geodesics (the trace of diag(θ)∇²L diag(θ) + diag(θ ∘ ∇L)) unchanged, on random networks off their "
                + "kinks; so the geodesic balls correspond and geodesic sharpness is unchanged. Squared loss.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.logHessianTrace(name, net, dname, data);
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        BigFraction[] theta = a.parameters();
        BigFraction[] moved = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            moved[k] = theta[k].multiply(Q.of(1000 + rnd.nextInt(21) - 10, 1000));
        }
        Support.chartPoint(c, an, a, bn, moved, g, dn, data, "L(θ ⊙ u) = L(Dθ ⊙ u)");
    }

    @Override
    String argument() {
        return "With θ' = Dθ (D positive diagonal): Dθ ⊙ u = D(θ ⊙ u), so the geodesic t ↦ θ ⊙ e^{tz} is mapped onto t ↦ "
                + "θ' ⊙ e^{tz}, whose length in the metric Σ dθ_k²/θ_k² is the same (‖z‖₂ per unit time), and L(D(θ ⊙ u)) = "
                + "L(θ ⊙ u) (proofs/dasilva-geodesic-invariance.md). Exact instances.";
    }
}
