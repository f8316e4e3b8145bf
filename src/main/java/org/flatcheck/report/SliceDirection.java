package org.flatcheck.report;

import java.util.Optional;

/** The kinds of direction of a loss slice through θ ({@link SlicePlot}), named on the command line by their keys. */
public enum SliceDirection {
    /** {@code θ + t·d}, d Gaussian. */
    RANDOM("random", "random direction"),
    /** Filter-normalised (Li et al. 2018, §4): each unit's incoming block of d rescaled to the norm of θ's block. */
    FILTER("filter", "filter-normalised (Li et al. 2018)"),
    /** In basis-path values (Yi et al. 2019's PSI coordinates): a function of the rescaling class only. */
    BASIS("basis", "basis-path values (Yi et al. 2019)");

    private final String key;
    private final String label;

    SliceDirection(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name on the command line and in seeds: {@code random}, {@code filter} or {@code basis}. */
    public String key() {
        return key;
    }

    /** The name of the curve or picture. */
    public String label() {
        return label;
    }

    /** The kind named {@code key} (case-sensitive), if any. */
    public static Optional<SliceDirection> of(String key) {
        for (SliceDirection d : values()) {
            if (d.key.equals(key)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
