/**
 * The squared loss {@code L(θ) = (1/n) Σᵢ ‖f_θ(xᵢ) − yᵢ‖²} of a dataset and its exact derivatives on one
 * linear region: outputs, loss, gradient and Hessian, computed fraction-free; a kink (a pre-activation
 * exactly 0) is reported, never smoothed over.
 *
 * <p>May import: {@code exact}, {@code network}. Stable API: {@code Dataset}, {@code LocalModel},
 * {@code KinkException}.
 */
package org.flatcheck.calculus;
