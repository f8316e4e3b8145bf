package org.flatcheck.claims.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.testing.Generators;

/**
 * {@link JetPass} (fraction-free, one common denominator per node) against the textbook pass it replaced:
 * every node a {@link Jet} of {@code BigFraction}s, {@code pre = Σ θₖ(t)·value_u(t)}. Parameter jets carry
 * all three coefficients with unrelated denominators (the curves of the PSI check), activation patterns are
 * arbitrary, networks include DAGs with skip connections (nodes whose in-edges come from different depths,
 * where the pass scales terms to a common power of D).
 */
class JetPassProperties {
    record Case(Network net, Jet[] params, BigFraction[] x, boolean[] active) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Generators.networks().flatMap(net -> {
            int p = net.numParameters();
            Arbitrary<Jet> jet = Combinators.combine(Generators.rationals(), Generators.rationals(), Generators.rationals(),
                    Arbitraries.integers().between(0, 2)).as((a, b, c, shape) -> switch (shape) {
                        case 0 -> Jet.constant(a);
                        case 1 -> Jet.line(a, b);
                        default -> new Jet(a, b, c);
                    });
            return Combinators.combine(jet.list().ofSize(p),
                    Generators.bigRationals().array(BigFraction[].class).ofSize(net.numInputs()),
                    Arbitraries.of(true, false).list().ofSize(net.nodes().size()))
                    .as((ps, x, act) -> {
                        boolean[] active = new boolean[act.size()];
                        for (int i = 0; i < active.length; i++) {
                            active[i] = act.get(i);
                        }
                        return new Case(net, ps.toArray(Jet[]::new), x, active);
                    });
        });
    }

    @Property(tries = 300)
    void agreesWithTheFractionPass(@ForAll("cases") Case c) {
        Jet[] expected = naive(c.net(), c.params(), c.x(), c.active());
        Jet[] actual = new JetPass(c.net(), c.params()).outputs(c.x(), c.active());
        assertEquals(List.of(expected), List.of(actual));
    }

    /** The reference: the checker's jet pass as it was before {@link JetPass}, in {@code BigFraction}. */
    private static Jet[] naive(Network net, Jet[] params, BigFraction[] x, boolean[] active) {
        Jet[] value = new Jet[net.nodes().size()];
        value[Network.SOURCE] = Jet.ONE;
        int[] inputs = net.nodesOf(Kind.INPUT);
        for (int i = 0; i < inputs.length; i++) {
            value[inputs[i]] = Jet.constant(x[i]);
        }
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            if (kind != Kind.HIDDEN && kind != Kind.OUTPUT) {
                continue;
            }
            if (kind == Kind.HIDDEN && !active[v]) {
                value[v] = Jet.ZERO;
                continue;
            }
            Jet pre = Jet.ZERO;
            for (int k : net.inEdges(v)) {
                pre = pre.add(params[k].multiply(value[net.edge(k).from()]));
            }
            value[v] = pre;
        }
        int[] outs = net.nodesOf(Kind.OUTPUT);
        Jet[] y = new Jet[outs.length];
        for (int j = 0; j < outs.length; j++) {
            y[j] = value[outs[j]];
        }
        return y;
    }
}
