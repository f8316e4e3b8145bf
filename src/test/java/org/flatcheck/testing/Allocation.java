package org.flatcheck.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the Java heap by the current thread: what tests assert instead of wall-clock time.
 * The count does not depend on the machine's speed or load (the JIT may remove allocations, so a bound
 * that holds interpreted holds compiled too), and it is what "refused before reading the whole input"
 * or "no quadratic memory" really means.
 */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** Bytes allocated so far by the current thread (a running total). */
    public static long current() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated so far by thread {@code t} (which may have ended: then -1). */
    public static long of(Thread t) {
        return THREADS.getThreadAllocatedBytes(t.getId());
    }

    /** Bytes {@code work} allocated on the current thread. */
    public static long of(Runnable work) {
        long before = current();
        work.run();
        return current() - before;
    }

    /** Mebibytes, for messages. */
    public static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
