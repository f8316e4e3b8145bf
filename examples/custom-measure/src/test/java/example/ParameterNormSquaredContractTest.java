package example;

import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.testing.InvarianceContract;

/**
 * The whole invariance contract of the example measure, inherited from flatcheck's
 * {@link InvarianceContract}: its INVARIANT declaration (permutations) is checked on 300 random
 * cases, and each NOT_INVARIANT declaration must be backed by a counterexample flatcheck finds.
 */
class ParameterNormSquaredContractTest implements InvarianceContract {
    @Override
    public FlatnessMeasure measure() {
        return new ParameterNormSquared();
    }
}
