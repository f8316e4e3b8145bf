package org.flatcheck.exact;

/** Word-size primes for multi-modular arithmetic, certified by a deterministic Miller–Rabin test. */
final class Primes {
    /** How many primes the immutable table holds; later ones are found again on each request. */
    static final int TABLE_SIZE = 8192;

    private Primes() {
    }

    /** The table, built once on first use (class initialisation is thread-safe) and never changed. */
    private static final class Table {
        static final int[] PRIMES = below(Integer.MAX_VALUE, TABLE_SIZE);
    }

    /** The {@code i}-th prime below {@code 2³¹} counting downwards from {@code 2³¹ − 1} (index 0). */
    static int descending31(int i) {
        if (i < TABLE_SIZE) {
            return Table.PRIMES[i];
        }
        int[] beyond = below(Table.PRIMES[TABLE_SIZE - 1] - 2, i - TABLE_SIZE + 1);
        return beyond[beyond.length - 1];
    }

    /** The first {@code count} primes at or below the odd number {@code start}, descending. */
    private static int[] below(int start, int count) {
        int[] out = new int[count];
        int candidate = start;
        for (int k = 0; k < count; k++) {
            while (!isPrime(candidate)) {
                candidate -= 2;
            }
            out[k] = candidate;
            candidate -= 2;
        }
        return out;
    }

    /**
     * Primality of {@code n < 2³¹}: a strong probable prime to the bases 2, 7 and 61 is prime below
     * 4 759 123 141 (Jaeschke 1993); the bound {@code 2³¹} keeps every square in a {@code long}.
     */
    static boolean isPrime(long n) {
        if (n >= 1L << 31) {
            throw new IllegalArgumentException("isPrime needs n < 2^31, got " + n);
        }
        if (n < 2) {
            return false;
        }
        for (long q : new long[] {2, 3, 5, 7, 61}) {
            if (n % q == 0) {
                return n == q;
            }
        }
        long d = n - 1;
        int s = 0;
        while ((d & 1) == 0) {
            d >>= 1;
            s++;
        }
        for (long a : new long[] {2, 7, 61}) {
            long x = power(a, d, n);
            if (x == 1 || x == n - 1) {
                continue;
            }
            boolean composite = true;
            for (int r = 1; r < s; r++) {
                x = x * x % n;
                if (x == n - 1) {
                    composite = false;
                    break;
                }
            }
            if (composite) {
                return false;
            }
        }
        return true;
    }

    /** {@code a^e mod m} for {@code m < 2³¹}. */
    static long power(long a, long e, long m) {
        long result = 1;
        long base = a % m;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * base % m;
            }
            base = base * base % m;
            e >>= 1;
        }
        return result;
    }

    /** The inverse of a nonzero {@code a} modulo the prime {@code p}. */
    static long inverse(long a, int p) {
        if (a % p == 0) {
            throw new ArithmeticException("0 has no inverse mod " + p);
        }
        return power(Math.floorMod(a, (long) p), p - 2L, p);
    }
}
