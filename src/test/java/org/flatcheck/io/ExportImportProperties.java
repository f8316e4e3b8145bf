package org.flatcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;

/**
 * export → import is the identity on layered networks whose parameters are float64s (dyadic rationals in
 * range), including subnormals, huge exponents and networks without biases.
 */
class ExportImportProperties {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("flatcheck-export");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Finite float64s as exact rationals: random bit patterns, half of them subnormal or small integers. */
    private static Arbitrary<BigFraction> float64s() {
        Arbitrary<Long> anyBits = Arbitraries.longs().filter(b -> FloatFormat.F64.isFinite(b));
        Arbitrary<Long> subnormal = Arbitraries.longs().map(b -> b & 0x800F_FFFF_FFFF_FFFFL);
        Arbitrary<Long> small = Arbitraries.integers().between(-8, 8).map(k -> Double.doubleToRawLongBits(k / 4.0));
        return Arbitraries.frequencyOf(Tuple.of(2, anyBits), Tuple.of(1, subnormal), Tuple.of(2, small))
                .map(FloatFormat.F64::exact);
    }

    @Provide
    Arbitrary<Network> dyadicNetworks() {
        Arbitrary<int[]> sizes = Arbitraries.integers().between(1, 4).array(int[].class).ofMinSize(2).ofMaxSize(4);
        return Combinators.combine(sizes, Arbitraries.of(true, false))
                .flatAs((s, biases) -> float64s().list().ofSize(parameters(s, biases))
                        .map(values -> build(s, biases, values)));
    }

    private static int parameters(int[] s, boolean biases) {
        int n = 0;
        for (int l = 0; l + 1 < s.length; l++) {
            n += s[l + 1] * (s[l] + (biases ? 1 : 0));
        }
        return n;
    }

    private static Network build(int[] s, boolean withBiases, List<BigFraction> values) {
        int k = 0;
        BigFraction[][][] w = new BigFraction[s.length - 1][][];
        BigFraction[][] b = withBiases ? new BigFraction[s.length - 1][] : null;
        for (int l = 0; l + 1 < s.length; l++) {
            w[l] = new BigFraction[s[l + 1]][s[l]];
            for (int j = 0; j < s[l + 1]; j++) {
                for (int i = 0; i < s[l]; i++) {
                    w[l][j][i] = values.get(k++);
                }
            }
            if (withBiases) {
                b[l] = new BigFraction[s[l + 1]];
                for (int j = 0; j < s[l + 1]; j++) {
                    b[l][j] = values.get(k++);
                }
            }
        }
        return Layered.of("net", s, w, b);
    }

    @Property(tries = 200)
    void exportThenImportGivesTheSameNetwork(@ForAll("dyadicNetworks") Network net) {
        Statistics.collect(net.hasBiases() ? "biases" : "no biases", net.layers().orElseThrow().length - 1 + " weight layers");
        Path f = dir.resolve("net.safetensors");
        StateDict.Exported ex = StateDict.fromNetwork(net, Path.of("net.json"), false);
        assertEquals(0, ex.rounded());
        SafeTensors.writeF64(f, ex.tensors(), StateDict.exportMetadata(net));
        TensorFile tf = TensorFile.read(f);
        assertEquals("net", tf.metadata().get("flatcheck_network"));
        assertEquals(net, StateDict.toNetwork(tf, "net", java.util.Set.of(), null, false).network());
    }
}
