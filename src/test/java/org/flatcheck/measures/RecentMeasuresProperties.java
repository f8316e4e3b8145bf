package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
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
import org.flatcheck.network.Forward;
import org.flatcheck.network.Network;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/**
 * Second routes for the measures of 2021–2026: values recomputed by other formulas or from the plain
 * rational forward pass, and the certificates of the certified ones checked exactly.
 */
class RecentMeasuresProperties {
    @Provide
    Arbitrary<NetworkAndData> cases() {
        return Generators.networksWithData(Generators.smallNetworks());
    }

    static void assumeSmooth(NetworkAndData c) {
        boolean kink = LocalModel.of(c.net(), c.data()).kink().isPresent();
        Statistics.label("kink").collect(kink);
        Assume.that(!kink);
    }

    /**
     * {@code ∂f/∂θ_p} from the forward pass alone: on a linear region f is affine in each single parameter, so
     * a small step keeping every activation pattern gives the derivative as an exact difference quotient.
     */
    private static Optional<BigFraction[][]> partials(Network net, Dataset data, int p) {
        BigFraction[] theta = net.parameters();
        for (BigFraction t = Q.of(1, 8); t.compareTo(Q.of(1, 1 << 30)) > 0; t = t.divide(4)) {
            BigFraction[] moved = theta.clone();
            moved[p] = moved[p].add(t);
            Network m = net.withParameters(moved);
            boolean same = true;
            BigFraction[][] d = new BigFraction[data.size()][];
            for (int i = 0; i < data.size() && same; i++) {
                Forward a = Forward.run(net, data.input(i));
                Forward b = Forward.run(m, data.input(i));
                same = a.pattern().equals(b.pattern());
                BigFraction[] fa = a.outputs();
                BigFraction[] fb = b.outputs();
                d[i] = new BigFraction[fa.length];
                for (int k = 0; k < fa.length; k++) {
                    d[i][k] = fb[k].subtract(fa[k]).divide(t);
                }
            }
            if (same) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Property(tries = 120, maxDiscardRatio = 10)
    void connectivitySharpnessFromDifferenceQuotients(@ForAll("cases") NetworkAndData c) {
        assumeSmooth(c);
        BigFraction[] theta = c.net().parameters();
        BigFraction s = BigFraction.ZERO;
        for (int p = 0; p < theta.length; p++) {
            Optional<BigFraction[][]> d = partials(c.net(), c.data(), p);
            Assume.that(d.isPresent());
            for (BigFraction[] row : d.get()) {
                for (BigFraction x : row) {
                    BigFraction y = theta[p].multiply(x);
                    s = s.add(y.multiply(y));
                }
            }
        }
        assertEquals(Value.exact(s.divide(c.data().size())),
                new ConnectivitySharpness().compute(c.net(), c.data(), Options.DEFAULTS));
    }

    /** The four Penrose equations pin the Moore–Penrose inverse down; X is built from the measure's formula. */
    @Property(tries = 120, maxDiscardRatio = 10)
    void gaussNewtonPseudoInverseSatisfiesThePenroseEquations(@ForAll("cases") NetworkAndData c) {
        assumeSmooth(c);
        QMatrix j = LocalModel.of(c.net(), c.data()).outputJacobian();
        int p = j.cols();
        QMatrix g = scaled(j.transpose().multiply(j), Q.of(2, c.data().size()));
        GaussNewtonMetric metric = GaussNewtonMetric.of(c.net(), c.data());
        BigFraction[][] x = new BigFraction[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                x[a][b] = metric.traceOfPseudoInverseTimes(unitPair(p, a, b)); // (G⁺)_{ba}
            }
        }
        QMatrix pinv = QMatrix.of(x).transpose();
        Statistics.label("rank").collect(metric.rank());
        assertEquals(g, g.multiply(pinv).multiply(g), "G G⁺ G = G");
        assertEquals(pinv, pinv.multiply(g).multiply(pinv), "G⁺ G G⁺ = G⁺");
        assertTrue(g.multiply(pinv).isSymmetric() && pinv.multiply(g).isSymmetric(), "G G⁺ and G⁺ G symmetric");
    }

    private static QMatrix scaled(QMatrix m, BigFraction f) {
        BigFraction[][] x = m.toArray();
        for (BigFraction[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j].multiply(f);
            }
        }
        return QMatrix.of(x);
    }

    private static QMatrix unitPair(int p, int a, int b) {
        BigFraction[][] e = new BigFraction[p][p];
        for (BigFraction[] row : e) {
            java.util.Arrays.fill(row, BigFraction.ZERO);
        }
        e[a][b] = BigFraction.ONE;
        return QMatrix.of(e);
    }

