package org.flatcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.io.InputError;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.CanonicalForm;
import org.flatcheck.symmetry.Equivalence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flatcheck equiv A B}: are two networks equivalent, with a witness or a reason. Exit 0 yes, 1 no. */
@Command(name = "equiv", mixinStandardHelpOptions = true,
        description = {"Decide whether B = g(A) for a node rescaling g (with --permutations: B = π(g(A)) for a "
            + "permutation π of hidden units too). Prints the witness, re-verified exactly, or a reason. "
            + "Exit 0 if equivalent, 1 if not (like diff), 2 for bad input."})
final class EquivCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "First network file.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Second network file.")
    Path b;

    @Option(names = "--permutations", description = "Also allow permutations of hidden units (layered networks).")
    boolean permutations;

    @Mixin
    JsonFormat format;

    @Override
    public Integer call() {
        Network na = NetworkJson.read(a);
        Network nb = NetworkJson.read(b);
        if (permutations && (na.layers().isEmpty() || nb.layers().isEmpty())) {
            throw new InputError(na.layers().isEmpty() ? a : b, null, "is in DAG format, but --permutations needs layered networks",
                    "drop --permutations to compare under rescaling only");
        }
        Equivalence.Decision d;
        try {
            d = Equivalence.decide(na, nb, permutations);
        } catch (IllegalArgumentException e) {
            throw new InputError(b, null, "has a different architecture from " + a + " (" + nb + " vs " + na + ")",
                    "compare networks with the same layers, nodes and edges");
        } catch (CanonicalForm.TooManyTwins e) {
            throw new LimitExceeded(e.getMessage() + " (a hard-coded cap; compare without --permutations)");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("equivalent", d.equivalent());
        o.put("group", permutations ? "rescaling+permutation" : "rescaling");
        if (d.equivalent()) {
            o.set("witness", Witness.json(na, d.rescaling(), d.permutation()));
        } else {
            o.put("reason", d.reason());
        }
        var out = spec.commandLine().getOut();
        out.print(format.format() == OutputFormat.JSON ? Json.pretty(o) : text(o));
        out.flush();
        return d.equivalent() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static String text(ObjectNode o) {
        if (!o.get("equivalent").asBoolean()) {
            return "not equivalent: " + o.get("reason").asText() + "\n";
        }
        boolean perm = o.get("group").asText().contains("permutation");
        StringBuilder sb = new StringBuilder("equivalent under " + o.get("group").asText()
                + (perm ? ": B = π(g(A)), each hidden node scaled by g, then moved by π\n" : ": B = g(A) with\n"));
        JsonNode w = o.get("witness");
        w.get("scales").fields().forEachRemaining(e -> sb.append("  ").append(e.getKey()).append("  × ")
                .append(e.getValue().asText()).append(perm ? "  → " + w.get("permutation").get(e.getKey()).asText() : "")
                .append('\n'));
        return sb.toString();
    }
}
