package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.privacysuite.dsar.domain.AuditEntry;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;

/**
 * Writes the audit trail, in the same transaction as the change it records, each entry sealed and chained to the
 * request's previous one ({@link AuditSeal}) and queued for the suite-wide chain ({@link AuditChain}), and announces
 * the change to observers ({@link RequestChanged}), such as the Data Rights Protocol's status callbacks.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String SYSTEM = "system:dsar-service";

    @Inject
    Clock clock;

    @Inject
    Event<RequestChanged> changes;

    @Inject
    AuditSeal seal;

    @Inject
    AuditChain chain;

    /** Records an action that does not change the status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(PrivacyRequest request, String actor, String action, String detail) {
        append(request.id, actor, action, request.status, request.status, detail);
    }

    /** Moves the request to {@code to} and records who did it and why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transition(PrivacyRequest request, RequestStatus to, String actor, String action, String detail) {
        RequestStatus from = request.status;
        request.status = to;
        if (!to.isOpen() && request.endedAt == null) {
            request.endedAt = Instant.now(clock); // the retention of contact data counts from here
        }
        append(request.id, actor, action, from, to, detail);
    }

    private void append(String requestId, String actor, String action, RequestStatus from, RequestStatus to,
            String detail) {
        AuditEntry entry = new AuditEntry();
        entry.requestId = requestId;
        // To the second: the seal covers the time as every database will give it back (MySQL rounds fractions a
        // column does not keep, and a driver may not send them); the sequence orders entries within a second.
        entry.at = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        entry.actor = actor;
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = to;
        entry.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
        entry.prevHash = AuditEntry.<AuditEntry>find("requestId = ?1 order by seq desc", requestId)
                .firstResultOptional().map(previous -> previous.entryHash).orElse(null);
        entry.entryHash = seal.entryHash(entry);
        entry.persist();
        chain.awaitLinking(entry);
        changes.fire(new RequestChanged(requestId));
    }
}
