package org.flatcheck.cli;

import java.nio.file.Path;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import picocli.CommandLine.Option;

/** The option {@code --net FILE} of the commands that read one network (a picocli mixin). */
final class NetworkInput {
    @Option(names = "--net", required = true, paramLabel = "FILE", descriptionKey = "net", description = "Network file.")
    Path path;

    /** The network, read and validated ({@code io.InputError}, exit 2, if the file is wrong). */
    Network read() {
        return NetworkJson.read(path);
    }
}
