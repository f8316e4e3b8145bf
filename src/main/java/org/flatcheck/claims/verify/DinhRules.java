package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CheckKind.IN_BOX;
import static org.flatcheck.claims.verify.CheckKind.IN_KESKAR_BOX;
import static org.flatcheck.claims.verify.Evidence.checkKind;
import static org.flatcheck.claims.verify.Evidence.epsilon;
import static org.flatcheck.claims.verify.Evidence.hasFactor;
import static org.flatcheck.claims.verify.Evidence.isConstant;
import static org.flatcheck.claims.verify.Evidence.isRelation;
import static org.flatcheck.claims.verify.Evidence.op;
import static org.flatcheck.claims.verify.Evidence.q;
import static org.flatcheck.claims.verify.Evidence.value;
import static org.flatcheck.claims.verify.QuantityKind.BOX_VOLUME;
import static org.flatcheck.claims.verify.QuantityKind.HESSIAN_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.KESKAR_RATIO;
import static org.flatcheck.claims.verify.QuantityKind.KESKAR_UPPER_BOUND;
import static org.flatcheck.claims.verify.QuantityKind.LOSS;
import static org.flatcheck.claims.verify.QuantityKind.LOSS_UPPER_BOUND_ON_BOX;
import static org.flatcheck.claims.verify.QuantityKind.RAYLEIGH;
import static org.flatcheck.claims.verify.QuantityKind.WEIGHTED_HESSIAN_TRACE;
import static org.flatcheck.claims.verify.RelationOp.EQ;
import static org.flatcheck.claims.verify.RelationOp.GE;
import static org.flatcheck.claims.verify.RelationOp.GT;
import static org.flatcheck.claims.verify.RelationOp.LE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * The evidence rules of Dinh et al. 2017's theorems (docs/certificates.md §5): layer scalings of one base
 * network make the Hessian's largest eigenvalue unbounded (Thm 3), Keskar's sharpness arbitrarily large
 * (Thm 5), and the volume of a sublevel box arbitrarily large (Thm 2).
 */
final class DinhRules {
    private static final BigFraction KESKAR_EPSILON = Q.of(1, 1000);
    private static final BigFraction VOLUME_EPSILON = Q.of(1, 100);

    private DinhRules() {
    }

