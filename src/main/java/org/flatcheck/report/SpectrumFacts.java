package org.flatcheck.report;

import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.CertifiedSpectrum;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Spectrum;

/**
 * The spectral facts both routes of {@code hessian} report: the k-th interval holds the k-th smallest
 * eigenvalue; rank and inertia exact, or (enclosure route, kernel not verified) only bounded; the
 * determinant when the Hessian is nonsingular; how many intervals stayed wider than asked.
 */
record SpectrumFacts(List<Interval> eigenvalues, Integer rank, int rankLo, int rankHi, CertifiedSpectrum.Inertia inertia,
        CertifiedSpectrum.Inertia inertiaLo, CertifiedSpectrum.Inertia inertiaHi, Interval det, String method,
        Integer widerThanAsked) {

    /** The facts of certified enclosures; {@code refinedTo} is the width asked for, or null if not refined. */
    static SpectrumFacts of(CertifiedSpectrum s, BigFraction refinedTo) {
        CertifiedSpectrum.Inertia in = s.inertia().orElse(null);
        return new SpectrumFacts(s.eigenvalues(), s.rankCertified() ? s.rank() : null, s.rankLowerBound(), s.rankUpperBound(),
                in, s.inertiaLowerBound(), s.inertiaUpperBound(), s.determinant(20).orElse(null), "enclosure",
                refinedTo == null ? null : s.widerThan(refinedTo));
    }

    /** The facts of the characteristic polynomial route: everything exact. */
    static SpectrumFacts of(Spectrum s) {
        int pos = 0;
        int neg = 0;
        for (AlgebraicNumber x : s.exactEigenvalues()) {
            int c = x.compareTo(AlgebraicNumber.rational(BigFraction.ZERO));
            pos += c > 0 ? 1 : 0;
            neg += c < 0 ? 1 : 0;
        }
        int n = s.exactEigenvalues().size();
        CertifiedSpectrum.Inertia in = new CertifiedSpectrum.Inertia(pos, n - s.rank(), neg);
        Interval det = s.rank() == n ? Interval.point(s.pseudoDeterminant()) : null;
        return new SpectrumFacts(s.eigenvalues(), s.rank(), s.rank(), s.rank(), in, in, in, det, "charpoly", null);
    }

    /** These facts with the exact determinant. */
    SpectrumFacts withDet(Interval exactDet) {
        return new SpectrumFacts(eigenvalues, rank, rankLo, rankHi, inertia, inertiaLo, inertiaHi, exactDet, method, widerThanAsked);
    }
}
