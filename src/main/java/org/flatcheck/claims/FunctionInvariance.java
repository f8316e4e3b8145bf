package org.flatcheck.claims;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.invariance.RandomCases;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Dinh et al. 2017 §4, Meng et al. 2019: every node rescaling, layer scaling and permutation of hidden units leaves
 * the network function f, hence the loss L, unchanged — exactly, on the data and on fresh inputs.
 * Each instance: a random network A, a random element g of each group, {@code B = g·A}; the certificate
 * states {@code B = g·A}, {@code f_A(x) = f_B(x)} on the data and two fresh inputs, and
 * {@code L(A) = L(B)}. A mismatch would be a counterexample.
 */
public final class FunctionInvariance implements Claim {
    @Override
    public String id() {
        return "function-invariance";
    }

    @Override
    public String source() {
        return "Dinh et al. 2017 §4 (non-negative homogeneity); Neyshabur et al. 2015 §2; Meng et al. 2019 §3";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Dinh et al. 2017 (§4) build observationally equivalent parameters of rectifier networks from the "
                + "non-negative homogeneity relu(αx) = α·relu(x), α > 0: the α-scale transformation T_α(θ₁, θ₂) = (αθ₁, "
                + "α⁻¹θ₂) leaves the function unchanged; Neyshabur et al. 2015 rescale single hidden units the same "
                + "way, and Meng et al. 2019 state that path values are invariant under positive scaling.";
    }

    @Override
    public String statement() {
        return "Every node rescaling, layer scaling and permutation of hidden units leaves the network function and "
                + "the loss exactly unchanged, on random layered ReLU networks with and without biases (biases of "
                + "hidden layer l scaled by Π_{k≤l} α_k), checked on the data and on fresh inputs.";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        int tries = context.quick() ? 4 : 12;
        c.inputs().put("networks_per_symmetry", tries).put("fresh_inputs_per_network", 2);
        c.argument("relu(c·z) = c·relu(z) for c > 0 and sums are invariant under reordering, so each listed g·A "
                + "computes A's function (proof); the checks are exact instances on the data and on fresh inputs.");
        int id = 0;
        // The statement names these three groups: a group added later joins this claim only by a decision here.
        for (Symmetry s : List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING, Symmetry.PERMUTATION)) {
            for (int t = 0; t < tries; t++) {
                Network a = Support.network(rnd, "A" + id, false, false, false);
                GroupElement g = RandomCases.element(rnd, a, s);
                if (g == null) {
                    t--;
                    continue;
                }
                Network b = g.apply(a).withName("B" + id);
                Dataset data = RandomCases.data(rnd, a);
                String an = c.network("A" + id, a);
                String bn = c.network("B" + id, b);
                String dn = c.dataset("D" + id, data);
                c.check("instance", Support.groupImage(an, a, bn, g));
                BigFraction[][] xs = new BigFraction[data.size() + 2][];
                for (int i = 0; i < data.size(); i++) {
                    xs[i] = data.input(i);
                }
                xs[data.size()] = Support.input(rnd, a);
                xs[data.size() + 1] = Support.input(rnd, a);
                for (BigFraction[] x : xs) {
                    boolean same = java.util.Arrays.equals(Forward.run(a, x).outputs(), Forward.run(b, x).outputs());
                    c.relation(same ? "instance" : "counterexample", Quantities.output(an, a, x), same ? RelationOp.EQ : RelationOp.NE,
                            Quantities.output(bn, b, x), null);
                }
                var la = Quantities.loss(an, a, dn, data);
                var lb = Quantities.loss(bn, b, dn, data);
                boolean same = Quantities.value(la).equals(Quantities.value(lb));
                c.relation(same ? "instance" : "counterexample", la, same ? RelationOp.EQ : RelationOp.NE, lb, s.key());
                id++;
            }
        }
        return c;
    }
}
