package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Bareiss;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.network.Network;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/** The symmetry-reduced Hessian trace (and the Moore–Penrose trace) at exact critical points of the regular set. */
class HorizontalHessianTraceProperties {
    /**
     * Exact critical points with a nonzero residual: on θ's linear region J does not depend on the targets, so for
     * a residual r with {@code Jᵀr = 0} (a combination of left null vectors of J) the targets {@code f(xᵢ) − rᵢ} make
     * {@code ∇L = (2/n)Jᵀr = 0} exactly while {@code L = ‖r‖²/n > 0}. A [2, 2, 1] network with biases (P = 9, orbit
     * dimension 2) on 10 points.
     */
    @Provide
    Arbitrary<NetworkAndData> criticalPoints() {
        Arbitrary<BigFraction[]> inputs = Generators.rationals().array(BigFraction[].class).ofSize(20);
        return net.jqwik.api.Combinators.combine(Generators.layered(new int[] {2, 2, 1}, true), inputs,
                net.jqwik.api.Arbitraries.longs()).as((net, xs, seed) -> {
                    BigFraction[][] x = new BigFraction[10][];
                    BigFraction[][] zero = new BigFraction[10][];
                    for (int i = 0; i < 10; i++) {
                        x[i] = new BigFraction[] {xs[2 * i], xs[2 * i + 1]};
                        zero[i] = new BigFraction[] {BigFraction.ZERO};
                    }
                    Dataset d = Dataset.of(x, zero);
                    LocalModel m = LocalModel.of(net, d);
                    if (m.kink().isPresent()) {
                        return new NetworkAndData(net, d);
                    }
                    QMatrix jt = m.outputJacobian().transpose();
                    java.util.Set<Integer> pivots = new java.util.HashSet<>();
                    for (int c : Bareiss.pivotColumns(jt)) {
                        pivots.add(c);
                    }
                    java.util.Random rnd = new java.util.Random(seed);
                    BigFraction[] r = new BigFraction[10];
                    java.util.Arrays.fill(r, BigFraction.ZERO);
                    int[] piv = pivots.stream().mapToInt(Integer::intValue).sorted().toArray();
                    for (int free = 0; free < 10; free++) {
                        if (pivots.contains(free)) {
                            continue;
                        }
                        BigFraction coef = new BigFraction(rnd.nextInt(7) - 3, 1 + rnd.nextInt(2));
                        BigFraction[][] a = new BigFraction[jt.rows()][piv.length];
                        BigFraction[] b = new BigFraction[jt.rows()];
                        for (int i = 0; i < jt.rows(); i++) {
                            for (int j = 0; j < piv.length; j++) {
                                a[i][j] = jt.get(i, piv[j]);
                            }
                            b[i] = jt.get(i, free).negate();
                        }
                        QVector y = Bareiss.solve(QMatrix.of(a), QVector.of(b)).orElseThrow();
                        for (int j = 0; j < piv.length; j++) {
                            r[piv[j]] = r[piv[j]].add(coef.multiply(y.get(j)));
                        }
                        r[free] = r[free].add(coef);
                    }
                    BigFraction[][] f = m.outputs();
                    BigFraction[][] t = new BigFraction[10][];
                    for (int i = 0; i < 10; i++) {
                        t[i] = new BigFraction[] {f[i][0].subtract(r[i])};
                    }
                    return new NetworkAndData(net, Dataset.of(x, t));
                });
    }

    /**
     * At exact critical points of the regular set, with a nonzero residual, the symmetry-reduced Hessian trace is
     * the same at θ and at every image of θ (and the Moore–Penrose trace there is half of it, so invariant too).
     */
    @Property(tries = 200, maxDiscardRatio = 20)
    void horizontalTraceIsInvariantAtCriticalPointsOfTheRegularSet(@ForAll("criticalPoints") NetworkAndData c,
            @ForAll long seed) {
        RecentMeasuresProperties.assumeSmooth(c);
        Value v = new HorizontalHessianTrace().compute(c.net(), c.data(), Options.DEFAULTS);
        Statistics.label("defined").collect(v instanceof Value.Exact);
        Assume.that(v instanceof Value.Exact);
        BigFraction loss = LocalModel.of(c.net(), c.data()).loss();
        Statistics.label("loss > 0").collect(Q.signum(loss) > 0);
        java.util.Random rnd = new java.util.Random(seed);
        org.flatcheck.symmetry.Symmetry s = org.flatcheck.symmetry.Symmetry.values()[rnd.nextInt(3)];
        org.flatcheck.symmetry.GroupElement g = org.flatcheck.invariance.RandomCases.element(rnd, c.net(), s);
        Assume.that(g != null);
        Network moved = g.apply(c.net());
        assertEquals(v, new HorizontalHessianTrace().compute(moved, c.data(), Options.DEFAULTS), s.key());
        assertEquals(((Value.Exact) v).value(), ((Value.Exact) new MetricHessianTrace().compute(c.net(), c.data(),
                Options.DEFAULTS)).value().multiply(2));
        Statistics.label("loss > 0").coverage(k -> k.check(true).percentage(pc -> pc > 50));
    }

}