    /**
     * Dinh et al. Thm 3: one bias-free one-hidden-layer network A at an exact critical point; trace identities
     * tr ∇²L(T_αA) = Σ wₖHₖₖ(A) with w = 1/α² on the first layer and α² on the second; and for each M in
     * 10³, 10⁶, 10⁹, 10¹² a layer scaling with a Rayleigh quotient ≥ M (a lower bound of λ_max).
     */
    static void dinhHessian(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Map<String, Integer> images = ev.images(Set.of("layer_scaling"));
        String base = ev.oneBase(images, "dinh-hessian-unbounded");
        if (base == null) {
            return;
        }
        Network a = ev.reader().networkNamed(base);
        if (a.hasBiases() || a.layers().map(s -> s.length).orElse(0) != 3) {
            ev.fail(base + " must be a one-hidden-layer network without biases (Thm 3's setting)");
            return;
        }
        int identities = 0;
        Set<BigFraction> bounds = new HashSet<>();
        Set<String> rayleighData = new TreeSet<>();
        String data = null;
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || hasFactor(c)) {
                continue;
            }
            String at = "checks[" + j + "]";
            if (q(c, "lhs") == HESSIAN_TRACE && q(c, "rhs") == WEIGHTED_HESSIAN_TRACE) {
                Integer image = images.get(base + "\u0000" + c.get("lhs").path("net").asText());
                if (image == null || !c.get("rhs").path("net").asText().equals(base)
                        || !c.get("lhs").path("data").equals(c.get("rhs").path("data")) || !ev.decisive(j, image, c.path("op").asText())) {
                    ev.fail(at + ": a trace identity compares tr ∇²L(T_α A) with Σ wₖHₖₖ(A) on one dataset");
                    continue;
                }
                BigFraction alpha = GroupImageCheck.layerFactor(checks.get(image), 0);
                BigFraction[] w = ev.reader().vector(c.get("rhs"), at + ".rhs", "weights");
                int first = a.layers().orElseThrow()[0] * a.layers().orElseThrow()[1];
                boolean ok = w.length == a.numParameters();
                for (int k = 0; ok && k < w.length; k++) {
                    BigFraction expected = k < first ? alpha.multiply(alpha).reciprocal() : alpha.multiply(alpha);
                    ok = w[k].equals(expected);
                }
                if (!ok) {
                    ev.fail(at + ": the weights are not 1/α² on the first layer and α² on the second for α of checks[" + image + "]");
                    continue;
                }
                data = c.get("lhs").path("data").asText();
                identities++;
                ev.use(j, image);
            } else if (q(c, "lhs") == RAYLEIGH && isConstant(c.get("rhs"), false) && op(c) == GE) {
                Integer image = images.get(base + "\u0000" + c.get("lhs").path("net").asText());
                if (image == null || !c.path("role").asText().equals("witness") || !checks.get(image).path("role").asText().equals("witness")
                        || ev.trivial(image)) {
                    ev.fail(at + ": a bound is a witness: a Rayleigh quotient of T_α A (a witness group image, not the identity) ≥ M");
                    continue;
                }
                rayleighData.add(c.get("lhs").path("data").asText());
                bounds.add(value(c.get("rhs")));
                ev.use(j, image);
            }
        }
        for (int e = 3; e <= 12; e += 3) {
            BigFraction m = Q.of(java.math.BigInteger.TEN.pow(e));
            if (bounds.stream().noneMatch(b -> b != null && b.compareTo(m) >= 0)) {
                ev.fail("no witness with λ_max ≥ 10^" + e);
            }
        }
        if (identities == 0) {
            ev.fail("no trace identity");
        } else {
            ev.criticalPoint("the base network", base, data);
            for (String d : rayleighData) {
                if (!d.equals(data)) {
                    ev.fail("a Rayleigh witness is on dataset " + d + ", not on " + data + ", where " + base + " is shown critical");
                }
            }
        }
    }

    /** Dinh et al. Thm 5 with Keskar's box: T = T_α A, L(T) = L(A), Z in T's box, ratio(T, Z) > upper bound at A. */
    static void dinhKeskar(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Map<String, Integer> images = ev.images(Set.of("layer_scaling"));
        String base = ev.oneBase(images, "dinh-keskar-sharpness");
        if (base == null) {
            return;
        }
        int box = ev.find(c -> checkKind(c) == IN_KESKAR_BOX);
        int ratio = ev.find(c -> isRelation(c) && q(c, "lhs") == KESKAR_RATIO && q(c, "rhs") == KESKAR_UPPER_BOUND
                && op(c) == GT && !hasFactor(c));
        if (box < 0 || ratio < 0) {
            ev.fail("the claim needs an in_keskar_box check and keskar_ratio > keskar_upper_bound");
            return;
        }
        JsonNode b = checks.get(box);
        JsonNode r = checks.get(ratio);
        String t = b.path("center").asText();
        Integer image = images.get(base + "\u0000" + t);
        int loss = ev.find(c -> isRelation(c) && q(c, "lhs") == LOSS && q(c, "rhs") == LOSS && !hasFactor(c)
                && c.get("lhs").path("net").asText().equals(t) && c.get("rhs").path("net").asText().equals(base)
                && op(c) == EQ);
        boolean ok = image != null && loss >= 0
                && epsilon(b, "epsilon").equals(KESKAR_EPSILON) && epsilon(r.get("rhs"), "epsilon").equals(KESKAR_EPSILON)
                && r.get("lhs").path("center").asText().equals(t) && r.get("lhs").path("point").equals(b.path("point"))
                && r.get("rhs").path("net").asText().equals(base) && r.get("lhs").path("data").equals(r.get("rhs").path("data"));
        for (int i : new int[] {box, ratio, loss, image == null ? -1 : image}) {
            ok &= i >= 0 && checks.get(i).path("role").asText().equals("witness");
        }
        if (!ok) {
            ev.fail("the claim needs, as witnesses: T = T_α A, L(T) = L(A), a point Z in T's box with ε = 1/1000, and "
                    + "keskar_ratio(T, Z) > keskar_upper_bound(A, ε = 1/1000) on one dataset");
            return;
        }
        ev.use(box, ratio, loss, image);
        ev.criticalPoint("the base network", base, r.get("rhs").path("data").asText());
    }

    /** Dinh et al. Thm 2: boxes of growing volume around layer scalings of a zero-loss A, inside the ε-sublevel set. */
    static void dinhVolume(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Map<String, Integer> images = ev.images(Set.of("layer_scaling"));
        String base = ev.oneBase(images, "dinh-volume-flatness");
        if (base == null) {
            return;
        }
        int zero = ev.find(c -> isRelation(c) && q(c, "lhs") == LOSS && c.get("lhs").path("net").asText().equals(base)
                && isConstant(c.get("rhs"), true) && op(c) == EQ && !hasFactor(c));
        if (zero < 0) {
            ev.fail(base + " needs L = 0 (a global minimum)");
            return;
        }
        ev.use(zero);
        String zeroData = checks.get(zero).get("lhs").path("data").asText();
        List<BigFraction> volumes = new ArrayList<>();
        for (Map.Entry<String, Integer> im : images.entrySet()) {
            String t = im.getKey().substring(im.getKey().indexOf('\u0000') + 1);
            int loss = ev.find(c -> isRelation(c) && q(c, "lhs") == LOSS && q(c, "rhs") == LOSS && !hasFactor(c)
                    && c.get("lhs").path("net").asText().equals(t) && c.get("rhs").path("net").asText().equals(base)
                    && c.get("lhs").path("data").asText().equals(zeroData) && c.get("rhs").path("data").asText().equals(zeroData));
            int inBox = ev.find(c -> checkKind(c) == IN_BOX && c.path("net").asText().equals(t));
            if (loss < 0 || inBox < 0) {
                continue;
            }
            JsonNode lo = checks.get(inBox).path("lo");
            JsonNode hi = checks.get(inBox).path("hi");
            int bound = ev.find(c -> isRelation(c) && q(c, "lhs") == LOSS_UPPER_BOUND_ON_BOX && !hasFactor(c)
                    && c.get("lhs").path("net").asText().equals(t) && c.get("lhs").path("lo").equals(lo) && c.get("lhs").path("hi").equals(hi)
                    && c.get("lhs").path("data").asText().equals(zeroData)
                    && op(c) == LE && isConstant(c.get("rhs"), false)
                    && Evidence.constantIs(c.get("rhs"), VOLUME_EPSILON));
            int volume = ev.find(c -> isRelation(c) && q(c, "lhs") == BOX_VOLUME && !hasFactor(c)
                    && c.get("lhs").path("lo").equals(lo) && c.get("lhs").path("hi").equals(hi)
                    && op(c) == EQ && isConstant(c.get("rhs"), false));
            if (bound < 0 || volume < 0) {
                continue;
            }
            for (int i : new int[] {im.getValue(), loss, inBox, bound, volume}) {
                ev.use(i);
            }
            BigFraction v = value(checks.get(volume).get("rhs"));
            if (v == null || v.getNumerator().signum() <= 0) {
                ev.fail("checks[" + volume + "]: a box of volume " + (v == null ? "?" : Q.format(v))
                        + "; the claim's boxes have positive volume");
                continue;
            }
            volumes.add(v);
        }
        volumes.sort(null);
        if (volumes.size() < 3 || volumes.get(volumes.size() - 1).compareTo(volumes.get(0).multiply(1000)) < 0) {
            ev.fail("the claim needs at least 3 boxes in the sublevel set {L ≤ ε = 1/100}, the largest at least 1000 times "
                    + "the smallest in volume (found " + volumes.size() + ")");
        }
    }
}
