package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.privacysuite.dsar.domain.AuditEntry;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;

/**
 * Writes the audit trail, in the same transaction as the change it records, and announces the change to observers
 * ({@link RequestChanged}), such as the Data Rights Protocol's status callbacks.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String SYSTEM = "system:dsar-service";

    @Inject
    Clock clock;

    @Inject
    Event<RequestChanged> changes;

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
        entry.at = Instant.now(clock);
        entry.actor = actor;
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = to;
        entry.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
        entry.persist();
        changes.fire(new RequestChanged(requestId));
    }
}
