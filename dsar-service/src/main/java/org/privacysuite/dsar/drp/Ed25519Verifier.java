package org.privacysuite.dsar.drp;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * libsodium-compatible Ed25519 with the JDK alone: raw 32-byte verify keys (base64 as the DRP directory has them
 * since 0.9.1, or hex as before) and "combined mode" signed messages, the 64-byte signature followed by the message.
 */
public final class Ed25519Verifier {

    public static final int KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112); the raw key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Verifier() {
    }

    /** The raw key bytes of a base64 (standard or URL-safe) or hex verify key, or empty if it is not one. */
    public static Optional<byte[]> rawKey(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        String text = encoded.trim();
        byte[] raw = null;
        if (text.matches("[0-9a-fA-F]{64}")) {
            raw = HexFormat.of().parseHex(text);
        } else {
            raw = decodeBase64(text).orElse(null);
        }
        return raw != null && raw.length == KEY_BYTES ? Optional.of(raw) : Optional.empty();
    }

    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 verify key has 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 verify key", e);
        }
    }

    /**
     * Opens a combined signed message ({@code crypto_sign_open}): the message if the leading signature is valid for
     * it under the key, otherwise empty.
     */
    public static Optional<byte[]> open(byte[] signedMessage, byte[] rawVerifyKey) {
        if (signedMessage == null || signedMessage.length < SIGNATURE_BYTES) {
            return Optional.empty();
        }
        byte[] signature = Arrays.copyOfRange(signedMessage, 0, SIGNATURE_BYTES);
        byte[] message = Arrays.copyOfRange(signedMessage, SIGNATURE_BYTES, signedMessage.length);
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(rawVerifyKey));
            verifier.update(message);
            return verifier.verify(signature) ? Optional.of(message) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Base64 in the standard or URL-safe alphabet, padding optional, whitespace (line breaks) ignored. */
    public static Optional<byte[]> decodeBase64(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s+", "");
        if (compact.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact)
                    : Base64.getDecoder().decode(compact));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
