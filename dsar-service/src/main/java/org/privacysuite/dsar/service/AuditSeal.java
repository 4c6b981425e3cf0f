package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HexFormat;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.AuditEntry;

/**
 * The keyed hashes that make the audit trail tamper-evident: HMAC-SHA256 under a key derived from the service's
 * secret (label {@code audit chain}), so that someone who can write to the database but does not hold the secret can
 * neither change an entry nor forge a consistent chain after removing one. An entry's hash covers every field but its
 * database sequence number, written as a JSON array (unambiguous, whatever the text holds), and the previous hash.
 */
@ApplicationScoped
public class AuditSeal {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DsarConfig config;

    private byte[] key;

    @PostConstruct
    void init() {
        key = ServiceKeys.derive(config.export().key(), "audit chain");
    }

    /** The hash an entry must carry, given the hash of the request's previous entry. */
    public String entryHash(AuditEntry entry) {
        return hex(canonical(entry.requestId, entry.at.toString(), entry.actor, entry.action,
                entry.fromStatus == null ? null : entry.fromStatus.name(),
                entry.toStatus == null ? null : entry.toStatus.name(), entry.detail, entry.prevHash));
    }

    /** A link of the suite-wide chain: the previous link's hash and the entry's. */
    public String chainHash(String previousLink, String entryHash) {
        return hex(canonical(previousLink, entryHash));
    }

    private String hex(String canonical) {
        return HexFormat.of().formatHex(ServiceKeys.hmac(key, canonical));
    }

    private static String canonical(String... fields) {
        try {
            return JSON.writeValueAsString(Arrays.asList(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
