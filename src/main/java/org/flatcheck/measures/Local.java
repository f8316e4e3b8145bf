package org.flatcheck.measures;

import java.math.BigInteger;
import java.util.function.Supplier;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.CertifiedSpectrum;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;

/**
 * Shared, cached exact computations for the measures of one (network, dataset) pair: an audit asks
 * many measures about the same objects, so their local model, Hessian and spectra are computed once.
 * The values are kept with the network instance ({@link Network#derived}), per dataset instance.
 */
final class Local {
    /** Width of the printed intervals of algebraic values; comparisons are exact regardless. */
    static final BigFraction WIDTH = Spectrum.widthForDigits(30);

    private Local() {
    }

    /** {@code what} of {@code (net, data)}, computed once per network instance and dataset instance. */
    static <T> T memo(Network net, Dataset data, String what, Supplier<T> compute) {
        return net.derived(data, what, compute);
    }

    static LocalModel model(Network net, Dataset data) {
        return memo(net, data, "model", () -> LocalModel.of(net, data));
    }

    /** The Hessian, or throws {@link KinkException}. */
    static QMatrix hessian(Network net, Dataset data) {
        return memo(net, data, "hessian", () -> model(net, data).hessian());
    }

    /** The Jacobian of every output on every data point (rows point-major), or throws {@link KinkException}. */
    static QMatrix jacobian(Network net, Dataset data) {
        return memo(net, data, "jacobian", () -> model(net, data).outputJacobian());
    }

    /** A basis of the Jacobian's row space, as row indices (exact elimination); its length is {@code rank J}. */
    static int[] jacobianRowBasis(Network net, Dataset data) {
        return memo(net, data, "jacobian-row-basis", () -> org.flatcheck.exact.Bareiss.pivotColumns(jacobian(net, data).transpose())).clone();
    }

    static Spectrum spectrum(Network net, Dataset data) {
        return memo(net, data, "spectrum", () -> Spectrum.of(hessian(net, data), WIDTH));
    }

    /**
     * Up to this order a symmetric matrix's λ_max is an exact algebraic number (characteristic polynomial,
     * O(n⁴); equality decidable); above, a certified enclosure ({@link CertifiedSpectrum}, O(n³)).
     */
    static final int EXACT_SPECTRUM_PARAMS = 200;
    static final String ENCLOSURE_NOTE = "certified enclosure without the characteristic polynomial "
            + "(Gershgorin, Weyl, Ostrowski; proofs/certified-spectrum.md)";

    /** The certified spectrum (enclosures, exact rank) of the symmetric {@code m}, memoised under {@code key}. */
    static CertifiedSpectrum certified(Network net, Dataset data, String key, QMatrix m) {
        return memo(net, data, "certified-" + key, () -> CertifiedSpectrum.of(m));
    }

    /** λ_max of the symmetric {@code m}, by the route its order calls for, memoised under {@code key}. */
    static Value lambdaMax(Network net, Dataset data, String key, QMatrix m) {
        if (m.rows() <= EXACT_SPECTRUM_PARAMS) {
            return lambdaMax(key.equals("spectrum") ? spectrum(net, data) : memo(net, data, key, () -> Spectrum.of(m, WIDTH)));
        }
        return new Value.Certified(certified(net, data, key, m).lambdaMax(), null, ENCLOSURE_NOTE);
    }

    /** λ_max of the symmetric {@code m}, by the route its order calls for (not memoised). */
    static Value lambdaMax(QMatrix m) {
        if (m.rows() <= EXACT_SPECTRUM_PARAMS) {
            return lambdaMax(Spectrum.of(m, WIDTH));
        }
        return new Value.Certified(CertifiedSpectrum.of(m).lambdaMax(), null, ENCLOSURE_NOTE);
    }

    /** λ_max of a spectrum as a certified algebraic value, or undefined for an empty matrix. */
    static Value lambdaMax(Spectrum s) {
        return s.eigenvalues().isEmpty() ? new Value.Undefined("the matrix is empty (no parameters)")
                : Value.algebraic(s.lambdaMaxExact(), WIDTH);
    }

    /** The kink as an undefined value, if θ sits on one. */
    static java.util.Optional<Value> kink(Network net, Dataset data) {
        return model(net, data).kink().map(k -> new Value.Undefined(k.getMessage()));
    }

    /**
     * {@code exp(logScale)} as a short positive dyadic rational (20 significant bits), for the
     * rescalings a numeric search proposes: any positive scale is feasible, so rounding never
     * affects soundness, only how many digits the printed witness has; 1 if the exponential is not a
     * finite positive double.
     */
    static BigFraction shortScale(double logScale) {
        double e = StrictMath.exp(logScale);
        if (!Double.isFinite(e) || e <= 0) {
            return BigFraction.ONE;
        }
        int shift = 19 - Math.getExponent(e);
        BigInteger mantissa = BigInteger.valueOf(Math.round(Math.scalb(e, shift)));
        return shift >= 0 ? Q.of(mantissa, BigInteger.ONE.shiftLeft(shift))
                : Q.of(mantissa.shiftLeft(-shift));
    }
}