    /** {@code ∇ℓᵢᵀF⁺∇ℓᵢ = uᵀFu} for any solution of {@code Fu = ∇ℓᵢ}: a route without the row basis. */
    @Property(tries = 120, maxDiscardRatio = 10)
    void fisherSharpnessBySolvingForEachGradient(@ForAll("cases") NetworkAndData c) {
        assumeSmooth(c);
        LocalModel m = LocalModel.of(c.net(), c.data());
        QMatrix j = m.outputJacobian();
        int n = c.data().size();
        QMatrix f = scaled(j.transpose().multiply(j), Q.of(2, n));
        BigFraction[][] out = m.outputs();
        int outs = out[0].length;
        BigFraction sum = BigFraction.ZERO;
        for (int i = 0; i < n; i++) {
            BigFraction[] g = new BigFraction[j.cols()];
            java.util.Arrays.fill(g, BigFraction.ZERO);
            for (int k = 0; k < outs; k++) {
                BigFraction r2 = out[i][k].subtract(c.data().target(i)[k]).multiply(2);
                for (int a = 0; a < g.length; a++) {
                    g[a] = g[a].add(r2.multiply(j.get(i * outs + k, a)));
                }
            }
            QVector gv = QVector.of(g);
            QVector u = Bareiss.solve(f, gv).orElseThrow(() -> new AssertionError("∇ℓᵢ is not in the range of F"));
            sum = sum.add(u.dot(f.multiply(u)));
        }
        assertEquals(Value.exact(sum.divide(n)), new FisherSharpness().compute(c.net(), c.data(), Options.DEFAULTS));
    }

    @Property(tries = 150, maxDiscardRatio = 10)
    void identifiabilityDeficiencyIsNonNegativeAndTheOrbitIsInTheKernel(@ForAll("cases") NetworkAndData c) {
        assumeSmooth(c);
        Value v = new LocalIdentifiabilityRank().compute(c.net(), c.data(), Options.DEFAULTS);
        BigFraction deficiency = ((Value.Exact) v).value();
        Statistics.label("deficiency").collect(deficiency.intValue());
        assertTrue(Q.signum(deficiency) >= 0);
        Value fd = new FunctionalDimension().compute(c.net(), c.data(), Options.DEFAULTS);
        assertEquals(Q.of(c.net().numParameters() - LocalIdentifiabilityRank.orbitDimension(c.net())),
                deficiency.add(((Value.Exact) fd).value()));
    }

    @Property(tries = 80, maxDiscardRatio = 10)
    void ballSharpnessWitnessesLieInTheirBallsAndTheEndsAreOrdered(@ForAll("cases") NetworkAndData c) {
        Options o = Options.DEFAULTS;
        BigFraction[] theta = c.net().parameters();
        Value.Certified l2 = (Value.Certified) new AdaptiveL2Sharpness().compute(c.net(), c.data(), o);
        Value.Certified box = (Value.Certified) new WorstCaseSharpness.Adaptive().compute(c.net(), c.data(), o);
        BigFraction r2 = BigFraction.ZERO;
        for (int k = 0; k < theta.length; k++) {
            if (Q.isZero(theta[k])) {
                assertEquals(theta[k], l2.witness().get(k), "a zero parameter does not move");
                continue;
            }
            BigFraction z = l2.witness().get(k).subtract(theta[k]).divide(theta[k].abs());
            r2 = r2.add(z.multiply(z));
        }
        assertTrue(r2.compareTo(o.rho().multiply(o.rho())) <= 0, "the witness is in the ball");
        BigFraction loss = WorstCaseSharpness.lossAt(c.net(), c.data(), theta);
        assertEquals(l2.interval().lo(), WorstCaseSharpness.lossAt(c.net(), c.data(),
                l2.witness().toArray(new BigFraction[0])).subtract(loss), "the lower end is the witness's increase");
        assertTrue(l2.interval().lo().compareTo(box.interval().hi()) <= 0, "the ball lies in the box");
        Value.Certified geo = (Value.Certified) new GeodesicSharpness().compute(c.net(), c.data(), o);
        assertTrue(geo.interval().lo().compareTo(geo.interval().hi()) <= 0);
        for (int k = 0; k < theta.length; k++) {
            BigFraction u = Q.isZero(theta[k]) ? BigFraction.ONE : geo.witness().get(k).divide(theta[k]);
            assertTrue(Q.signum(u) > 0, "a geodesic never changes a parameter's sign");
        }
        Statistics.label("l2 lower > 0").collect(Q.signum(l2.interval().lo()) > 0);
    }

