package org.flatcheck.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.CanonicalForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatcheck canon}: the canonical representative of a network's class (proofs/canonical-form.md). */
@Command(name = "canon", mixinStandardHelpOptions = true,
        description = {"The canonical representative of the network's class under node rescaling, or with "
            + "--permutations under rescaling and permutation of hidden units (layered networks): two networks "
            + "are equivalent iff their canonical forms are equal."})
final class CanonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkInput net;

    @Option(names = "--permutations", description = "Also quotient by permutations of hidden units (layered networks).")
    boolean permutations;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the canonical network here (atomically).")
    Path out;

    @Mixin
    JsonFormat format;

    @Override
    public Integer call() {
        Network network = net.read();
        if (permutations && network.layers().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--permutations needs a layered network; " + net.path + " is in DAG format");
        }
        CanonicalForm.Result r;
        try {
            r = permutations ? CanonicalForm.underRescalingAndPermutation(network) : CanonicalForm.underRescaling(network);
        } catch (CanonicalForm.TooManyTwins e) {
            throw new LimitExceeded(e.getMessage() + " (a hard-coded cap; canonicalise without --permutations)");
        }
        Network canonical = r.canonical().withName(network.name() + "-canonical");
        if (out != null) {
            NetworkJson.write(canonical, out);
        }
        var stdout = spec.commandLine().getOut();
        if (format.format() == OutputFormat.JSON) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("group", permutations ? "rescaling+permutation" : "rescaling");
            o.set("canonical", NetworkArgs.tree(canonical));
            o.set("witness", Witness.json(network, r.rescaling(), r.permutation()));
            stdout.print(Json.pretty(o));
        } else if (out == null) {
            stdout.print(NetworkJson.toJson(canonical));
        }
        stdout.flush();
        return ExitCode.OK;
    }
}
