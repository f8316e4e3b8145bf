package org.flatcheck.claims.verify;

/**
 * What {@code verify-certificate} holds a certificate of a known claim to: the claim's kind and its texts,
 * which the certificate must carry verbatim. The structure of the evidence each claim requires is the
 * checker's own ({@link Evidence}).
 */
public record ClaimSpec(String id, ClaimKind kind, String source, String paper, String checked) {
}
