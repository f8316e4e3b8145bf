package org.flatcheck.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.exact.Q;
import org.junit.jupiter.api.Test;

class KeskarBatchSizeTest {
    private static final Path LABEL = Path.of("keskar-large-batch-sharper.json");
    private final KeskarBatchSize claim = new KeskarBatchSize();
    private static ObjectNode small;

    /** A certificate of five seeded runs per task (quick), made once for the tests that only read it. */
    private synchronized ObjectNode small() {
        if (small == null) {
            small = claim.run(new ClaimContext(1, true, 5)).json("test");
        }
        return small;
    }

    @Test
    void isRegisteredLastAsAnEmpiricalClaim() {
        assertEquals(claim.id(), Claims.all().get(Claims.all().size() - 1).id());
        assertEquals("empirical", small().get("kind").asText());
    }

    @Test
    void aRunIsDeterministicAndItsCertificateVerifies() {
        Certificate again = claim.run(new ClaimContext(1, true, 5));
        assertEquals(small(), again.json("test"), "same seed, same certificate");
        CertificateVerifier.Result r = CertificateVerifier.verify(LABEL, small(), Claims.specs());
        assertTrue(r.valid(), r.failures().toString());
        JsonNode stats = small().get("statistics");
        assertEquals(again.verdict(), stats.get("verdict").asText());
        assertEquals("hessian_trace", stats.get("measure").asText());
        // Every counted run has both end points stationary, checked exactly, and one pair per measure.
        int counted = 0;
        for (JsonNode run : small().get("inputs").get("runs")) {
            counted += run.has("excluded") ? 0 : 1;
        }
        assertEquals(counted, stats.get("runs").asInt());
        int stationarity = 0;
        for (JsonNode c : small().get("checks")) {
            stationarity += c.path("lhs").path("q").asText().equals("gradient_norm_squared") ? 1 : 0;
        }
        assertEquals(2 * counted, stationarity, "two stationarity checks per counted run");
        assertEquals(List.of("hessian_trace", "adaptive_trace", "psi_trace"), iterate(stats.get("verdicts").fieldNames()));
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The p-value is the binomial tail recomputed here from n and k alone, by a sum of binomial coefficients. */
    @Test
    void theRecordedPValueIsTheBinomialTailOfNAndK() {
        JsonNode stats = small().get("statistics");
        int n = stats.get("seeds").asInt();
        int k = stats.get("large_sharper").asInt();
        BigInteger tail = BigInteger.ZERO;
        for (int j = k; j <= n; j++) {
            tail = tail.add(binomial(n, j));
        }
        assertEquals(Q.format(new BigFraction(tail, BigInteger.TWO.pow(n))), stats.get("p_value").asText());
    }

    private static BigInteger binomial(int n, int j) {
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i < j; i++) {
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return c;
    }

    /**
     * The sign test against brute force: every one of the 2ⁿ equally likely sign patterns under the null
     * hypothesis is listed, and the p-values are the fractions of patterns with at least (at most) k
     * positive signs; the median's interval covers with the probability the enumeration gives.
     */
    @Property(tries = 200)
    void signTestAgreesWithEnumeratingAllSignPatterns(@ForAll @IntRange(min = 1, max = 12) int runs, @ForAll long seed) {
        Random rnd = new Random(seed);
        List<BigFraction> large = new ArrayList<>();
        List<BigFraction> small = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            BigFraction s = new BigFraction(rnd.nextInt(9) + 1, rnd.nextInt(4) + 1);
            small.add(s);
            large.add(rnd.nextInt(5) == 0 ? s : s.add(new BigFraction(rnd.nextInt(7) - 3, rnd.nextInt(3) + 1)));
        }
        SignTest t = SignTest.of(large, small);
        int n = 0;
        int k = 0;
        for (int i = 0; i < runs; i++) {
            int c = large.get(i).compareTo(small.get(i));
            n += c != 0 ? 1 : 0;
            k += c > 0 ? 1 : 0;
        }
        int atLeast = 0;
        int atMost = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            atLeast += Integer.bitCount(mask) >= k ? 1 : 0;
            atMost += Integer.bitCount(mask) <= k ? 1 : 0;
        }
        assertEquals(new BigFraction(atLeast, 1 << n), t.pLarger());
        assertEquals(new BigFraction(atMost, 1 << n), t.pSmaller());
        assertEquals(n, t.n());
        assertEquals(k, t.larger());
        String expected = t.pLarger().compareTo(new BigFraction(1, 20)) < 0 ? "SUPPORTED"
                : t.pSmaller().compareTo(new BigFraction(1, 20)) < 0 ? "NOT_SUPPORTED" : "INCONCLUSIVE";
        assertEquals(expected, t.verdict());
        // The interval [d(r), d(N+1-r)] misses the median when fewer than r, or more than N - r, of the N signs
        // are positive: its coverage is the fraction of the 2^N patterns that avoid both; r is the largest with
        // coverage at least 95 %.
        List<BigFraction> d = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            d.add(large.get(i).subtract(small.get(i)));
        }
        d.sort(null);
        int r = 0;
        BigFraction coverage = null;
        for (int cand = 1; 2 * cand <= runs; cand++) {
            int miss = 0;
            for (int mask = 0; mask < 1 << runs; mask++) {
                int up = Integer.bitCount(mask);
                miss += up < cand || up > runs - cand ? 1 : 0;
            }
            BigFraction c = BigFraction.ONE.subtract(new BigFraction(miss, 1 << runs));
            if (c.compareTo(new BigFraction(95, 100)) >= 0) {
                r = cand;
                coverage = c;
            }
        }
        if (r == 0) {
            assertNull(t.ciLo());
            assertNull(t.ciCoverage());
        } else {
            assertEquals(d.get(r - 1), t.ciLo());
            assertEquals(d.get(runs - r), t.ciHi());
            assertEquals(coverage, t.ciCoverage());
        }
        BigFraction median = runs % 2 == 1 ? d.get(runs / 2) : d.get(runs / 2 - 1).add(d.get(runs / 2)).divide(2);
        assertEquals(median, t.median());
    }

    @Test
    void aForgedStatisticOrAnAlteredTrainedWeightIsRejected() {
        ObjectNode doc = small();
        ObjectNode inflated = doc.deepCopy();
        ((ObjectNode) inflated.get("statistics")).put("large_sharper", inflated.get("statistics").get("seeds").asInt());
        assertFalse(CertificateVerifier.verify(LABEL, inflated, Claims.specs()).valid(), "statistics must be the test's");
        ObjectNode relabelled = doc.deepCopy();
        relabelled.put("verdict", doc.get("verdict").asText().equals("SUPPORTED") ? "NOT_SUPPORTED" : "SUPPORTED");
        assertFalse(CertificateVerifier.verify(LABEL, relabelled, Claims.specs()).valid(), "the verdict is the test's");
        ObjectNode altered = doc.deepCopy();
        String net = altered.get("checks").get(0).get("lhs").get("net").asText();
        ArrayNode row = (ArrayNode) altered.get("networks").get(net).get("weights").get(1).get(0);
        row.set(0, altered.textNode(Q.format(Q.parse(row.get(0).asText()).add(new BigFraction(1, 1 << 20)))));
        CertificateVerifier.Result r = CertificateVerifier.verify(LABEL, altered, Claims.specs());
        assertFalse(r.valid());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("recomputes")), r.failures().toString());
    }
}
