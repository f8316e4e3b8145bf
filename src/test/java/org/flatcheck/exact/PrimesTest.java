package org.flatcheck.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The descending primes against a second route: BigInteger's primality test, walking down from 2³¹ − 1. */
class PrimesTest {
    /** The next prime below {@code n} by {@link BigInteger#isProbablePrime} (error below 2⁻¹⁰⁰). */
    private static int previousPrime(int n) {
        int c = n - 1;
        while (!BigInteger.valueOf(c).isProbablePrime(100)) {
            c--;
        }
        return c;
    }

    @Test
    void theFirstPrimesAreTheLargestBelowTwoToThe31() {
        int expected = Integer.MAX_VALUE; // 2³¹ − 1 is prime
        for (int i = 0; i < 200; i++) {
            assertEquals(expected, Primes.descending31(i), "prime " + i);
            expected = previousPrime(expected);
        }
    }

    @Test
    void primesBeyondTheTableContinueTheSequence() {
        int last = Primes.descending31(Primes.TABLE_SIZE - 1);
        int next = previousPrime(last);
        assertEquals(next, Primes.descending31(Primes.TABLE_SIZE));
        assertEquals(previousPrime(next), Primes.descending31(Primes.TABLE_SIZE + 1));
        assertTrue(Primes.isPrime(Primes.descending31(Primes.TABLE_SIZE + 5)));
    }
}
