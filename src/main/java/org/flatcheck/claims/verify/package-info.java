/**
 * The certificate checker: re-evaluates every check of a certificate from the networks and data it
 * contains, by its own forward passes, Taylor jets and path enumeration, without the code path that
 * produced it, and enforces each claim's rules for its evidence and the format of
 * {@code docs/certificates.md}.
 *
 * <p>May import: {@code exact}, {@code network}, {@code calculus}, {@code io} — never {@code measures},
 * {@code invariance} or {@code claims}, so that its verdict does not rest on the producer's code. Stable
 * API: {@code CertificateVerifier}.
 */
package org.flatcheck.claims.verify;
