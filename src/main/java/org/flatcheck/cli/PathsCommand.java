package org.flatcheck.cli;

import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.network.Network;
import org.flatcheck.paths.PathEnumerator;
import org.flatcheck.paths.Skeleton;
import org.flatcheck.report.PathsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck paths}: path counts, values, path norms, the skeleton basis and exponents (docs/definitions.md §paths). */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = {"Paths, path values and path norms; with --basis the skeleton basis paths and the exponents "
            + "that express every path through them. Norms and the basis take O(P); listing paths is behind --limit."})
final class PathsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkInput net;

    @Option(names = "--basis", description = "Also the skeleton basis paths, their values and the exponents.")
    boolean basis;

    @Option(names = "--skeleton", defaultValue = "diagonal", paramLabel = "RULE",
            description = "Skeleton rule: diagonal (default; [M19]), first, or random:SEED.")
    String skeletonRule;

    @Option(names = "--limit", defaultValue = "10000", paramLabel = "K",
            description = "List paths (values, exponents) only if there are at most K (default ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--enumerate", description = "Require the listing: exit 4 if there are more than --limit paths.")
    boolean enumerate;

    @Mixin
    JsonFormat format;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be non-negative, got " + limit);
        }
        Network network = net.read();
        BigInteger allPaths = PathEnumerator.count(network, true);
        if (enumerate && allPaths.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw new LimitExceeded("the network has " + allPaths + " paths (with biases), more than --limit " + limit
                    + "; raise --limit to list them, or drop --enumerate for norms and basis only");
        }
        Skeleton skeleton;
        try {
            skeleton = Skeleton.of(network, skeletonRule);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--skeleton: " + e.getMessage());
        }
        PathsReport report = PathsReport.of(network, limit, basis ? skeleton : null);
        var out = spec.commandLine().getOut();
        if (format.format() == OutputFormat.JSON) {
            report.writeJson(out);
        } else {
            report.writeText(out);
        }
        out.flush();
        return ExitCode.OK;
    }
}
