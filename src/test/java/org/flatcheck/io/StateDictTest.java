package org.flatcheck.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;

/** Naming conventions of state dicts mapped to layered networks, and the way back. */
class StateDictTest {
    private static final Path FILE = Path.of("model.safetensors");

    /** A tensor whose values are 1, 2, 3, … (so positions are visible). */
    private static Tensor t(String name, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        BigFraction[] v = new BigFraction[(int) n];
        for (int k = 0; k < n; k++) {
            v[k] = Q.of(k + 1);
        }
        return Tensor.of(name, "F32", shape, v);
    }

    private static TensorFile file(Tensor... tensors) {
        return new TensorFile(FILE, "safetensors", List.of(tensors), List.of(), Map.of());
    }

    private static InputError refused(TensorFile tf, int[] expected, boolean fill) {
        return assertThrows(InputError.class, () -> StateDict.toNetwork(tf, "m", Set.of(), expected, fill));
    }

    @Test
    void sequentialNamesBecomeLayersWithRowMajorOutInWeights() {
        Network net = StateDict.toNetwork(file(t("2.weight", 1, 3), t("0.weight", 3, 2), t("0.bias", 3), t("2.bias", 1)),
                "m", Set.of(), null, false).network();
        assertArrayEquals(new int[] {2, 3, 1}, net.layers().orElseThrow());
        BigFraction[][][] w = Layered.weights(net);
        assertEquals(Q.of(2), w[0][0][1]);      // 0.weight[0][1]: row 0 (output unit 0), column 1 (input 1)
        assertEquals(Q.of(3), w[0][1][0]);      // 0.weight[1][0]
        assertEquals(Q.of(3), w[1][0][2]);
        assertEquals(Q.of(3), Layered.biases(net)[0][2]);
    }

    @Test
    void prefixesAreOrderedNaturally() {
        Network a = StateDict.toNetwork(file(t("fc10.weight", 1, 4), t("fc2.weight", 4, 3), t("fc1.weight", 3, 2)),
                "m", Set.of(), null, false).network();
        assertArrayEquals(new int[] {2, 3, 4, 1}, a.layers().orElseThrow());
        assertNull(Layered.biases(a));
        Network b = StateDict.toNetwork(file(t("net.layers.10.weight", 1, 5), t("net.layers.2.weight", 5, 3),
                t("net.layers.0.weight", 3, 2)), "m", Set.of(), null, false).network();
        assertArrayEquals(new int[] {2, 3, 5, 1}, b.layers().orElseThrow());
        Network single = StateDict.toNetwork(file(t("weight", 1, 2), t("bias", 1)), "m", Set.of(), null, false).network();
        assertArrayEquals(new int[] {2, 1}, single.layers().orElseThrow());
        assertTrue(StateDict.natural("fc2", "fc10") < 0 && StateDict.natural("layers.9", "layers.10") < 0);
    }

    @Test
    void expectedSizesAreCheckedNamingTheTensor() {
        TensorFile tf = file(t("0.weight", 4, 2), t("2.weight", 1, 4));
        assertEquals(3, StateDict.toNetwork(tf, "m", Set.of(), new int[] {2, 4, 1}, false).network().layers().orElseThrow().length);
        InputError e = refused(tf, new int[] {2, 3, 1}, false);
        assertTrue(e.getMessage().contains("\"0.weight\"") && e.getMessage().contains("--layers 2,4,1"), e.getMessage());
        InputError count = refused(tf, new int[] {2, 4, 4, 1}, false);
        assertTrue(count.getMessage().contains("--layers gives 4 sizes"), count.getMessage());
    }

    @Test
    void shapesThatDoNotChainAreRefusedNamingTheTensor() {
        InputError e = refused(file(t("0.weight", 4, 2), t("2.weight", 1, 3)), null, false);
        assertTrue(e.getMessage().contains("\"2.weight\"") && e.getMessage().contains("\"0.weight\""), e.getMessage());
    }

    @Test
    void unrelatedTensorsAreRefusedNamingThemAndTheOption() {
        InputError e = refused(file(t("0.weight", 2, 2), t("1.running_mean", 2), t("1.num_batches_tracked")), null, false);
        assertTrue(e.getMessage().contains("\"1.running_mean\"") && e.getMessage().contains("1.num_batches_tracked")
                && e.getMessage().contains("--ignore 1.running_mean,1.num_batches_tracked"), e.getMessage());
    }

