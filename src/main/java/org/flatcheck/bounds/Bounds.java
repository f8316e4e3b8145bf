package org.flatcheck.bounds;

import java.util.List;
import java.util.Optional;

/** The built-in bound terms of MATH §6, in print order. */
public final class Bounds {
    private static final List<BoundTerm> BUILT_INS = List.of(new N15PathNorm(), new G24PathNorm(),
            new B17SpectralComplexity(), new Nbs18SpectralFrobenius(), new J20PacBayesOrig(), new J20PacBayesMagOrig(),
            new Y19PsiBound());

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
