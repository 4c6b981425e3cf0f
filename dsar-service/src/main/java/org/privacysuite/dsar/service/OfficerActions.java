package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.notice.Notices;

/** What privacy officers do with requests; every action lands in the audit trail with the officer's id. */
@ApplicationScoped
public class OfficerActions {

    @Inject
    SagaCoordinator saga;

    @Inject
    AuditTrail audit;

    @Inject
    Rectifications rectifications;

    @Inject
    MailOutbox mails;

    @Inject
    Notices notices;

    @Inject
    Clock clock;

    @Transactional
    public PrivacyRequest approve(String id, String officer) {
        PrivacyRequest request = load(id);
        requireStatus(request, "approve", RequestStatus.PENDING_APPROVAL);
        if (request.type.correctsData()) {
            rectifications.requireOwners(request); // before anything is written: a refused approval changes nothing
        }
        audit.note(request, officer, "approved", null);
        if (request.type.runsSaga()) {
            saga.start(request, officer);
        } else {
            audit.transition(request, RequestStatus.IN_PROGRESS, officer, "accepted", null);
        }
        return request;
    }

    @Transactional
    public PrivacyRequest deny(String id, String officer, String reason) {
        PrivacyRequest request = load(id);
        requireStatus(request, "deny", RequestStatus.UNVERIFIED, RequestStatus.PENDING_APPROVAL,
                RequestStatus.IN_PROGRESS, RequestStatus.STALLED);
        request.denialReason = reason;
        audit.transition(request, RequestStatus.DENIED, officer, "denied", reason);
        notices.denied(request);
        return request;
    }

    /** The one extension the law allows, with the reason the subject is told. */
    @Transactional
    public PrivacyRequest extend(String id, String officer, int months, String reason) {
        PrivacyRequest request = load(id);
        if (!request.status.isOpen()) {
            throw conflict(request, "extend");
        }
        if (request.extendedAt != null) {
            throw ProblemException.conflict("already-extended", "Already extended",
                    "The deadline of request " + id + " was extended before; the law allows one extension");
        }
        Instant before = request.dueAt;
        Instant now = Instant.now(clock);
        request.dueAt = LegalDeadlines.extendedDueAt(request.jurisdiction, request.receivedAt, months, now);
        request.extendedAt = now;
        request.extensionReason = reason;
        audit.note(request, officer, "extended", "due " + before + " -> " + request.dueAt + ": " + reason);
        notices.extended(request);
        return request;
    }

    /** Answers a QUESTION; the answer is mailed to the requester and kept with the request. */
    @Transactional
    public PrivacyRequest reply(String id, String officer, String message) {
        PrivacyRequest request = load(id);
        if (request.type != RequestType.QUESTION) {
            throw ProblemException.conflict("not-a-question", "Not a question",
                    "Only QUESTION requests are answered with a reply");
        }
        requireStatus(request, "reply to", RequestStatus.IN_PROGRESS, RequestStatus.PENDING_APPROVAL);
        request.reply = message;
        request.fulfilledAt = Instant.now(clock);
        audit.transition(request, RequestStatus.FULFILLED, officer, "replied", null);
        tell(request, "Answer to your privacy question", message);
        return request;
    }

    @Transactional
    public PrivacyRequest close(String id, String officer) {
        PrivacyRequest request = load(id);
        if (request.status == RequestStatus.CLOSED) {
            throw conflict(request, "close");
        }
        request.closedAt = Instant.now(clock);
        audit.transition(request, RequestStatus.CLOSED, officer, "closed", null);
        return request;
    }

    private void tell(PrivacyRequest request, String subject, String text) {
        // Notices go only to a proven address: an unproven one may belong to someone who never asked.
        request.provenEmail().ifPresent(address -> mails.enqueue(address, subject, text));
    }

    public static PrivacyRequest load(String id) {
        PrivacyRequest request = PrivacyRequest.findById(id);
        if (request == null) {
            throw ProblemException.notFound("Privacy request " + id);
        }
        return request;
    }

    private static void requireStatus(PrivacyRequest request, String action, RequestStatus... allowed) {
        for (RequestStatus status : allowed) {
            if (request.status == status) {
                return;
            }
        }
        throw conflict(request, action);
    }

    private static ProblemException conflict(PrivacyRequest request, String action) {
        return ProblemException.conflict("invalid-transition", "Not possible now",
                "Cannot " + action + " a request that is " + request.status);
    }
}
