package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.privacysuite.dsar.domain.AuditEntry;

/**
 * Verifies the audit trail and keeps the suite-wide chain. Each request's entries chain by their keyed hashes
 * ({@link AuditSeal}); every sealed entry is also linked, by the job, into one chain across all requests
 * ({@code audit_chain}), whose last hash is the head. So a changed entry breaks its hash, a removed one breaks its
 * request's chain or leaves a link to nothing, and the head an officer noted down earlier must still be in the chain.
 */
@ApplicationScoped
public class AuditChain {

    /** Links made per job round: a backlog (a restart after a long outage) is worked off over rounds. */
    static final int LINKS_PER_ROUND = 1000;

    @Inject
    EntityManager em;

    @Inject
    AuditSeal seal;

    /** The answer of {@code GET /api/privacy-requests/{id}/audit/verify}. */
    public record Verification(boolean valid, int entries, String head, String suiteHead, List<String> problems) {
    }

    /** Written with the entry: the job links it into the suite-wide chain. */
    @Transactional(Transactional.TxType.MANDATORY)
    void awaitLinking(AuditEntry entry) {
        em.createNativeQuery("INSERT INTO audit_unlinked (entry_seq) VALUES (:seq)").setParameter("seq", entry.seq)
                .executeUpdate();
    }

    /** The job's part (one replica at a time, under its lease): links waiting entries in sequence order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int link(Instant now) {
        List<Long> waiting = ((List<?>) em.createNativeQuery("SELECT entry_seq FROM audit_unlinked ORDER BY entry_seq")
                .setMaxResults(LINKS_PER_ROUND).getResultList()).stream().map(n -> ((Number) n).longValue()).toList();
        if (waiting.isEmpty()) {
            return 0;
        }
        Map<Long, AuditEntry> entries = AuditEntry.<AuditEntry>list("seq in ?1", waiting).stream()
                .collect(Collectors.toMap(e -> e.seq, Function.identity()));
        String previous = suiteHead();
        for (Long seq : waiting) {
            AuditEntry entry = entries.get(seq);
            if (entry == null) {
                continue; // removed before it was linked: the request's own chain shows the gap
            }
            previous = seal.chainHash(previous, entry.entryHash);
            em.createNativeQuery("INSERT INTO audit_chain (entry_seq, request_id, chain_hash, linked_at)"
                    + " VALUES (:seq, :request, :hash, :at)").setParameter("seq", seq)
                    .setParameter("request", entry.requestId).setParameter("hash", previous).setParameter("at", now)
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM audit_unlinked WHERE entry_seq IN (:seqs)").setParameter("seqs", waiting)
                .executeUpdate();
        return waiting.size();
    }

    /** Whether the request's trail is as it was written. */
    @Transactional
    public Verification verify(String requestId) {
        List<String> problems = new ArrayList<>();
        List<AuditEntry> entries = AuditEntry.of(requestId);
        String previous = null;
        boolean sealedSeen = false;
        int sealed = 0;
        for (AuditEntry entry : entries) {
            if (entry.entryHash == null) {
                if (sealedSeen) {
                    problems.add("entry " + entry.seq + " carries no seal after sealed entries");
                }
                continue; // written before sealing existed: only before the sealed ones
            }
            sealedSeen = true;
            sealed++;
            if (!Objects.equals(entry.prevHash, previous)) {
                problems.add("entry " + entry.seq + " does not follow the entry before it: one was removed or inserted");
            }
            if (!seal.entryHash(entry).equals(entry.entryHash)) {
                problems.add("entry " + entry.seq + " (" + entry.action + ") was changed after it was written");
            }
            previous = entry.entryHash;
        }
        long linked = count("SELECT COUNT(*) FROM audit_chain WHERE request_id = :id", requestId);
        long waiting = count("SELECT COUNT(*) FROM audit_unlinked u JOIN request_audit a ON a.seq = u.entry_seq"
                + " WHERE a.request_id = :id", requestId);
        if (linked + waiting != sealed) {
            problems.add("the suite-wide chain holds " + (linked + waiting) + " entries of this request, its trail "
                    + sealed + ": an entry was removed");
        }
        return new Verification(problems.isEmpty(), entries.size(), previous, suiteHead(), problems);
    }

    private long count(String sql, String requestId) {
        return ((Number) em.createNativeQuery(sql).setParameter("id", requestId).getSingleResult()).longValue();
    }

    private String suiteHead() {
        List<?> head = em.createNativeQuery("SELECT chain_hash FROM audit_chain ORDER BY position DESC")
                .setMaxResults(1).getResultList();
        return head.isEmpty() ? null : (String) head.get(0);
    }
}
