package org.privacysuite.dsar.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for separate purposes derived from the service's one secret ({@code dsar.export.key}): HMAC-SHA256 of a label
 * per purpose under the secret, so a key that leaks for one purpose says nothing of the secret or the others, and
 * the platform manages one secret instead of several.
 */
final class ServiceKeys {

    private ServiceKeys() {
    }

    /** A 256-bit key for {@code purpose}, derived from {@code secret}. */
    static byte[] derive(String secret, String purpose) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), "privacy-suite dsar " + purpose + " v1");
    }

    static String deriveHex(String secret, String purpose) {
        return HexFormat.of().formatHex(derive(secret, purpose));
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
