package org.flatcheck.cli;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.HessianCost;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.network.Network;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The work guard of the commands that compute an exact Hessian ({@code hessian}, {@code bounds}, {@code audit}):
 * the work is estimated from sizes and bit lengths ({@link HessianCost}) before anything is computed, and work
 * above {@code --max-hessian-work} is refused at once instead of running for an hour.
 */
final class HessianLimits {
    /**
     * The default of {@code --max-hessian-work}, in 64-bit word operations: one to a few minutes of Hessian on
     * the 2-core machine of bench/README.md ("Cost guards"), where the estimate ran at 1–6·10⁹ per second.
     */
    static final long DEFAULT_MAX_WORK = 200_000_000_000L;

    private HessianLimits() {
    }

    /** Why the Hessian of {@code net} on {@code data} is refused under {@code max}, or null if it is not. */
    static String refusal(Network net, Dataset data, long max) {
        String why = HessianCost.refusal(net, data, max, "--max-hessian-work");
        return why == null ? null : why + "; raise it to wait for the result";
    }

    /** Throws {@link LimitExceeded} (exit 4) if the Hessian is above the limit; a limit below 1 is a usage error. */
    static void check(CommandSpec spec, Network net, Dataset data, long max) {
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max-hessian-work must be at least 1, got " + max);
        }
        String why = refusal(net, data, max);
        if (why != null) {
            throw new LimitExceeded(why);
        }
    }
}
