package org.privacysuite.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Data Rights Protocol authorised agent for tests: a JDK Ed25519 key pair producing libsodium-compatible combined
 * signed messages, and the claims of the messages an agent sends.
 */
public final class DrpTestAgent {

    public static final String BUSINESS_ID = "PRIVACY_SUITE";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String id;
    private final KeyPair keys;

    public DrpTestAgent(String id) {
        this.id = id;
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte verify key (the end of the X.509 encoding), base64 as in the DRP agent directory. */
    public String verifyKey() {
        byte[] spki = keys.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    /** crypto_sign combined mode: signature || message. */
    public byte[] signRaw(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            byte[] signature = signer.sign();
            byte[] combined = Arrays.copyOf(signature, signature.length + message.length);
            System.arraycopy(message, 0, combined, signature.length, message.length);
            return combined;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request body: base64 of the combined signed JSON message. */
    public String sign(Map<String, Object> claims) {
        try {
            return Base64.getEncoder().encodeToString(signRaw(JSON.writeValueAsBytes(claims)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelope claims of section 2.01 / 2.05, valid for five minutes from now. */
    public Map<String, Object> envelope() {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("agent-id", id);
        claims.put("business-id", BUSINESS_ID);
        claims.put("issued-at", now.minusSeconds(5).toString());
        claims.put("expires-at", now.plusSeconds(300).toString());
        claims.put("drp.version", "1.0");
        return claims;
    }

    public Map<String, Object> exercise(String action, String email) {
        Map<String, Object> claims = envelope();
        claims.put("exercise", action);
        claims.put("regime", "ccpa");
        claims.put("relationships", java.util.List.of("customer"));
        claims.put("name", "Dana Example");
        claims.put("email", email);
        claims.put("email_verified", true);
        return claims;
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
