package org.flatcheck.symmetry;

import org.flatcheck.network.Network;

/**
 * The symmetry groups a measure's invariance is judged under (docs/definitions.md §symmetries); each
 * group's elements are one {@link GroupElement} class. A verdict is an exhaustive {@code switch} over
 * this enum, so a new constant fails the build wherever a decision about it is owed.
 */
public enum Symmetry {
    /** Node-wise positive rescaling {@code R_c} ({@link NodeRescaling}). */
    NODE_RESCALING("node_rescaling", "node rescaling", "node rescale", "node resc."),
    /** Dinh et al.'s layer-wise scaling {@code T_α} [D17 §4] ({@link LayerScaling}). */
    LAYER_SCALING("layer_scaling", "layer scaling", "layer scale", "layer sc."),
    /** Permutation of hidden units within a layer ({@link Permutation}). */
    PERMUTATION("permutation", "permutation", "permutation", "perm.");

    private final String key;
    private final String title;
    private final String column;
    private final String abbreviation;

    Symmetry(String key, String title, String column, String abbreviation) {
        this.key = key;
        this.title = title;
        this.column = column;
        this.abbreviation = abbreviation;
    }

    /** The JSON key of the audit report. */
    public String key() {
        return key;
    }

    /** The name in a Markdown table's header, e.g. {@code node rescaling}. */
    public String title() {
        return title;
    }

    /** The header of a terminal table's column (at most 14 characters), e.g. {@code node rescale}. */
    public String column() {
        return column;
    }

    /** The header of a LaTeX table's column, e.g. {@code node resc.}. */
    public String abbreviation() {
        return abbreviation;
    }

    /**
     * Whether this group acts on {@code net}: node rescalings act on every network, layer scalings and
     * permutations need a layered one (weight layers, hidden layers).
     */
    public boolean actsOn(Network net) {
        return switch (this) {
            case NODE_RESCALING -> true;
            case LAYER_SCALING, PERMUTATION -> net.isLayered();
        };
    }
}
