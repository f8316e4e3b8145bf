package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.junit.jupiter.api.Test;

/** {@code hessian}'s spectrum routes: the default enclosures, --charpoly / --pdet, and their size guards. */
class HessianCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws IOException {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), run.err());
        return JSON.readTree(run.out());
    }

    private static Interval interval(JsonNode o) {
        return Interval.of(Q.parse(o.get("lo").asText()), Q.parse(o.get("hi").asText()));
    }

    @Test
    void defaultRouteReportsExactRankInertiaAndZeros() throws IOException {
        JsonNode j = json("hessian", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json");
        assertEquals("enclosure", j.get("spectrum_method").asText());
        assertEquals(4, j.get("hessian_rank").asInt());
        assertEquals(4, j.get("inertia").get("positive").asInt());
        assertEquals(5, j.get("inertia").get("zero").asInt());
        assertEquals(0, j.get("inertia").get("negative").asInt());
        assertEquals(Interval.point(BigFraction.ZERO), interval(j.get("lambda_min")));
        // README: λ_max = 62.61408939522876994850807… (charpoly route, 30 digits)
        assertTrue(interval(j.get("lambda_max")).contains(Q.parse("6261408939522876994850807/100000000000000000000000")));
        assertFalse(j.has("det"), "det only when rank = P");
        assertFalse(j.has("hessian_charpoly"), "no characteristic polynomial by default");
    }

    @Test
    void determinantEnclosureWhenTheHessianIsNonsingular() throws IOException {
        String[] base = {"hessian", "--net", "examples/skip-dag.json", "--data", "examples/skip-dag-data.json", "--json"};
        JsonNode j = json(base);
        assertEquals(j.get("num_params").asInt(), j.get("hessian_rank").asInt());
        String[] withPdet = java.util.Arrays.copyOf(base, base.length + 1);
        withPdet[base.length] = "--pdet";
        JsonNode exact = json(withPdet);
        assertEquals("enclosure", exact.get("spectrum_method").asText(), "--pdet adds χ's coefficients, not its roots");
        assertFalse(exact.has("hessian_charpoly"));
        BigFraction det = Q.parse(exact.get("hessian_pdet").asText());
        assertEquals(Interval.point(det), interval(exact.get("det")));
        assertTrue(interval(j.get("det")).contains(det), "the default det enclosure holds the exact determinant");
        assertEquals(j.get("inertia"), exact.get("inertia"), "both routes give the same inertia");
    }

    /**
     * Above the old default refusal (200 parameters) the default route runs; its intervals must bracket the
     * exact trace Σλ and ‖H‖_F² = Σλ², and account for every zero eigenvalue.
     */
    @Test
    void threeHundredSixtyNineParametersRunByDefault() throws IOException {
        JsonNode j = json("hessian", "--net", "bench/nets/mlp-4-16-16-1.json", "--data", "bench/nets/data-4-256.json", "--json");
        int p = j.get("num_params").asInt();
        assertEquals(369, p);
        JsonNode in = j.get("inertia");
        assertEquals(p, in.get("positive").asInt() + in.get("zero").asInt() + in.get("negative").asInt());
        assertEquals(p - j.get("hessian_rank").asInt(), in.get("zero").asInt());
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        BigFraction sqLo = BigFraction.ZERO;
        BigFraction sqHi = BigFraction.ZERO;
        int zeros = 0;
        int negatives = 0;
        for (JsonNode e : j.get("eigenvalues")) {
            Interval i = interval(e);
            lo = lo.add(i.lo());
            hi = hi.add(i.hi());
            BigFraction a = i.lo().multiply(i.lo());
            BigFraction b = i.hi().multiply(i.hi());
            boolean straddles = i.lo().getNumerator().signum() <= 0 && i.hi().getNumerator().signum() >= 0;
            sqLo = sqLo.add(straddles ? BigFraction.ZERO : a.compareTo(b) < 0 ? a : b);
            sqHi = sqHi.add(a.compareTo(b) > 0 ? a : b);
            zeros += i.isPoint() && i.lo().getNumerator().signum() == 0 ? 1 : 0;
            negatives += i.hi().getNumerator().signum() <= 0 && !i.isPoint() ? 1 : 0;
        }
        BigFraction trace = Q.parse(j.get("hessian_trace").asText());
        BigFraction frob = Q.parse(j.get("hessian_frobenius_squared").asText());
        assertTrue(lo.compareTo(trace) <= 0 && trace.compareTo(hi) <= 0, "Σlo ≤ tr H ≤ Σhi");
        assertTrue(sqLo.compareTo(frob) <= 0 && frob.compareTo(sqHi) <= 0, "Σλ² bracket holds ‖H‖_F²");
        assertEquals(in.get("zero").asInt(), zeros);
        assertEquals(in.get("negative").asInt(), negatives);
    }

    /** --digits on the default route: Kato–Temple brings every isolated eigenvalue within 10⁻³⁰, around the charpoly's. */
    @Test
    void digitsRefineTheEnclosuresByKatoTemple() throws IOException {
        String[] base = {"hessian", "--net", "examples/mlp-2-4-4-1.json", "--data", "examples/mlp-2-4-4-1-data.json", "--json"};
        String[] refined = java.util.Arrays.copyOf(base, base.length + 2);
        refined[base.length] = "--digits";
        refined[base.length + 1] = "30";
        JsonNode j = json(refined);
        assertEquals("enclosure", j.get("spectrum_method").asText());
        assertEquals(0, j.get("eigenvalues_wider_than_digits").asInt());
        String[] exact = java.util.Arrays.copyOf(base, base.length + 1);
        exact[base.length] = "--charpoly";
        JsonNode e = json(exact);
        BigFraction width = new BigFraction(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(30));
        for (int k = 0; k < j.get("eigenvalues").size(); k++) {
            Interval mine = interval(j.get("eigenvalues").get(k));
            Interval theirs = interval(e.get("eigenvalues").get(k));
            assertTrue(mine.width().compareTo(width) <= 0, "eigenvalue " + k + " " + mine);
            assertTrue(mine.lo().compareTo(theirs.hi()) <= 0 && theirs.lo().compareTo(mine.hi()) <= 0,
                    "eigenvalue " + k + ": " + mine + " meets the charpoly's " + theirs);
        }
    }

    @Test
    void charpolyRouteAboveItsLimitExitsFourNamingTheFlag() {
        for (String option : new String[] {"--charpoly", "--pdet"}) {
            CliRun run = CliRun.of("hessian", "--net", "examples/xor.json", "--data", "examples/xor-data.json", option,
                    "--max-charpoly-params", "8");
            assertEquals(4, run.code(), run.toString());
            assertTrue(run.err().contains("--max-charpoly-params 8"), run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
    }

    @Test
    void enclosuresAboveTheirLimitExitFourNamingTheFlag() {
        CliRun run = CliRun.of("hessian", "--net", "examples/xor.json", "--data", "examples/xor-data.json",
                "--max-spectrum-params", "8");
        assertEquals(4, run.code(), run.toString());
        assertTrue(run.err().contains("--max-spectrum-params 8"), run.err());
    }

    @Test
    void noSpectrumWithTheCharpolyRouteIsAUsageError() {
        CliRun run = CliRun.of("hessian", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--no-spectrum",
                "--charpoly");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--no-spectrum"), run.err());
    }
}
