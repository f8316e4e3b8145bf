package org.flatcheck.measures;

import java.util.Objects;
import org.flatcheck.measures.FlatnessMeasure.Cost;

/**
 * What a measure is, as a value: its stable {@code id} (a command-line word and a report column, e.g.
 * {@code hessian-trace}), the {@code citation} of its source (paper and equation, e.g.
 * {@code Dinh et al. 2017 (§3–4)}), its {@code formula} in plain math (e.g. {@code tr ∇²L(θ)}), its
 * {@link Cost} class and whether it reads a dataset (most do; path norms do not).
 */
public record Metadata(String id, String citation, String formula, Cost cost, boolean needsData) {
    public Metadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(cost, "cost");
    }

    /** A measure of cost {@code cost} that reads the dataset. */
    public static Metadata of(String id, String citation, String formula, Cost cost) {
        return new Metadata(id, citation, formula, cost, true);
    }

    /** The same measure, computed from θ alone (no dataset). */
    public Metadata withoutData() {
        return new Metadata(id, citation, formula, cost, false);
    }
}
