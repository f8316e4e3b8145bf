package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.JsonInput;
import org.flatcheck.network.Network;

/**
 * The checker's handlers of the checks about path values (docs/certificates.md §3): {@code same_path_values}
 * (two networks agree on every path, bias paths included) and {@code exponent_identity} (every path's value
 * is a product of integer powers of basis-path values), on the checker's own path enumeration.
 */
final class PathChecks {
    private PathChecks() {
    }

    static void samePathValues(Recomputation r, JsonNode c, String path) {
        Network a = r.reader().net(c, path, "a");
        Network b = r.reader().net(c, path, "b");
        Map<String, BigFraction> va = pathValues(a);
        Map<String, BigFraction> vb = pathValues(b);
        if (!va.equals(vb)) {
            r.reader().fail(path + ": the path values of " + c.get("a").asText() + " and " + c.get("b").asText() + " differ");
        }
    }

    private static Map<String, BigFraction> pathValues(Network n) {
        Map<String, BigFraction> out = new HashMap<>();
        for (int[] p : CheckerPaths.paths(n, true)) {
            StringBuilder sb = new StringBuilder();
            for (int v : p) {
                sb.append(n.node(v).name()).append('\u0000');
            }
            out.put(sb.toString(), IndependentEvaluator.pathValue(n, p));
        }
        return out;
    }

    static void exponentIdentity(Recomputation r, JsonNode c, String path) {
        CertificateReader reader = r.reader();
        JsonInput in = reader.input();
        Network n = reader.net(c, path, "net");
        List<JsonNode> basis = in.array(in.required(c, path, "basis", FIX), path + ".basis", FIX);
        List<JsonNode> paths = in.array(in.required(c, path, "paths", FIX), path + ".paths", FIX);
        List<JsonNode> exps = in.array(in.required(c, path, "exponents", FIX), path + ".exponents", FIX);
        reader.expectLength(path + ".exponents", exps.size(), paths.size());
        BigFraction[] bv = new BigFraction[basis.size()];
        for (int i = 0; i < bv.length; i++) {
            bv[i] = IndependentEvaluator.pathValue(n, reader.pathNodes(n, basis.get(i), path + ".basis[" + i + "]"));
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            int[] p = reader.pathNodes(n, paths.get(i), path + ".paths[" + i + "]");
            listed.add(Arrays.toString(p));
            List<JsonNode> e = in.array(exps.get(i), path + ".exponents[" + i + "]", FIX);
            reader.expectLength(path + ".exponents[" + i + "]", e.size(), bv.length);
            BigFraction product = BigFraction.ONE;
            for (int j = 0; j < bv.length; j++) {
                String ep = path + ".exponents[" + i + "][" + j + "]";
                int k = PsiCheck.exponent(in, e.get(j), ep, "exponents are integers");
                BigFraction f = PsiCheck.power(in, ep, bv[j], k);
                product = product.multiply(f);
            }
            BigFraction actual = IndependentEvaluator.pathValue(n, p);
            if (!actual.equals(product)) {
                reader.fail(path + ".paths[" + i + "]: value " + Q.format(actual) + " ≠ Π basis^exponents = " + Q.format(product));
            }
        }
        Set<String> all = new HashSet<>();
        for (int[] p : CheckerPaths.paths(n, true)) {
            all.add(Arrays.toString(p));
        }
        if (!all.equals(listed)) {
            reader.fail(path + ": the listed paths are not all " + all.size() + " paths of the network (" + listed.size() + " listed)");
        }
    }
}
