package org.flatcheck.measures;

/** The symmetries a measure's invariance is judged under (docs/definitions.md §symmetries). */
public enum Symmetry {
    /** Node-wise positive rescaling {@code R_c}. */
    NODE_RESCALING("node_rescaling"),
    /** Dinh et al.'s layer-wise scaling {@code T_α} [D17 §4]. */
    LAYER_SCALING("layer_scaling"),
    /** Permutation of hidden units within a layer. */
    PERMUTATION("permutation");

    private final String key;

    Symmetry(String key) {
        this.key = key;
    }

    /** The JSON key of the audit report. */
    public String key() {
        return key;
    }
}
