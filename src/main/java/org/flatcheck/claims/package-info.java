/**
 * The papers' claims as executable checks: one class per claim, each stating what the paper states and
 * what flatcheck checks, and producing a certificate whose evidence an independent checker re-evaluates.
 *
 * <p>May import: everything below it ({@code exact} … {@code invariance}, {@code io}) and
 * {@code claims.verify} (for the shared vocabulary only). Stable API: {@code Claim}, {@code Claims},
 * {@code Certificate}.
 */
package org.flatcheck.claims;
