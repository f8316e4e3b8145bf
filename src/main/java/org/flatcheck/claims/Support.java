package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.invariance.RandomCases;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.GroupElementJson;

/** Shared pieces of the claim classes: seeded random objects, group-image checks, exact measure values. */
final class Support {
    private static final Catalog CATALOG = Catalog.builtIn(); // the papers' measures: plug-ins never change a claim

    private Support() {
    }

    /** A seeded random network with at least one hidden node, named {@code name}, and data off its kinks. */
    static Network network(Random rnd, String name, boolean needsSmooth, boolean nonzero, boolean biasFree) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Network n = RandomCases.network(rnd);
            if (n.numHidden() == 0 || biasFree && n.hasBiases()) {
                continue;
            }
            if (nonzero && java.util.Arrays.stream(n.parameters()).anyMatch(x -> Q.isZero(x))) {
                continue;
            }
            return n.withName(name);
        }
        throw new IllegalStateException("no random network after 1000 attempts");
    }

    /** A dataset for {@code net} on which no pre-activation is 0 (so the loss is smooth at θ). */
    static Dataset smoothData(Random rnd, Network net) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Dataset d = RandomCases.data(rnd, net);
            if (LocalModel.of(net, d).kink().isEmpty()) {
                return d;
            }
        }
        return null;
    }

    /**
     * Data for {@code net} off its kinks whose targets are the network's own outputs, so that θ is an exact
     * global minimum (L = 0, hence ∇L = 0): the points where a Hessian-based measure is meant to be evaluated.
     * Null if no smooth data was found.
     */
    static Dataset fittedData(Random rnd, Network net) {
        Dataset probe = smoothData(rnd, net);
        if (probe == null) {
            return null;
        }
        BigFraction[][] x = new BigFraction[probe.size()][];
        BigFraction[][] y = new BigFraction[probe.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = probe.input(i);
            y[i] = org.flatcheck.network.Forward.run(net, x[i]).outputs();
        }
        return Dataset.of(x, y);
    }

    /**
     * The checks that {@code net} is an exact critical point on {@code data}: L = 0 and ∇L = 0, each recomputed
     * by the checker (its own forward pass; its jets along every coordinate).
     */
    static void criticalPoint(Certificate c, String name, Network net, String dname, Dataset data) {
        c.relation("instance", Quantities.loss(name, net, dname, data), RelationOp.EQ, Quantities.constant(BigFraction.ZERO),
                name + " fits " + dname + " exactly: a global minimum");
        BigFraction[] zero = new BigFraction[net.numParameters()];
        java.util.Arrays.fill(zero, BigFraction.ZERO);
        c.relation("instance", Quantities.gradient(name, net, dname, data), RelationOp.EQ, Quantities.constant(zero),
                "∇L(" + name + ") = 0 exactly: a critical point, where the measure's definition applies");
    }

    /** A random input vector for {@code net}. */
    static BigFraction[] input(Random rnd, Network net) {
        BigFraction[] x = new BigFraction[net.numInputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = RandomCases.rational(rnd, true);
        }
        return x;
    }

    /** A random direction in parameter space. */
    static BigFraction[] direction(Random rnd, int p) {
        BigFraction[] u = new BigFraction[p];
        for (int i = 0; i < p; i++) {
            u[i] = RandomCases.rational(rnd, false);
        }
        return u;
    }

    /** The check "applying g to {@code from} gives {@code to}". */
    static ObjectNode groupImage(String from, Network fromNet, String to, GroupElement g) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("check", CheckKind.GROUP_IMAGE.wire());
        c.put("from", from);
        c.put("to", to);
        c.set("element", GroupElementJson.of(g, fromNet));
        return c;
    }

    /**
     * A point of the chart around network {@code an} (the parameters {@code moved}) and its image under {@code g}:
     * the group-image check and the relation between the two losses (an instance when equal, else a
     * counterexample), as the claims about balls, boxes and geodesics around θ state them.
     */
    static void chartPoint(Certificate c, String an, Network a, String bn, BigFraction[] moved, GroupElement g, String dn,
            Dataset data, String what) {
        Network y = a.withParameters(moved).withName(an + "y");
        Network gy = g.apply(y).withName(bn + "y");
        String yn = c.network(an + "y", y);
        String gyn = c.network(bn + "y", gy);
        c.check("instance", groupImage(yn, y, gyn, g));
        ObjectNode ly = Quantities.loss(yn, y, dn, data);
        ObjectNode lgy = Quantities.loss(gyn, gy, dn, data);
        boolean eq = Quantities.value(ly).equals(Quantities.value(lgy));
        c.relation(eq ? "instance" : "counterexample", ly, eq ? RelationOp.EQ : RelationOp.NE, lgy, what);
    }

    /** The exact value of a catalog measure, or null when it is not an exact rational here. */
    static BigFraction exactMeasure(String id, Network net, Dataset data, Options options) {
        Value v = CATALOG.get(id).orElseThrow().compute(net, data, options);
        return v instanceof Value.Exact e ? e.value() : null;
    }

    /** A bias-free one-hidden-layer network d-h-1 with nonzero weights k/4 in [−2, 2]. */
    static Network oneHiddenLayer(Random rnd, String name, int d, int h) {
        BigFraction[][][] w = {new BigFraction[h][d], new BigFraction[1][h]};
        for (BigFraction[][] layer : w) {
            for (BigFraction[] row : layer) {
                for (int i = 0; i < row.length; i++) {
                    int p;
                    do {
                        p = rnd.nextInt(17) - 8;
                    } while (p == 0);
                    row[i] = Q.of(p, 4);
                }
            }
        }
        return Layered.of(name, new int[] {d, h, 1}, w, null);
    }

    /**
     * A bias-free 2-3-1 network A with data off its kinks whose targets are A's own outputs (so θ is an
     * exact global minimum, L = 0), with at least one nonzero target.
     */
    static Fitted fittedOneHiddenLayer(Random rnd) {
        while (true) {
            Network a = oneHiddenLayer(rnd, "A", 2, 3);
            Dataset probe = smoothData(rnd, a);
            if (probe == null) {
                continue;
            }
            BigFraction[][] x = new BigFraction[probe.size()][];
            BigFraction[][] y = new BigFraction[probe.size()][];
            boolean nonzero = false;
            for (int i = 0; i < x.length; i++) {
                x[i] = probe.input(i);
                y[i] = org.flatcheck.network.Forward.run(a, x[i]).outputs();
                nonzero |= !Q.isZero(y[i][0]);
            }
            if (nonzero) {
                return new Fitted(a, Dataset.of(x, y));
            }
        }
    }

    /** A network and data it fits exactly. */
    record Fitted(Network net, Dataset data) {
    }

    static int[] hidden(Network net) {
        return net.nodesOf(Kind.HIDDEN);
    }
}
