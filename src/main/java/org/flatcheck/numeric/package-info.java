/**
 * Double-precision solvers (a Newton solver for geometric programs, SGD training for the empirical
 * claims) whose results are only ever rounded to rationals and checked exactly, or reported labelled as
 * numeric with their precision and seed; no exact result comes from here.
 *
 * <p>May import: nothing of flatcheck's. Internal: not part of the stable API.
 */
package org.flatcheck.numeric;
