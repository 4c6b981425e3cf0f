package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.IdentityProof;
import org.privacysuite.dsar.domain.Jurisdiction;
import org.privacysuite.dsar.notice.Notices;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.events.catalogue.ObjectionScope;

/**
 * Receives requests. The identities a request acts on come from {@link IdentityPolicy}: a request naming an address
 * that is not proven yet waits UNVERIFIED for the code mailed there, and nothing leaves dsar-service for it until the
 * code comes back. Verified requests go to an officer, or start at once where the configuration lets a subject's own
 * access or erasure through.
 */
@ApplicationScoped
public class RequestIntake {

    @Inject
    DsarConfig config;

    @Inject
    SagaCoordinator saga;

    @Inject
    AuditTrail audit;

    @Inject
    VerificationCodes codes;

    @Inject
    MailOutbox mails;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    OpenRequests openRequests;

    @Inject
    Notices notices;

    /** A request received, or the open one it repeats ({@code repeated}): answered with that one, nothing new. */
    public record Submitted(PrivacyRequest request, boolean repeated) {
    }

    @Transactional
    public Submitted submit(NewRequest input, IdentityPolicy.Claim claim, RequestSource source) {
        String actor = claim.subjectId() != null ? "subject:" + claim.subjectId() : "requester";
        // Only a proven identity may learn of an open request: an unproven address is checked once proven.
        var open = openRequests.sameAs(input.type(), objectionScope(input), claim.subjectId(),
                claim.awaitsEmailProof() ? null : claim.email(), claim.deviceId());
        if (open.isPresent()) {
            audit.note(open.get(), actor, "repeated", "the same request was sent again; answered with this one");
            return new Submitted(open.get(), true);
        }
        PrivacyRequest request = newRequest(input, claim, source);
        request.status = RequestStatus.UNVERIFIED;
        request.persist();
        audit.note(request, actor, "received", input.type() + " under " + request.jurisdiction + "; " + proofs(request));
        if (claim.awaitsEmailProof()) {
            sendCode(request, claim.subjectId() != null);
        } else {
            request.verifiedAt = request.receivedAt;
            route(request, actor, claim.deviceOnly() ? "verified by holding the device id"
                    : claim.emailProof() == IdentityProof.TOKEN_VERIFIED_EMAIL
                    ? "verified by token (subject and verified address)" : "verified by token");
        }
        return new Submitted(request, false);
    }

    /** Opens the erasure an account closure asks for: the person asked by closing, so no approval is needed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrivacyRequest openForClosedAccount(String subjectId) {
        PrivacyRequest request = newRequest(new NewRequest(RequestType.ERASURE, config.defaultJurisdiction(),
                "Account closed by its owner", null, null), IdentityPolicy.forClosedAccount(subjectId),
                RequestSource.ACCOUNT_CLOSURE);
        request.status = RequestStatus.UNVERIFIED;
        request.verifiedAt = request.receivedAt;
        request.persist();
        audit.note(request, "system:account-service", "received", "account.closed.v1; " + proofs(request));
        saga.start(request, "system:account-service");
        return request;
    }

    /**
     * Receives a request from an authorised agent (Data Rights Protocol), which attests that it verified the person's
     * identity: no mailed code, but like any request without login it waits for an officer's approval. The protocol
     * answers a repeated request itself (it knows which agent manages which request).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrivacyRequest openForAgent(NewRequest input, String agentActor, String detail) {
        PrivacyRequest request = newRequest(input, IdentityPolicy.forAgent(input.email()),
                RequestSource.AUTHORISED_AGENT);
        request.status = RequestStatus.UNVERIFIED;
        request.persist();
        audit.note(request, agentActor, "received", input.type() + " under " + request.jurisdiction
                + (detail == null ? "" : "; " + detail) + "; " + proofs(request));
        request.verifiedAt = request.receivedAt;
        route(request, agentActor, "identity attested by the authorised agent");
        return request;
    }

    /**
     * The mailed code proves the address. If an open request of the same type for that address exists already, this
     * one is closed as its duplicate and the requester is answered with the existing one ({@code repeated}).
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Submitted verify(String requestId, String code) {
        PrivacyRequest request = PrivacyRequest.findById(requestId);
        if (request == null || request.status != RequestStatus.UNVERIFIED) {
            throw ProblemException.notFound("An unverified request " + requestId);
        }
        codes.check(requestId, code);
        Instant now = Instant.now(clock);
        request.verifiedAt = now;
        request.proveEmail(IdentityProof.MAILED_CODE, now);
        String actor = request.subjectId != null ? "subject:" + request.subjectId : "requester";
        var open = openRequests.sameAs(request.type, request.objectionScope, request.subjectId, request.email,
                request.deviceId, request.id);
        if (open.isPresent()) {
            request.closedAt = now;
            audit.transition(request, RequestStatus.CLOSED, actor, "closed-as-duplicate",
                    "address proven by the mailed code; request " + open.get().id + " for it is open already");
            audit.note(open.get(), actor, "repeated", "the same request was sent again (" + request.id
                    + ", closed as its duplicate); answered with this one");
            return new Submitted(open.get(), true);
        }
        route(request, actor, "address proven by the mailed code");
        return new Submitted(request, false);
    }

    /**
     * After verification: the requester is told it arrived and by when it will be answered; questions go to officers'
     * inbox, the rest to approval unless auto-approved.
     */
    private void route(PrivacyRequest request, String actor, String how) {
        notices.acknowledge(request);
        // The subject's own request: signed in, or a cookie-only visitor holding the device (which reaches no account).
        boolean own = request.subjectId != null || request.deviceId != null && request.email == null;
        boolean auto = own && (request.type.collectsData() && config.autoApprove().ownAccess()
                || request.type == RequestType.ERASURE && config.autoApprove().ownErasure());
        if (request.type == RequestType.QUESTION) {
            audit.transition(request, RequestStatus.IN_PROGRESS, actor, "verified", how + "; awaiting an officer's reply");
        } else if (auto) {
            audit.transition(request, RequestStatus.PENDING_APPROVAL, actor, "verified", how);
            audit.note(request, AuditTrail.SYSTEM, "approved", "auto-approved: the subject's own request");
            saga.start(request, AuditTrail.SYSTEM);
        } else {
            audit.transition(request, RequestStatus.PENDING_APPROVAL, actor, "verified", how + "; awaiting approval");
        }
    }

