package org.flatcheck.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.symmetry.LayerScaling;
import org.flatcheck.symmetry.NodeRescaling;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck rescale}: apply a node rescaling or a layer scaling; the function is unchanged. */
@Command(name = "rescale", mixinStandardHelpOptions = true,
        description = {"Apply node rescalings (--node) or Dinh et al.'s layer scaling T_α (--layers) and write the "
            + "rescaled network; the function it computes is exactly the same."})
final class RescaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkInput net;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Group group;

    static final class Group {
        @Option(names = "--node", paramLabel = "NODE=C",
                description = {"Rescale a hidden node by C > 0: incoming weights and bias × C, outgoing ÷ C. "
                    + "NODE is l:j (hidden layer l ≥ 1, unit j ≥ 0) or a node name (h1_0, or a DAG name). Repeatable."})
        List<String> nodes;

        @Option(names = "--layers", paramLabel = "A1,A2,…", split = ",",
                description = "Layer scaling: weight layer l × A_l, all positive, product 1 (biases follow, docs/definitions.md §symmetries).")
        List<String> layers;
    }

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the network here (atomically), not to stdout.")
    Path out;

    @Option(names = "--json", description = "Accepted for symmetry with other commands; the output is JSON anyway.")
    boolean json;

    @Override
    public Integer call() {
        Network network = net.read();
        Network result = group.nodes != null ? nodeRescaling(network).apply(network) : layerScaling(network).apply(network);
        NetworkArgs.emit(spec.commandLine().getOut(), out, NetworkJson.toJson(result.withName(network.name())));
        return ExitCode.OK;
    }

    private NodeRescaling nodeRescaling(Network network) {
        Map<Integer, BigFraction> c = new HashMap<>();
        for (String spec1 : group.nodes) {
            int eq = spec1.lastIndexOf('=');
            if (eq < 0) {
                throw bad("--node " + spec1 + ": expected NODE=C, e.g. 1:0=2 or h1_0=1/2");
            }
            int v = node(network, spec1.substring(0, eq).strip(), spec1);
            BigFraction factor = factor(spec1.substring(eq + 1), "--node " + spec1);
            c.merge(v, factor, BigFraction::multiply);
        }
        return NodeRescaling.of(c);
    }

    private int node(Network network, String id, String spec1) {
        int v = network.indexOf(id);
        if (v < 0 && id.matches("\\d+:\\d+") && network.layers().isPresent()) {
            int[] sizes = network.layers().get();
            int l = Integer.parseInt(id.substring(0, id.indexOf(':')));
            int j = Integer.parseInt(id.substring(id.indexOf(':') + 1));
            if (l < 1 || l >= sizes.length - 1 || j >= sizes[l]) {
                throw bad("--node " + spec1 + ": " + network.name() + " has hidden layers 1.." + (sizes.length - 2)
                        + (l >= 1 && l < sizes.length - 1 ? " and layer " + l + " has units 0.." + (sizes[l] - 1) : ""));
            }
            v = network.indexOf(Layered.nodeName(sizes, l, j));
        }
        if (v < 0) {
            throw bad("--node " + spec1 + ": " + network.name() + " has no node " + id
                    + "; use l:j for layered networks or a hidden node's name");
        }
        if (network.node(v).kind() != Kind.HIDDEN) {
            throw bad("--node " + spec1 + ": " + id + " is not a hidden node; only hidden nodes can be rescaled");
        }
        return v;
    }

    private LayerScaling layerScaling(Network network) {
        int[] sizes = network.layers().orElseThrow(() -> bad("--layers needs a layered network; "
                + net.path + " is in DAG format (use --node)"));
        if (group.layers.size() != sizes.length - 1) {
            throw bad("--layers: " + group.layers.size() + " factors given, the network has " + (sizes.length - 1)
                    + " weight layers");
        }
        BigFraction[] a = new BigFraction[group.layers.size()];
        BigFraction product = BigFraction.ONE;
        for (int l = 0; l < a.length; l++) {
            a[l] = factor(group.layers.get(l), "--layers factor " + (l + 1));
            product = product.multiply(a[l]);
        }
        if (!product.equals(BigFraction.ONE)) {
            throw bad("--layers: the factors multiply to " + Q.format(product) + ", not 1 (T_α needs Π α_l = 1)");
        }
        return LayerScaling.of(a);
    }

    private BigFraction factor(String text, String what) {
        BigFraction c;
        try {
            c = Q.parse(text);
        } catch (NumberFormatException e) {
            throw bad(what + ": " + e.getMessage() + "; give a positive rational such as 2, 1/3 or 0.5");
        }
        if (Q.signum(c) <= 0) {
            throw bad(what + ": the factor must be positive (ReLU commutes only with positive scaling), got " + Q.format(c));
        }
        return c;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
