package plugintest;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Metadata;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Plug-in measures for the tests of how flatcheck treats plug-ins, outside the org.flatcheck packages as a
 * user's would be. {@code Base} is well-behaved (‖θ‖²); each subclass breaks one rule. None is listed in a
 * services file of the test class path: the tests put them on a class loader of their own.
 */
public class Base implements FlatnessMeasure {
    private final Metadata metadata;

    public Base() {
        this("test-norm");
    }

    Base(String id) {
        this(new Metadata(id, "a test", "Σ θₖ²", Cost.CHEAP, false));
    }

    Base(Metadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public Metadata metadata() {
        return metadata;
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction x : net.parameters()) {
            s = s.add(x.multiply(x));
        }
        return new Value.Exact(s);
    }

    @Override
    public Verdict verdict(Symmetry s, Options options) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.NOT_INVARIANT;
            case LAYER_SCALING -> Verdict.NOT_INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    /** compute throws. */
    public static final class Throws extends Base {
        public Throws() {
            super("test-throws");
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            throw new IllegalStateException("boom");
        }
    }

    /** compute returns null. */
    public static final class ReturnsNull extends Base {
        public ReturnsNull() {
            super("test-null-value");
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return null;
        }
    }

    /** The verdict under node rescaling is null. */
    public static final class NullVerdict extends Base {
        public NullVerdict() {
            super("test-null-verdict");
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return s == Symmetry.NODE_RESCALING ? null : super.verdict(s, options);
        }
    }

    /** The verdict is null only under settings other than the defaults (as an audit with --skeleton first asks). */
    public static final class NullVerdictWithOptions extends Base {
        public NullVerdictWithOptions() {
            super("test-null-verdict-options");
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return options.equals(Options.DEFAULTS) ? super.verdict(s, options) : null;
        }
    }

    /** No metadata. */
    public static final class NullMetadata extends Base {
        @Override
        public Metadata metadata() {
            return null;
        }
    }

    /** An id with a space and a newline. */
    public static final class BadId extends Base {
        public BadId() {
            super("bad id\nhessian-trace");
        }
    }

    /** The id of a built-in measure. */
    public static final class BuiltInId extends Base {
        public BuiltInId() {
            super("hessian-trace");
        }
    }

    /** The same id as {@link Base}. */
    public static final class SameIdAsBase extends Base {
    }

    /** A blank citation. */
    public static final class NoCitation extends Base {
        public NoCitation() {
            super(new Metadata("test-no-citation", " ", "Σ θₖ²", Cost.CHEAP, false));
        }
    }

    /** A constructor that throws. */
    public static final class ConstructorThrows extends Base {
        public ConstructorThrows() {
            throw new IllegalStateException("cannot start");
        }
    }

    /** compute never returns until {@link #release} is set; it ignores interrupts, as a hostile loop would. */
    public static final class Loops extends Base {
        public static volatile boolean release;

        public Loops() {
            super("test-loops");
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            while (!release) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
            return super.compute(net, data, options);
        }
    }
}
