package org.flatcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;

/** Exact numbers as the reports print them: rationals as "p/q" strings in JSON, intervals, polynomials. */
final class Numbers {
    private Numbers() {
    }

    static ArrayNode vector(BigFraction[] v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (BigFraction x : v) {
            a.add(Q.format(x));
        }
        return a;
    }

    static ArrayNode matrix(BigFraction[][] m) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (BigFraction[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    static ObjectNode interval(Interval i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("lo", Q.format(i.lo()));
        o.put("hi", Q.format(i.hi()));
        return o;
    }

    /**
     * An exact point as p/q, otherwise the midpoint and the certified radius; the midpoint to as many
     * significant digits as the interval resolves plus two (at most 25).
     */
    static String approx(Interval i) {
        if (i.isPoint()) {
            return Q.format(i.lo()) + " (exact)";
        }
        BigFraction mid = i.midpoint();
        int digits = 25;
        if (!Q.isZero(mid)) {
            double ratio = Math.abs(mid.doubleValue()) / i.width().doubleValue();
            digits = ratio > 0 && Double.isFinite(ratio) ? (int) Math.max(3, Math.min(25, Math.floor(StrictMath.log10(ratio)) + 3)) : 25;
        }
        return Q.approx(mid, digits) + "  (± " + Q.approx(i.width().divide(2), 2) + ")";
    }

    /** A characteristic polynomial, coefficients from the highest power: "λ^3 − 2·λ^2 + 1/2·λ". */
    static String charPoly(BigFraction[] c) {
        StringBuilder sb = new StringBuilder();
        int n = c.length - 1;
        for (int k = 0; k <= n; k++) {
            if (Q.isZero(c[k])) {
                continue;
            }
            BigFraction a = c[k].abs();
            sb.append(sb.length() == 0 ? (Q.signum(c[k]) < 0 ? "−" : "") : Q.signum(c[k]) < 0 ? " − " : " + ");
            int p = n - k;
            boolean one = a.equals(BigFraction.ONE);
            if (!one || p == 0) {
                sb.append(Q.format(a));
            }
            if (p > 0) {
                sb.append(one ? "" : "·").append(p == 1 ? "λ" : "λ^" + p);
            }
        }
        return sb.toString();
    }
}