    private PrivacyRequest newRequest(NewRequest input, IdentityPolicy.Claim claim, RequestSource source) {
        PrivacyRequest request = new PrivacyRequest();
        request.id = UUID.randomUUID().toString();
        request.type = input.type();
        request.jurisdiction = input.jurisdiction() != null ? input.jurisdiction() : config.defaultJurisdiction();
        request.source = source;
        request.subjectId = claim.subjectId();
        request.subjectProof = claim.subjectProof();
        request.email = claim.email();
        request.message = input.message();
        request.changesJson = input.changes() == null ? null : json(input.changes());
        request.objectionScope = objectionScope(input);
        request.language = input.language() != null ? input.language()
                : request.jurisdiction == Jurisdiction.QUEBEC ? "fr" : "en"; // Québec: French by default (Charter)
        request.deviceId = claim.deviceId();
        request.receivedAt = Instant.now(clock);
        if (claim.emailProof() != null) {
            request.proveEmail(claim.emailProof(), request.receivedAt);
        }
        request.dueAt = LegalDeadlines.dueAt(request.jurisdiction, request.receivedAt);
        request.acknowledgeBy = LegalDeadlines.acknowledgeBy(request.jurisdiction, request.receivedAt);
        return request;
    }

    /** DIRECT_MARKETING unless the objection says otherwise; null for the other types. */
    private static ObjectionScope objectionScope(NewRequest input) {
        if (!input.type().stopsProcessing()) {
            return null;
        }
        return input.objection() != null ? input.objection() : ObjectionScope.DIRECT_MARKETING;
    }

    /** For the audit trail: which identities and how each was proven (never the values themselves). */
    private static String proofs(PrivacyRequest request) {
        return "identities: " + (request.subjectId == null ? "" : "subject (" + request.subjectProof + ") ")
                + (request.email == null ? "" : "email (" + (request.emailProof == null ? "awaiting the mailed code"
                        : request.emailProof) + ") ")
                + (request.deviceId == null ? "" : "device (" + IdentityProof.DEVICE_HELD + ")");
    }

    private void sendCode(PrivacyRequest request, boolean signedIn) {
        String code = codes.issue(request.id, request.receivedAt);
        String who = signedIn
                ? "Someone signed in to an account on our site asked us to act on the data we hold under this address."
                : "Someone asked us to act on the data we hold under this address.";
        mails.enqueue(request.email, "Confirm your privacy request",
                who + "\n\nRequest: " + request.type.name().toLowerCase() + " (reference " + request.id + ").\n\n"
                        + "Your confirmation code is " + code + ". It is valid for "
                        + config.verification().codeTtl().toMinutes() + " minutes. Whoever enters it gets this"
                        + " request carried out for this address: give it to nobody.\n\n"
                        + "If you did not send this request, ignore this message; nothing will happen.");
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
