/**
 * The model: an immutable DAG of input, hidden ReLU and linear output nodes with exact weights and
 * biases (a bias is an edge from the constant-1 source), layered MLPs as the common case, and the
 * exact forward pass and activation patterns.
 *
 * <p>May import: {@code exact}. Stable API: {@code Network}, {@code NetworkBuilder}, {@code Layered}, {@code Node}, {@code Edge},
 * {@code Forward}, {@code ActivationPattern}.
 */
package org.flatcheck.network;
