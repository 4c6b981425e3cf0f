package org.privacysuite.events.participant;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.privacysuite.events.config.EventsConfig;

/**
 * The keyed hashes of e-mail addresses that erasure journal lines carry instead of the addresses: HMAC-SHA256 under
 * {@code privacy.events.journal.key} of the canonical address (local part and domain in lower case, the domain in
 * its ASCII form), so every participant computes the same hash for the same address and nobody without the key can
 * tell which address a hash stands for. JDK {@link Mac}; nothing here is stored but the hex digest.
 */
@ApplicationScoped
public class JournalKeys {

    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    EventsConfig config;

    /** A short key is refused at start, not when the first erasure is journaled. */
    void onStart(@Observes StartupEvent event) {
        config.journal().key().filter(k -> !k.isBlank() && k.length() < 32).ifPresent(k -> {
            throw new IllegalStateException("privacy.events.journal.key must have at least 32 characters");
        });
    }

    /** The hashes of these addresses; empty without a key (the journal then names no address at all). */
    public List<String> hashes(Collection<String> emails) {
        return emails.stream().map(this::hash).flatMap(Optional::stream).distinct().toList();
    }

    /** The hash of one address; empty without a key, or for something that is not an address. */
    public Optional<String> hash(String email) {
        Optional<String> key = config.journal().key().filter(k -> !k.isBlank());
        String canonical = canonical(email);
        if (key.isEmpty() || canonical == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.get().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Optional.of(HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String canonical(String email) {
        String trimmed = Objects.requireNonNullElse(email, "").strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            return null;
        }
        try {
            return trimmed.substring(0, at).toLowerCase(Locale.ROOT) + "@"
                    + IDN.toASCII(trimmed.substring(at + 1), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
