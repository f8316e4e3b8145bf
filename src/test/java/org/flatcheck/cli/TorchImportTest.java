package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained by PyTorch, imported exactly. {@code src/test/resources/torch/train_tiny_mlp.py} trains
 * {@code nn.Sequential(Linear(2, 4), ReLU(), Linear(4, 1))} in float32 (fixed seed) and writes its state
 * dict as safetensors plus independent reference values: the float32 bit patterns of every weight, test
 * inputs and torch's outputs on them, and the exact outputs and loss of the float32 weights computed with
 * Python's {@code fractions}. This test imports the file through the CLI and checks that
 * <ol>
 *   <li>every imported weight is exactly the float32 value (decoded here by a different route);</li>
 *   <li>flatcheck's exact forward pass equals Python's exact rational evaluation, and torch's float32
 *       outputs lie within the standard forward-error bound of float32 arithmetic around it;</li>
 *   <li>{@code flatcheck hessian} reports exactly Python's exact loss on the training data.</li>
 * </ol>
 * Skipped, saying how to install it, when {@code /usr/bin/python3} cannot import torch.
 */
class TorchImportTest {
    private static final String PYTHON = "/usr/bin/python3";
    /** A Python process still running after this has hung; not a speed limit (normal runs take seconds). */
    private static final long HANG_SECONDS = 1800;
    /** float32's unit roundoff 2⁻²⁴. */
    private static final BigFraction U = new BigFraction(BigInteger.ONE, BigInteger.ONE.shiftLeft(24));

    @TempDir
    Path dir;

