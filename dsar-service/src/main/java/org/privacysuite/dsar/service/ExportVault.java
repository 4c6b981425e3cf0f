package org.privacysuite.dsar.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.privacysuite.dsar.config.DsarConfig;

/**
 * Encrypts the personal data dsar-service keeps for export packages (AES-256-GCM, a random 96-bit nonce per value,
 * the nonce stored in front of the ciphertext), so that a copy of the database alone reveals nothing.
 */
@ApplicationScoped
public class ExportVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    DsarConfig config;

    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    /** The AES-256 key is the SHA-256 of the configured secret, so any long random string serves as one. */
    @PostConstruct
    void init() {
        String secret = config.export().key();
        if (secret.length() < 16) {
            throw new IllegalStateException("dsar.export.key must be a random secret of at least 16 characters");
        }
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
                    "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer's data as stored: compressed, then encrypted. Compressed because a subject's export can pass the
     * database's largest packet ({@code max_allowed_packet}, 16 MiB on MariaDB) as plain JSON, which repeats itself
     * (10,000 consent decisions: 21 MB, about a tenth of that compressed); fastest level, since it runs on the
     * consumer's thread.
     */
    public byte[] seal(byte[] json) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream(json.length / 8 + 64);
        try (OutputStream gzip = new GZIPOutputStream(packed, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encrypt(packed.toByteArray());
    }

    /** The data {@link #seal} stored; data stored before compression (plain JSON) is read as it is. */
    public byte[] open(byte[] stored) {
        byte[] plain = decrypt(stored);
        if (plain.length < 2 || (plain[0] & 0xff) != 0x1f || (plain[1] & 0xff) != 0x8b) {
            return plain; // JSON starts with '{', never with gzip's magic number
        }
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(plain), 64 * 1024)) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] encrypt(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored data cannot be decrypted with the configured key", e);
        }
    }
}
