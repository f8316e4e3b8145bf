package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.LineInterpolation;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/**
 * The log-chart Hessian against a second route that uses none of the derivative code: on θ's linear region
 * {@code t ↦ L(θ ⊙ (1 + t·w + t²w²/2))} is a polynomial, which agrees with {@code L(θ ⊙ e^{t·w})} to second
 * order, so exact interpolation through rational t gives {@code wᵀ H_log w} as twice its t² coefficient.
 */
class LogHessianProperties {
    @Provide
    Arbitrary<NetworkAndData> cases() {
        return Generators.networksWithData(Generators.smallNetworks());
    }

    private static Optional<BigFraction> curvatureAlongTheChart(NetworkAndData c, BigFraction[] w) {
        BigFraction[] theta = c.net().parameters();
        BigFraction[] u = new BigFraction[theta.length];
        BigFraction[] v = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            u[k] = theta[k].multiply(w[k]);
            v[k] = u[k].multiply(w[k]).divide(2);
        }
        return LineInterpolation.alongQuadraticCurve(c.net(), c.data(), u, v).map(co -> co[2].multiply(2));
    }

    private static void assumeSmooth(NetworkAndData c) {
        boolean kink = LocalModel.of(c.net(), c.data()).kink().isPresent();
        Statistics.label("kink").collect(kink);
        Assume.that(!kink);
    }

    @Property(tries = 150, maxDiscardRatio = 10)
    void quadraticFormIsTheSecondDerivativeAlongTheLogChart(@ForAll("cases") NetworkAndData c, @ForAll long seed) {
        assumeSmooth(c);
        java.util.Random rnd = new java.util.Random(seed);
        BigFraction[] w = new BigFraction[c.net().numParameters()];
        for (int k = 0; k < w.length; k++) {
            w[k] = new BigFraction(rnd.nextInt(9) - 4, 1 + rnd.nextInt(3));
        }
        Optional<BigFraction> curvature = curvatureAlongTheChart(c, w);
        Statistics.label("fitted").collect(curvature.isPresent());
        Assume.that(curvature.isPresent());
        QMatrix m = LogHessianMeasures.logHessian(c.net(), c.data());
        QVector wv = QVector.of(w);
        assertEquals(curvature.get(), wv.dot(m.multiply(wv)));
    }

    @Property(tries = 60, maxDiscardRatio = 10)
    void traceIsTheSumOfTheCurvaturesAlongEachCoordinate(@ForAll("cases") NetworkAndData c) {
        assumeSmooth(c);
        int p = c.net().numParameters();
        BigFraction sum = BigFraction.ZERO;
        for (int k = 0; k < p; k++) {
            BigFraction[] e = new BigFraction[p];
            java.util.Arrays.fill(e, BigFraction.ZERO);
            e[k] = BigFraction.ONE;
            Optional<BigFraction> ck = curvatureAlongTheChart(c, e);
            Assume.that(ck.isPresent());
            sum = sum.add(ck.get());
        }
        Value t = new LogHessianMeasures.Trace().compute(c.net(), c.data(), Options.DEFAULTS);
        assertEquals(Value.exact(sum), t);
    }
}
