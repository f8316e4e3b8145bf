package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * The checker's handlers of the checks that a network lies in a box of parameters (docs/certificates.md §3):
 * {@code in_keskar_box}, |pointₖ − centerₖ| ≤ ε(|centerₖ| + 1), and {@code in_box}, loₖ ≤ θₖ ≤ hiₖ.
 */
final class BoxChecks {
    private BoxChecks() {
    }

    static void inKeskarBox(Recomputation r, JsonNode c, String path) {
        CertificateReader reader = r.reader();
        Network center = reader.net(c, path, "center");
        Network point = reader.net(c, path, "point");
        BigFraction eps = reader.input().rational(reader.input().required(c, path, "epsilon", CertificateReader.FIX), path + ".epsilon");
        BigFraction[] a = center.parameters();
        BigFraction[] b = point.parameters();
        if (a.length != b.length) {
            reader.fail(path + ": center and point have different numbers of parameters");
            return;
        }
        for (int k = 0; k < a.length; k++) {
            BigFraction bound = eps.multiply(a[k].abs().add(BigFraction.ONE));
            if (b[k].subtract(a[k]).abs().compareTo(bound) > 0) {
                reader.fail(path + ": parameter " + center.parameterName(k) + " moves by more than ε(|θ|+1)");
                return;
            }
        }
    }

    static void inBox(Recomputation r, JsonNode c, String path) {
        CertificateReader reader = r.reader();
        Network n = reader.net(c, path, "net");
        BigFraction[] lo = reader.vector(c, path, "lo");
        BigFraction[] hi = reader.vector(c, path, "hi");
        BigFraction[] theta = n.parameters();
        reader.expectLength(path + ".lo", lo.length, theta.length);
        reader.expectLength(path + ".hi", hi.length, theta.length);
        for (int k = 0; k < theta.length; k++) {
            if (theta[k].compareTo(lo[k]) < 0 || theta[k].compareTo(hi[k]) > 0) {
                reader.fail(path + ": parameter " + n.parameterName(k) + " = " + Q.format(theta[k]) + " is outside the box");
                return;
            }
        }
    }
}
