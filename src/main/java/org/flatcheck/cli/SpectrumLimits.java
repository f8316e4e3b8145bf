package org.flatcheck.cli;

import org.flatcheck.invariance.Audit;
import picocli.CommandLine.Option;

/**
 * The guards of the commands that compute a Hessian's spectrum ({@code hessian}, {@code audit}), a picocli
 * mixin: the certified enclosures cost O(P³) doubles plus one elimination mod p, the exact characteristic
 * polynomial O(P⁴·bits).
 */
final class SpectrumLimits {
    @Option(names = "--max-spectrum-params", defaultValue = "" + Audit.MAX_SPECTRUM_PARAMS, paramLabel = "P",
            descriptionKey = "max-spectrum-params",
            description = {"Refuse (exit 4) the certified enclosures above P parameters (default ${DEFAULT-VALUE}):",
                "their cost grows like P³ (seconds at P = 1300)."})
    int maxSpectrumParams;

    @Option(names = "--max-charpoly-params", defaultValue = "" + Audit.MAX_CHARPOLY_PARAMS, paramLabel = "P",
            descriptionKey = "max-charpoly-params",
            description = {"Refuse (exit 4) the characteristic polynomial route (--charpoly, --pdet) above P "
                + "parameters (default ${DEFAULT-VALUE}): its cost grows like P⁴ and reaches minutes near P = 400."})
    int maxCharpolyParams;
}