    @Property(tries = 500)
    void dyadicSquareRootUpperBoundsAreTight(@ForAll("nonNegative") BigFraction x) {
        BigFraction u = SquareRoots.upper(x, 20);
        BigFraction ulp = Q.of(1, 1 << 20);
        assertTrue(u.multiply(u).compareTo(x) >= 0, "an upper bound");
        BigFraction below = u.subtract(ulp);
        assertTrue(Q.signum(below) < 0 || below.multiply(below).compareTo(x) < 0, "within one unit of 2^-20");
    }

    @Provide
    Arbitrary<BigFraction> nonNegative() {
        return Generators.rationals().map(BigFraction::abs);
    }

    /**
     * κ_ρ against a second eigenvalue route: each block's λ_max enclosed by the floating-point decomposition with
     * rigorous bounds ({@code CertifiedSpectrum}) instead of the characteristic polynomial; the sums must meet.
     */
    @Property(tries = 80, maxDiscardRatio = 10)
    void spectralRelativeFlatnessMeetsTheEnclosureRoute(@ForAll("cases") NetworkAndData c) {
        assumeSmooth(c);
        Assume.that(c.net().isLayered());
        Value v = new RelativeFlatnessSpectral().compute(c.net(), c.data(), Options.DEFAULTS);
        Assume.that(v instanceof Value.Certified);
        int[] sizes = c.net().layers().orElseThrow();
        int l = sizes.length - 2;
        BigFraction[][] w = org.flatcheck.network.Layered.weights(c.net())[l];
        int[][] index = RelativeFlatness.weightIndex(c.net(), l, sizes[l + 1], sizes[l]);
        QMatrix h = LocalModel.of(c.net(), c.data()).hessian();
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        for (int s = 0; s < sizes[l + 1]; s++) {
            BigFraction norm = BigFraction.ZERO;
            for (BigFraction x : w[s]) {
                norm = norm.add(x.multiply(x));
            }
            BigFraction[][] block = new BigFraction[sizes[l]][sizes[l]];
            for (int i = 0; i < sizes[l]; i++) {
                for (int j = 0; j < sizes[l]; j++) {
                    block[i][j] = h.get(index[s][i], index[s][j]).multiply(norm);
                }
            }
            org.flatcheck.exact.Interval m = org.flatcheck.exact.CertifiedSpectrum.of(QMatrix.of(block)).lambdaMax();
            lo = lo.add(m.lo());
            hi = hi.add(m.hi());
        }
        org.flatcheck.exact.Interval mine = ((Value.Certified) v).interval();
        assertTrue(mine.lo().compareTo(hi) <= 0 && lo.compareTo(mine.hi()) <= 0, mine + " meets [" + lo + ", " + hi + "]");
    }

    /**
     * The average-case estimate recomputed from its definition with the plain rational forward pass: the same
     * seeded draws on the canonical form, each pair's mean loss increase, averaged — the same exact rational.
     */
    @Property(tries = 40, maxDiscardRatio = 10)
    void averageSharpnessIsItsDefinitionRecomputed(@ForAll("cases") NetworkAndData c) {
        Value v = new AdaptiveAverageSharpness().compute(c.net(), c.data(), Options.DEFAULTS);
        Network canonical = c.net().isLayered()
                ? org.flatcheck.symmetry.CanonicalForm.underRescalingAndPermutation(c.net()).canonical()
                : org.flatcheck.symmetry.CanonicalForm.underRescaling(c.net()).canonical();
        BigFraction[] theta = canonical.parameters();
        BigFraction rho = Options.DEFAULTS.rho();
        BigFraction base = org.flatcheck.calculus.LineInterpolation.loss(canonical, c.data());
        java.util.Random rnd = new java.util.Random(AdaptiveAverageSharpness.SEED);
        BigFraction sum = BigFraction.ZERO;
        for (int i = 0; i < AdaptiveAverageSharpness.PAIRS; i++) {
            BigFraction[] plus = new BigFraction[theta.length];
            BigFraction[] minus = new BigFraction[theta.length];
            for (int k = 0; k < theta.length; k++) {
                BigFraction z = Q.of(Math.round(rnd.nextGaussian() * 65536), 65536);
                plus[k] = theta[k].add(theta[k].abs().multiply(rho).multiply(z));
                minus[k] = theta[k].subtract(theta[k].abs().multiply(rho).multiply(z));
            }
            sum = sum.add(org.flatcheck.calculus.LineInterpolation.loss(canonical.withParameters(plus), c.data())
                    .add(org.flatcheck.calculus.LineInterpolation.loss(canonical.withParameters(minus), c.data()))
                    .divide(2).subtract(base));
        }
        assertEquals(sum.divide(AdaptiveAverageSharpness.PAIRS), ((Value.Numeric) v).value());
    }
}
