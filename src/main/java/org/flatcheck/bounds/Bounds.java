package org.flatcheck.bounds;

import java.util.List;
import java.util.Optional;

/**
 * The built-in bound terms (docs/definitions.md §bounds), in print order. Yi et al. 2019's PSI-flatness bound is not
 * among them: flatcheck evaluates only bounds whose inequality, constants and assumptions it states (see
 * docs/definitions.md §bounds); its ingredient is the catalog's {@code psi-ratio}.
 */
public final class Bounds {
    private static final List<BoundTerm> BUILT_INS = List.of(new N15PathNorm(), new G24PathNorm(),
            new B17SpectralComplexity(), new Nbs18SpectralFrobenius(), new J20PacBayesOrig(), new J20PacBayesMagOrig());

    private Bounds() {
    }

    /** Every built-in term. */
    public static List<BoundTerm> builtIns() {
        return BUILT_INS;
    }

    /** The built-in term with this id. */
    public static Optional<BoundTerm> get(String id) {
        return BUILT_INS.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
