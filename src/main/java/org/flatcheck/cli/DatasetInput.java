package org.flatcheck.cli;

import java.nio.file.Path;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.io.Datasets;
import org.flatcheck.network.Network;
import picocli.CommandLine.Option;

/** The option {@code --data FILE} of the commands that need a dataset (a picocli mixin). */
final class DatasetInput {
    @Option(names = "--data", required = true, paramLabel = "FILE", descriptionKey = "data", description = "Dataset file.")
    Path path;

    /** The dataset, read and checked against {@code net} (read from {@code source}): input and output sizes. */
    Dataset readFor(Network net, NetworkInput source) {
        return Datasets.readFor(net, source.path, path);
    }
}
