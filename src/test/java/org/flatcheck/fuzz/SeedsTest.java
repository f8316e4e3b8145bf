package org.flatcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seeds are valid inputs: their command succeeds, so mutations start from files that reach every check. */
class SeedsTest {
    static java.util.List<Seed> seeds() {
        return Seed.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void everySeedIsAcceptedByItsCommand(Seed seed) {
        Cli.Run r = Cli.check(seed.target(), seed.bytes());
        assertEquals(0, r.code(), r::toString);
    }
}
