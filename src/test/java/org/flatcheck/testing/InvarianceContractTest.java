package org.flatcheck.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Example;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.io.DatasetJson;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Metadata;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.NodeRescaling;
import org.flatcheck.symmetry.Symmetry;
import org.opentest4j.AssertionFailedError;

/** A contract failure says how to reproduce it: the networks and the dataset as files, and the commands. */
class InvarianceContractTest {
    /** ‖θ‖², wrongly declared invariant under every symmetry. */
    static final class WronglyInvariant implements FlatnessMeasure {
        @Override
        public Metadata metadata() {
            return Metadata.of("wrongly-invariant", "a test", "‖θ‖²", FlatnessMeasure.Cost.CHEAP);
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            BigFraction s = BigFraction.ZERO;
            for (BigFraction x : net.parameters()) {
                s = s.add(x.multiply(x));
            }
            return Value.exact(s);
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING, LAYER_SCALING, PERMUTATION -> Verdict.INVARIANT;
            };
        }
    }

    @Example
    void aFailurePrintsTheNetworksTheDataAndTheCommands() {
        InvarianceContract contract = WronglyInvariant::new;
        Network net = Layered.of("n", new int[] {1, 1, 1}, new BigFraction[][][] {{{Q.of(1)}}, {{Q.of(2)}}}, null);
        Dataset data = Dataset.of(new BigFraction[][] {{Q.of(1)}}, new BigFraction[][] {{Q.of(0)}});
        NodeRescaling g = NodeRescaling.of(Map.of(net.indexOf("h1_0"), Q.of(3)));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> contract.invariantVerdictsHold(new InvarianceContract.Case(net, data, g)));
        String m = e.getMessage();
        assertTrue(m.contains(NetworkJson.toJson(net)) && m.contains(NetworkJson.toJson(g.apply(net))), m);
        assertTrue(m.contains(DatasetJson.toJson(data)), m);
        assertTrue(m.contains("flatcheck audit --net net.json --data data.json --only wrongly-invariant")
                && m.contains("flatcheck audit --net moved.json --data data.json --only wrongly-invariant"), m);
    }
}
