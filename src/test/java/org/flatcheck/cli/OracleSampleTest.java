package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.io.Datasets;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle sample (expected values computed independently in SymPy, see its README): every exact
 * field of {@code hessian --json} must match, every certified eigenvalue interval must contain the
 * oracle's 40-digit value, kinks must exit 3. Reads the sample under {@code src/test/resources}, so the test
 * depends on nothing outside the repository; the system property {@code flatcheck.oracle} points it at another
 * folder of the same layout (to run further cases).
 */
class OracleSampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path sampleDir() {
        String override = System.getProperty("flatcheck.oracle");
        if (override != null) {
            return Path.of(override);
        }
        return Path.of("src", "test", "resources", "oracle-sample");
    }

    /** (case directory, network file name, expected file name) for every case and twin. */
    static Stream<String[]> cases() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(sampleDir())) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                out.add(new String[] {d.toString(), "net.json", "expected.json"});
                if (Files.exists(d.resolve("twin.json"))) {
                    out.add(new String[] {d.toString(), "twin.json", "twin-expected.json"});
                }
            }
        }
        assertTrue(out.size() >= 8, "the oracle sample has cases");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void hessianJsonMatchesTheOracle(String dir, String netFile, String expectedFile) throws IOException {
        Path d = Path.of(dir);
        JsonNode e = JSON.readTree(d.resolve(expectedFile).toFile());
        CliRun run = CliRun.of("hessian", "--net", d.resolve(netFile).toString(), "--data",
                d.resolve("data.json").toString(), "--json", "--charpoly");
        if (e.get("kink").asBoolean()) {
            assertEquals(3, run.code(), run.err());
            assertEquals(1, run.err().strip().lines().count(), "one-line reason: " + run.err());
            return;
        }
        assertEquals(0, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        assertEquals("charpoly", j.get("spectrum_method").asText());
        assertEquals(e.get("num_params").asInt(), j.get("num_params").asInt());
        assertEquals(fractions(e.get("outputs")), fractions(j.get("outputs")), "outputs");
        for (String key : List.of("loss", "hessian_trace", "hessian_frobenius_squared", "hessian_pdet")) {
            assertEquals(Q.parse(e.get(key).asText()), Q.parse(j.get(key).asText()), key);
        }
        assertEquals(fractions(e.get("gradient")), fractions(j.get("gradient")), "gradient");
        assertEquals(fractions(e.get("hessian_charpoly")), fractions(j.get("hessian_charpoly")), "charpoly");
        assertEquals(e.get("hessian_rank").asInt(), j.get("hessian_rank").asInt(), "rank");
        assertEquals(false, j.get("kink").asBoolean());
        JsonNode eigs = j.get("eigenvalues");
        assertEquals(e.get("hessian_eigs_40").size(), eigs.size());
        for (int k = 0; k < eigs.size(); k++) {
            assertContains(eigs.get(k), e.get("hessian_eigs_40").get(k).asText(), "eigenvalue " + k);
        }
        assertContains(j.get("lambda_max"), e.get("hessian_lambda_max_40").asText(), "lambda_max");
        BigFraction width = Q.parse(j.get("lambda_max").get("hi").asText())
                .subtract(Q.parse(j.get("lambda_max").get("lo").asText()));
        assertTrue(width.compareTo(new BigFraction(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(30))) <= 0);
        if (e.has("layer_scaled_hessian_trace")) {
            assertEquals(Q.parse(e.get("layer_scaled_hessian_trace").asText()), layerScaledTrace(d.resolve(netFile),
                    d.resolve("data.json")), "tr(D_W H), which checks the Hessian's diagonal blocks");
        }
    }

    /**
     * The default route (certified enclosures, no characteristic polynomial) against the same oracle: rank,
     * every eigenvalue in its interval, zero eigenvalues exactly [0, 0], inertia from the oracle's signs,
     * λ_min and λ_max.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void defaultEnclosuresMatchTheOracle(String dir, String netFile, String expectedFile) throws IOException {
        Path d = Path.of(dir);
        JsonNode e = JSON.readTree(d.resolve(expectedFile).toFile());
        if (e.get("kink").asBoolean()) {
            return;
        }
        CliRun run = CliRun.of("hessian", "--net", d.resolve(netFile).toString(), "--data",
                d.resolve("data.json").toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        assertEquals("enclosure", j.get("spectrum_method").asText());
        assertEquals(e.get("hessian_rank").asInt(), j.get("hessian_rank").asInt(), "rank");
        JsonNode eigs = j.get("eigenvalues");
        JsonNode want = e.get("hessian_eigs_40");
        assertEquals(want.size(), eigs.size());
        int[] signs = new int[3];
        for (int k = 0; k < eigs.size(); k++) {
            assertContains(eigs.get(k), want.get(k).asText(), "eigenvalue " + k);
            // SymPy prints some exact zeros as ±1e-60-ish residues: below 1e-30 counts as 0 (the rank decides)
            BigDecimal v = new BigDecimal(want.get(k).asText());
            int sign = v.abs().compareTo(new BigDecimal("1e-30")) < 0 ? 0 : v.signum();
            signs[sign + 1]++;
            if (sign == 0) {
                assertEquals("0", eigs.get(k).get("lo").asText(), "a zero eigenvalue is exact");
                assertEquals("0", eigs.get(k).get("hi").asText(), "a zero eigenvalue is exact");
            }
        }
        JsonNode in = j.get("inertia");
        assertEquals(signs[0], in.get("negative").asInt(), "negative");
        assertEquals(signs[1], in.get("zero").asInt(), "zero");
        assertEquals(signs[2], in.get("positive").asInt(), "positive");
        assertEquals(j.get("num_params").asInt() - j.get("hessian_rank").asInt(), in.get("zero").asInt());
        assertContains(j.get("lambda_min"), want.get(0).asText(), "lambda_min");
        assertContains(j.get("lambda_max"), e.get("hessian_lambda_max_40").asText(), "lambda_max");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void pathsJsonMatchesTheOracle(String dir, String netFile, String expectedFile) throws IOException {
        Path d = Path.of(dir);
        JsonNode e = JSON.readTree(d.resolve(expectedFile).toFile());
        CliRun run = CliRun.of("paths", "--net", d.resolve(netFile).toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        for (String key : List.of("num_paths", "incidence_rank", "num_weights", "num_hidden")) {
            assertEquals(e.get(key).asLong(), j.get(key).asLong(), key);
        }
        for (String key : List.of("path_norm_l1", "path_norm_l2_squared")) {
            assertEquals(Q.parse(e.get(key).asText()), Q.parse(j.get(key).asText()), key);
        }
        java.util.Map<String, BigFraction> want = new java.util.TreeMap<>();
        e.get("path_values").fields().forEachRemaining(x -> want.put(x.getKey(), Q.parse(x.getValue().asText())));
        java.util.Map<String, BigFraction> got = new java.util.TreeMap<>();
        j.get("path_values").fields().forEachRemaining(x -> got.put(x.getKey(), Q.parse(x.getValue().asText())));
        assertEquals(want, got, "path_values");
    }

    /** Twins: equiv must agree with the oracle's twin_kind, and its JSON witness must map A onto B exactly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twinCases")
    void equivDecidesTheOracleTwins(String dir) throws IOException {
        Path d = Path.of(dir);
        JsonNode e = JSON.readTree(d.resolve("twin-expected.json").toFile());
        boolean want = !"not-equivalent".equals(e.path("twin_kind").asText());
        CliRun run = CliRun.of("equiv", d.resolve("net.json").toString(), d.resolve("twin.json").toString(), "--json");
        assertEquals(want ? 0 : 1, run.code(), run.err());
        JsonNode j = JSON.readTree(run.out());
        assertEquals(want, j.get("equivalent").asBoolean());
        if (!want) {
            assertTrue(j.get("reason").asText().length() > 0);
            return;
        }
        Network a = NetworkJson.read(d.resolve("net.json"));
        Network b = NetworkJson.read(d.resolve("twin.json"));
        BigFraction[] theta = a.parameters();
        JsonNode scales = j.get("witness").get("scales");
        for (int k = 0; k < theta.length; k++) {
            Edge edge = a.edge(k);
            theta[k] = theta[k].multiply(scale(a, scales, edge.to())).divide(scale(a, scales, edge.from()));
        }
        assertEquals(java.util.Arrays.asList(b.parameters()), java.util.Arrays.asList(theta), "witness scales map A onto B");
    }

    static Stream<String> twinCases() throws IOException {
        return cases().filter(c -> c[1].equals("twin.json")).map(c -> c[0]);
    }

    private static BigFraction scale(Network n, JsonNode scales, int v) {
        JsonNode s = scales.get(n.node(v).name());
        return s == null ? BigFraction.ONE : Q.parse(s.asText());
    }

    /** The catalog's measures agree with the oracle's independent values. */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void measureValuesMatchTheOracle(String dir, String netFile, String expectedFile) throws IOException {
        Path d = Path.of(dir);
        JsonNode e = JSON.readTree(d.resolve(expectedFile).toFile());
        Network n = NetworkJson.read(d.resolve(netFile));
        org.flatcheck.calculus.Dataset data = Datasets.read(d.resolve("data.json"));
        org.flatcheck.measures.Catalog catalog = org.flatcheck.measures.Catalog.load();
        java.util.function.Function<String, org.flatcheck.measures.Value> m =
                id -> catalog.get(id).orElseThrow().compute(n, data, org.flatcheck.measures.Options.DEFAULTS);
        assertEquals(new org.flatcheck.measures.Value.Exact(Q.parse(e.get("path_norm_l1").asText())), m.apply("path-norm-l1"));
        assertEquals(new org.flatcheck.measures.Value.Exact(Q.parse(e.get("path_norm_l2_squared").asText())), m.apply("path-norm-l2"));
        if (e.get("kink").asBoolean()) {
            assertTrue(m.apply("hessian-trace") instanceof org.flatcheck.measures.Value.Undefined, "undefined at a kink");
            return;
        }
        assertEquals(new org.flatcheck.measures.Value.Exact(Q.parse(e.get("hessian_trace").asText())), m.apply("hessian-trace"));
        assertEquals(new org.flatcheck.measures.Value.Exact(Q.parse(e.get("hessian_frobenius_squared").asText())),
                m.apply("hessian-frobenius"));
        assertEquals(new org.flatcheck.measures.Value.Exact(Q.parse(e.get("hessian_pdet").asText())), m.apply("hessian-pdet"));
        org.flatcheck.measures.Value.Certified lm = (org.flatcheck.measures.Value.Certified) m.apply("hessian-lambda-max");
        ObjectMapper om = new ObjectMapper();
        assertContains(om.createObjectNode().put("lo", Q.format(lm.interval().lo())).put("hi", Q.format(lm.interval().hi())),
                e.get("hessian_lambda_max_40").asText(), "hessian-lambda-max");
        if (e.has("layer_scaled_hessian_trace")) {
            assertEquals(new org.flatcheck.measures.Value.Exact(Q.parse(e.get("layer_scaled_hessian_trace").asText())),
                    m.apply("quotient-hessian-trace"));
        }
    }

    /** tr(D_W H) with D_W = ‖W_l‖_F² on weight layer l (bias-free networks, docs/definitions.md §measures quotient-hessian). */
    private static BigFraction layerScaledTrace(Path net, Path data) {
        Network n = NetworkJson.read(net);
        QMatrix h = LocalModel.of(n, Datasets.read(data)).hessian();
        int layers = n.depth();
        BigFraction[] norm = new BigFraction[layers];
        java.util.Arrays.fill(norm, BigFraction.ZERO);
        for (Edge edge : n.edges()) {
            int l = n.depth(edge.from());
            norm[l] = norm[l].add(edge.weight().multiply(edge.weight()));
        }
        BigFraction t = BigFraction.ZERO;
        for (int k = 0; k < n.numParameters(); k++) {
            t = t.add(norm[n.depth(n.edge(k).from())].multiply(h.get(k, k)));
        }
        return t;
    }

    private static List<BigFraction> fractions(JsonNode node) {
        List<BigFraction> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(x -> out.addAll(fractions(x)));
        } else {
            out.add(Q.parse(node.asText()));
        }
        return out;
    }

    /** lo ≤ v ≤ hi, allowing for the oracle's rounding to 40 significant digits. */
    private static void assertContains(JsonNode interval, String decimal, String what) {
        BigDecimal v = new BigDecimal(decimal);
        MathContext mc = new MathContext(60);
        BigDecimal lo = toDecimal(Q.parse(interval.get("lo").asText()), mc);
        BigDecimal hi = toDecimal(Q.parse(interval.get("hi").asText()), mc);
        BigDecimal tol = v.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-38"));
        assertTrue(lo.compareTo(v.add(tol)) <= 0 && v.subtract(tol).compareTo(hi) <= 0,
                what + ": [" + lo + ", " + hi + "] misses " + v);
    }

    private static BigDecimal toDecimal(BigFraction x, MathContext mc) {
        return new BigDecimal(x.getNumerator()).divide(new BigDecimal(x.getDenominator()), mc);
    }
}
