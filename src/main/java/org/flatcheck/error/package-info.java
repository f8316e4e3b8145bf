/**
 * The exceptions that end a run for a reason the user can act on: one sealed hierarchy
 * ({@link org.flatcheck.error.FlatcheckException}: bad input, undefined at this point, a limit reached) whose
 * kind decides the command line's exit code (2, 3, 4). Every package may throw them.
 *
 * <p>May import: nothing of flatcheck's. Stable API: every type here.
 */
package org.flatcheck.error;