    private static boolean torchAvailable() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // A hang guard only (importing torch takes seconds): a loaded machine must not skip the test.
            return p.waitFor(HANG_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path script() throws URISyntaxException {
        return Path.of(TorchImportTest.class.getResource("/torch/train_tiny_mlp.py").toURI());
    }

    /** γ_k = k·u / (1 − k·u): the relative error bound of a k-term float32 sum of products (Higham, Thm 3.5). */
    private static BigFraction gamma(int k) {
        BigFraction ku = U.multiply(k);
        return ku.divide(BigFraction.ONE.subtract(ku));
    }

    private static BigFraction f32(long bits) {
        return new BigFraction((double) Float.intBitsToFloat((int) bits));   // exact: every float32 is a normal double
    }

    @Test
    void aTorchTrainedMlpIsImportedExactly() throws Exception {
        Assumptions.assumeTrue(torchAvailable(), "python3-torch not installed: apt-get install python3-torch");
        Path logFile = dir.resolve("python.log");
        Process p = new ProcessBuilder(PYTHON, script().toString(), dir.toString()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        boolean done = p.waitFor(HANG_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, () -> "train_tiny_mlp.py failed or hung:\n" + log);
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());

        Path net = dir.resolve("net.json");
        CliRun imp = CliRun.of("import", dir.resolve("model.safetensors").toString(), "--layers", "2,4,1", "-o", net.toString());
        assertEquals(ExitCode.OK, imp.code(), imp::toString);
        Network network = NetworkJson.read(net);

        // (a) every weight is exactly its float32 value
        BigFraction[][][] w = Layered.weights(network);
        BigFraction[][] b = Layered.biases(network);
        assertWeights(expected.get("weights").get("0.weight").get("bits"), w[0]);
        assertWeights(expected.get("weights").get("2.weight").get("bits"), w[1]);
        assertBias(expected.get("weights").get("0.bias").get("bits"), b[0]);
        assertBias(expected.get("weights").get("2.bias").get("bits"), b[1]);

        // (b) exact forward pass = Python's exact evaluation; torch within float32 error bounds of it
        BigFraction maxDiff = BigFraction.ZERO;
        BigFraction maxRatio = BigFraction.ZERO;
        JsonNode inputs = expected.get("inputs_bits");
        for (int n = 0; n < inputs.size(); n++) {
            BigFraction[] x = {f32(inputs.get(n).get(0).asLong()), f32(inputs.get(n).get(1).asLong())};
            BigFraction exact = Forward.run(network, x).outputs()[0];
            assertEquals(Q.parse(expected.get("exact_outputs").get(n).get(0).textValue()), exact, "input " + n);
            BigFraction torch = f32(expected.get("torch_bits").get(n).get(0).asLong());
            BigFraction diff = torch.subtract(exact).abs();
            BigFraction bound = errorBound(w, b, x);
            assertTrue(diff.compareTo(bound) <= 0, "input " + n + ": |torch − exact| = " + Q.approx(diff, 3)
                    + " exceeds the float32 bound " + Q.approx(bound, 3));
            maxDiff = diff.compareTo(maxDiff) > 0 ? diff : maxDiff;
            BigFraction ratio = diff.divide(bound);
            maxRatio = ratio.compareTo(maxRatio) > 0 ? ratio : maxRatio;
        }
        System.out.println("TorchImportTest: torch " + expected.get("torch_version").textValue() + ", safetensors "
                + expected.get("safetensors_writer").textValue() + ", " + inputs.size() + " inputs, max |torch − exact| = "
                + Q.approx(maxDiff, 3)
                + " (at most " + Q.approx(maxRatio, 2) + " of the float32 error bound)");

        // (c) the exact loss on the training data, through the CLI
        CliRun h = CliRun.of("hessian", "--net", net.toString(), "--data", dir.resolve("data.json").toString(), "--json",
                "--no-spectrum");
        assertEquals(ExitCode.OK, h.code(), h::toString);
        assertEquals(expected.get("exact_loss").textValue(), new ObjectMapper().readTree(h.out()).get("loss").textValue());
    }

    private static void assertWeights(JsonNode bits, BigFraction[][] w) {
        List<BigFraction> want = new ArrayList<>();
        bits.forEach(v -> want.add(f32(v.asLong())));
        List<BigFraction> got = new ArrayList<>();
        for (BigFraction[] row : w) {
            got.addAll(List.of(row));   // row-major (out, in), as PyTorch stores it
        }
        assertEquals(want, got);
    }

    private static void assertBias(JsonNode bits, BigFraction[] b) {
        List<BigFraction> want = new ArrayList<>();
        bits.forEach(v -> want.add(f32(v.asLong())));
        assertEquals(want, List.of(b));
    }

    /**
     * A bound on |fl(f(x)) − f(x)| for float32 evaluation with exact inputs: per layer, a k-input neuron
     * computed in floating point has error ≤ γ_{k+1}·(Σ|w||h| + |b|) on top of the propagated input error
     * Σ|w|·e (ReLU is 1-Lipschitz), with |ĥ| ≤ |h| + e.
     */
    private static BigFraction errorBound(BigFraction[][][] w, BigFraction[][] b, BigFraction[] x) {
        BigFraction[] h = x;
        BigFraction[] e = new BigFraction[x.length];
        java.util.Arrays.fill(e, BigFraction.ZERO);
        for (int l = 0; l < w.length; l++) {
            BigFraction[] nh = new BigFraction[w[l].length];
            BigFraction[] ne = new BigFraction[w[l].length];
            BigFraction g = gamma(h.length + 1);
            for (int j = 0; j < w[l].length; j++) {
                BigFraction z = b[l][j];
                BigFraction mag = b[l][j].abs();
                BigFraction prop = BigFraction.ZERO;
                for (int i = 0; i < h.length; i++) {
                    z = z.add(w[l][j][i].multiply(h[i]));
                    mag = mag.add(w[l][j][i].abs().multiply(h[i].abs().add(e[i])));
                    prop = prop.add(w[l][j][i].abs().multiply(e[i]));
                }
                boolean hidden = l < w.length - 1;
                nh[j] = hidden && z.compareTo(BigFraction.ZERO) < 0 ? BigFraction.ZERO : z;
                ne[j] = prop.add(g.multiply(mag));
            }
            h = nh;
            e = ne;
        }
        return e[0];
    }
}
