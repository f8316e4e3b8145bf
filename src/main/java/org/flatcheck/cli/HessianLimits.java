package org.flatcheck.cli;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.HessianCost;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.invariance.Audit;
import org.flatcheck.network.Network;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The guards of the commands that compute an exact Hessian ({@code hessian}, {@code bounds}, {@code audit}), a
 * picocli mixin: {@code --max-hessian-params} bounds its P² entries, and {@code --max-hessian-work} its work,
 * estimated from sizes and bit lengths ({@link HessianCost}) before anything is computed, so that work above
 * the limit is refused at once instead of running for an hour. Each command says what it does above a limit
 * (refuse, or skip what needs the Hessian) in its own help text (OptionTexts.properties).
 */
final class HessianLimits {
    /**
     * The default of {@code --max-hessian-work}, in 64-bit word operations: one to a few minutes of Hessian on
     * the 2-core machine of bench/README.md ("Cost guards"), where the estimate ran at 1–6·10⁹ per second.
     */
    static final long DEFAULT_MAX_WORK = 200_000_000_000L;

    @Option(names = "--max-hessian-params", defaultValue = "" + Audit.MAX_HESSIAN_PARAMS, paramLabel = "P",
            descriptionKey = "max-hessian-params",
            description = "Refuse (exit 4) the Hessian itself above P parameters (default ${DEFAULT-VALUE}): it has P² "
                + "exact entries (memory grows like P²·bits).")
    int maxParams;

    @Option(names = "--max-hessian-work", defaultValue = "" + DEFAULT_MAX_WORK, paramLabel = "OPS",
            descriptionKey = "max-hessian-work",
            description = "Refuse (exit 4) a Hessian estimated, from the sizes and bit lengths of the network and data, to "
                + "take more word operations (default ${DEFAULT-VALUE}, a few minutes).")
    long maxWork;

    /** Why the Hessian of {@code net} on {@code data} is refused under {@code --max-hessian-work}, or null if it is not. */
    String workRefusal(Network net, Dataset data) {
        String why = HessianCost.refusal(net, data, maxWork, "--max-hessian-work");
        return why == null ? null : why + "; raise it to wait for the result";
    }

    /** Throws {@link LimitExceeded} (exit 4) if the Hessian's work is above the limit; a limit below 1 is a usage error. */
    void checkWork(CommandSpec spec, Network net, Dataset data) {
        if (maxWork < 1) {
            throw new ParameterException(spec.commandLine(), "--max-hessian-work must be at least 1, got " + maxWork);
        }
        String why = workRefusal(net, data);
        if (why != null) {
            throw new LimitExceeded(why);
        }
    }
}
