package org.flatcheck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.io.StateDict;
import org.flatcheck.io.Tensor;
import org.flatcheck.io.TensorFile;
import org.flatcheck.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flatcheck import}: a PyTorch-style state dict (safetensors, .npy, .npz) as an exact layered network. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import the weights of an nn.Sequential(Linear, ReLU, …, Linear) model from a safetensors, "
            + ".npz or .npy file as a layered network, every float converted exactly to a dyadic rational. "
            + "Layers are the P.weight (out, in) / P.bias tensors, in the natural order of P (0, 2, 4, … or "
            + "fc1, fc2, …); NaN and ±Inf are refused."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file: safetensors (F64, F32, F16, BF16), .npz or .npy.")
    Path file;

    @Option(names = "--layers", paramLabel = "auto|D0,D1,…", defaultValue = "auto",
            description = "Layer sizes the tensors must have (exit 2 naming the tensor if not), or auto to infer "
                + "them (default).")
    String layers;

    @Option(names = "--ignore", paramLabel = "NAME", split = ",",
            description = "Leave out these tensors (e.g. unused buffers); each must exist in the file.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--fill-missing-biases",
            description = "If some layers have biases and others not, give the others zero biases (the function is "
                + "unchanged, but the zero biases become parameters); otherwise such a mix is an error.")
    boolean fillMissingBiases;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the network JSON here (atomically) and print a summary; without it the JSON goes to stdout.")
    Path out;

    @Override
    public Integer call() {
        int[] expected = parseLayers();
        StateDict.Imported imported = StateDict.read(file, networkName(file), new LinkedHashSet<>(ignore), expected,
                fillMissingBiases);
        Network net = imported.network();
        var err = spec.commandLine().getErr();
        for (String note : imported.notes()) {
            err.println("note: " + note);
        }
        err.flush();
        var stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(NetworkJson.toJson(net));
        } else {
            NetworkJson.write(net, out);
            stdout.println(summary(imported));
        }
        stdout.flush();
        return ExitCode.OK;
    }

    private int[] parseLayers() {
        if (layers.strip().equalsIgnoreCase("auto")) {
            return null;
        }
        String[] parts = layers.split(",", -1);
        int[] sizes = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                sizes[k] = Integer.parseInt(parts[k].strip());
            } catch (NumberFormatException e) {
                sizes[k] = 0;
            }
            if (sizes[k] <= 0) {
                throw new ParameterException(spec.commandLine(), "--layers " + layers
                        + ": expected auto or positive layer sizes D0,D1,…, e.g. 2,4,1");
            }
        }
        if (sizes.length < 2) {
            throw new ParameterException(spec.commandLine(), "--layers " + layers + ": a network has at least 2 layers");
        }
        return sizes;
    }

    /** The file name without its model-file extension. */
    static String networkName(Path file) {
        String f = file.getFileName() == null ? "model" : file.getFileName().toString();
        String lower = f.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".safetensors", ".npz", ".npy"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return f.substring(0, f.length() - ext.length());
            }
        }
        return f;
    }

    private String summary(StateDict.Imported imported) {
        Network net = imported.network();
        TensorFile tf = imported.source();
        Set<String> dtypes = tf.tensors().stream().map(Tensor::dtype).collect(Collectors.toCollection(TreeSet::new));
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(" (").append(tf.format()).append(", ").append(String.join("/", dtypes)).append(") → ")
                .append(out).append(": ").append(net.name()).append(' ')
                .append(java.util.Arrays.toString(net.layers().orElseThrow())).append(", ")
                .append(net.parameters().length).append(" parameters, ")
                .append(net.hasBiases() ? "with biases" : "no biases");
        if (!tf.skipped().isEmpty()) {
            sb.append(", ignored ").append(tf.skipped().size()).append(" tensor").append(tf.skipped().size() == 1 ? "" : "s");
        }
        if (!tf.metadata().isEmpty()) {
            sb.append(", metadata ").append(tf.metadata());
        }
        return sb.toString();
    }
}
