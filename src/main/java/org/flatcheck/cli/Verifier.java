package org.flatcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.flatcheck.claims.Claims;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.error.LimitExceeded;

/**
 * {@link CertificateVerifier} for the commands: a certificate too large to check ({@code TooLarge}, which
 * {@code claims.verify} declares on its own) is the {@link LimitExceeded} every other limit is (exit 4).
 */
final class Verifier {
    private Verifier() {
    }

    /** A certificate whose checking would exceed the checker's limits; the message names the limit. */
    static final class TooLarge extends LimitExceeded {
        private static final long serialVersionUID = 1L;

        TooLarge(CertificateVerifier.TooLarge e) {
            super(e.getMessage());
            initCause(e);
        }
    }

    /** Checks the certificate {@code file} against its claim, refusing above {@code maxWork} word operations. */
    static CertificateVerifier.Result verify(Path file, long maxWork) {
        return limited(() -> CertificateVerifier.verify(file, Claims.specs(), maxWork));
    }

    /** Checks the certificate {@code root}, to be written to {@code label}, against its claim. */
    static CertificateVerifier.Result verify(Path label, JsonNode root) {
        return limited(() -> CertificateVerifier.verify(label, root, Claims.specs()));
    }

    private static CertificateVerifier.Result limited(Supplier<CertificateVerifier.Result> check) {
        try {
            return check.get();
        } catch (CertificateVerifier.TooLarge e) {
            throw new TooLarge(e);
        }
    }
}