    @Test
    void layersThatAreNotLinearAreRefused() {
        InputError norm = refused(file(t("0.weight", 2, 2), t("1.weight", 2), t("1.bias", 2)), null, false);
        assertTrue(norm.getMessage().contains("\"1.weight\"") && norm.getMessage().contains("[2]"), norm.getMessage());
        InputError conv = refused(file(t("0.weight", 2, 1, 3, 3)), null, false);
        assertTrue(conv.getMessage().contains("(out, in)"), conv.getMessage());
        InputError orphan = refused(file(t("0.weight", 2, 2), t("2.bias", 1)), null, false);
        assertTrue(orphan.getMessage().contains("\"2.bias\"") && orphan.getMessage().contains("2.weight"), orphan.getMessage());
        InputError badBias = refused(file(t("0.weight", 2, 2), t("0.bias", 3)), null, false);
        assertTrue(badBias.getMessage().contains("\"0.bias\""), badBias.getMessage());
    }

    @Test
    void mixedBiasesAreRefusedUnlessFilledWithZerosAndNoted() {
        TensorFile tf = file(t("0.weight", 3, 2), t("0.bias", 3), t("2.weight", 1, 3));
        InputError e = refused(tf, null, false);
        assertTrue(e.getMessage().contains("\"2.weight\"") && e.getMessage().contains("--fill-missing-biases"), e.getMessage());
        StateDict.Imported imported = StateDict.toNetwork(tf, "m", Set.of(), null, true);
        assertEquals(List.of(Q.of(0)), List.of(Layered.biases(imported.network())[1]));
        assertEquals(1, imported.notes().size());
        assertTrue(imported.notes().get(0).contains("2.weight"));
    }

    @Test
    void exportUsesSequentialNamesAndRoundTripsDyadicNetworks() {
        BigFraction[][][] w = {{{Q.of(1, 2), Q.of(-3)}, {Q.of(0), Q.of(5, 1024)}}, {{Q.of(7), Q.of(-1, 8)}}};
        BigFraction[][] b = {{Q.of(1, 4), Q.of(-2)}, {Q.of(3)}};
        Network net = Layered.of("n", new int[] {2, 2, 1}, w, b);
        StateDict.Exported ex = StateDict.fromNetwork(net, Path.of("n.json"), false);
        List<String> names = new ArrayList<>();
        ex.tensors().forEach(x -> names.add(x.name()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), names);
        assertArrayEquals(new long[] {2, 2}, ex.tensors().get(0).shape());
        assertEquals(0, ex.rounded());
        Network back = StateDict.toNetwork(new TensorFile(FILE, "safetensors", ex.tensors(), List.of(), Map.of()), "n",
                Set.of(), null, false).network();
        assertEquals(net, back);
    }

    @Test
    void exportRefusesNonFloat64ValuesUnlessRoundedAndReportsTheError() {
        Network net = Layered.of("n", new int[] {1, 1}, new BigFraction[][][] {{{Q.of(1, 3)}}}, null);
        InputError e = assertThrows(InputError.class, () -> StateDict.fromNetwork(net, Path.of("n.json"), false));
        assertTrue(e.getMessage().contains("weights[0][0][0]") && e.getMessage().contains("1/3")
                && e.getMessage().contains("--round"), e.getMessage());
        StateDict.Exported ex = StateDict.fromNetwork(net, Path.of("n.json"), true);
        assertEquals(1, ex.rounded());
        assertEquals("weights[0][0][0]", ex.worst());
        BigFraction nearest = ex.tensors().get(0).value(0);
        assertEquals(Float64.nearest(Q.of(1, 3)), nearest);
        assertEquals(nearest.subtract(Q.of(1, 3)).abs().multiply(3), ex.maxRelativeError());
        assertTrue(ex.maxRelativeError().compareTo(new BigFraction(1, 1L << 53)) <= 0);
    }

    @Test
    void exportRefusesDagsAndValuesBeyondFloat64() {
        Network dag = Network.builder("d").input("x").output("y").edge("x", "y", Q.of(1)).build();
        InputError e = assertThrows(InputError.class, () -> StateDict.fromNetwork(dag, Path.of("d.json"), true));
        assertTrue(e.getMessage().contains("DAG"), e.getMessage());
        BigFraction huge = new BigFraction(java.math.BigInteger.ONE.shiftLeft(1100));
        Network big = Layered.of("n", new int[] {1, 1}, new BigFraction[][][] {{{huge}}}, null);
        InputError h = assertThrows(InputError.class, () -> StateDict.fromNetwork(big, Path.of("n.json"), true));
        assertTrue(h.getMessage().contains("largest float64"), h.getMessage());
    }
}
