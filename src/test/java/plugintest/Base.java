package plugintest;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Symmetry;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;

/**
 * Plug-in measures for the tests of how flatcheck treats plug-ins, outside the org.flatcheck packages as a
 * user's would be. {@code Base} is well-behaved (‖θ‖²); each subclass breaks one rule. None is listed in a
 * services file of the test class path: the tests put them on a class loader of their own.
 */
public class Base implements FlatnessMeasure {
    @Override
    public String id() {
        return "test-norm";
    }

    @Override
    public String citation() {
        return "a test";
    }

    @Override
    public String formula() {
        return "Σ θₖ²";
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public Value compute(Network net, Dataset data) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction x : net.parameters()) {
            s = s.add(x.multiply(x));
        }
        return new Value.Exact(s);
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return s == Symmetry.PERMUTATION ? Verdict.INVARIANT : Verdict.NOT_INVARIANT;
    }

    /** compute throws. */
    public static final class Throws extends Base {
        @Override
        public String id() {
            return "test-throws";
        }

        @Override
        public Value compute(Network net, Dataset data) {
            throw new IllegalStateException("boom");
        }
    }

    /** compute returns null. */
    public static final class ReturnsNull extends Base {
        @Override
        public String id() {
            return "test-null-value";
        }

        @Override
        public Value compute(Network net, Dataset data) {
            return null;
        }
    }

    /** The verdict under node rescaling is null. */
    public static final class NullVerdict extends Base {
        @Override
        public String id() {
            return "test-null-verdict";
        }

        @Override
        public Verdict verdict(Symmetry s) {
            return s == Symmetry.NODE_RESCALING ? null : super.verdict(s);
        }
    }

    /** The verdict is null only when asked with options (as the audit asks). */
    public static final class NullVerdictWithOptions extends Base {
        @Override
        public String id() {
            return "test-null-verdict-options";
        }

        @Override
        public Verdict verdict(Symmetry s, org.flatcheck.measures.Options options) {
            return null;
        }
    }

    /** No id. */
    public static final class NullId extends Base {
        @Override
        public String id() {
            return null;
        }
    }

    /** An id with a space and a newline. */
    public static final class BadId extends Base {
        @Override
        public String id() {
            return "bad id\nhessian-trace";
        }
    }

    /** The id of a built-in measure. */
    public static final class BuiltInId extends Base {
        @Override
        public String id() {
            return "hessian-trace";
        }
    }

    /** The same id as {@link Base}. */
    public static final class SameIdAsBase extends Base {
    }

    /** No citation. */
    public static final class NoCitation extends Base {
        @Override
        public String id() {
            return "test-no-citation";
        }

        @Override
        public String citation() {
            return null;
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

        @Override
        public String id() {
            return "test-loops";
        }

        @Override
        public Value compute(Network net, Dataset data) {
            while (!release) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
            return super.compute(net, data);
        }
    }
}
