package org.flatcheck.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flatcheck.exact.Q;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.io.SafeTensors;
import org.flatcheck.io.StateDict;
import org.flatcheck.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flatcheck export}: a layered network as a float64 safetensors state dict, the way back from import. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a layered network as a safetensors file of F64 tensors named like an nn.Sequential "
            + "state dict (0.weight, 0.bias, 2.weight, …; weights (out, in)). A parameter that is not exactly a "
            + "float64 is an error naming it, unless --round."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NET", description = "Network file (layered format).")
    Path net;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "The safetensors file to write (atomically).")
    Path out;

    @Option(names = "--round",
            description = "Round parameters that are not float64s to the nearest float64 (ties to even) and report "
                + "the largest relative error on stderr.")
    boolean round;

    @Override
    public Integer call() {
        Network network = NetworkJson.read(net);
        StateDict.Exported ex = StateDict.fromNetwork(network, net, round);
        SafeTensors.writeF64(out, ex.tensors(), StateDict.exportMetadata(network));
        if (ex.rounded() > 0) {
            var err = spec.commandLine().getErr();
            err.println("rounded " + ex.rounded() + " of " + network.parameters().length
                    + " parameters to the nearest float64; largest relative error " + Q.approx(ex.maxRelativeError(), 3)
                    + " (" + ex.worst() + ")");
            err.flush();
        }
        var stdout = spec.commandLine().getOut();
        stdout.println(net + " → " + out + ": " + ex.tensors().size() + " F64 tensors, " + network.parameters().length
                + " parameters, " + (ex.rounded() == 0 ? "exact" : ex.rounded() + " rounded"));
        stdout.flush();
        return ExitCode.OK;
    }
}
