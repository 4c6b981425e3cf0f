package org.privacysuite.dsar.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestSource;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;
import org.privacysuite.dsar.domain.VerificationChallenge;

/**
 * Receives requests. A signed-in subject is verified by the token; anyone else gives an email address and proves it
 * with a mailed code (expiring, limited attempts). Verified requests go to an officer, or start at once where the
 * configuration lets a subject's own access or erasure through.
 */
@ApplicationScoped
public class RequestIntake {

    private final SecureRandom random = new SecureRandom();

    @Inject
    DsarConfig config;

    @Inject
    SagaCoordinator saga;

    @Inject
    AuditTrail audit;

    @Inject
    Mailer mailer;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Transactional
    public PrivacyRequest submit(NewRequest input, Optional<String> subjectId, RequestSource source) {
        PrivacyRequest request = newRequest(input, source);
        request.subjectId = subjectId.orElse(null);
        request.status = RequestStatus.UNVERIFIED;
        request.persist();
        audit.note(request, subjectId.map(s -> "subject:" + s).orElse("requester"), "received",
                input.type() + " under " + request.jurisdiction);
        if (subjectId.isPresent()) {
            request.verifiedAt = request.receivedAt;
            route(request, "subject:" + subjectId.get(), "verified by token");
        } else {
            sendCode(request);
        }
        return request;
    }

    /** Opens the erasure an account closure asks for: the person asked by closing, so no approval is needed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrivacyRequest openForClosedAccount(String subjectId) {
        PrivacyRequest request = newRequest(new NewRequest(RequestType.ERASURE, config.defaultJurisdiction(),
                "Account closed by its owner", null, null), RequestSource.ACCOUNT_CLOSURE);
        request.subjectId = subjectId;
        request.status = RequestStatus.UNVERIFIED;
        request.verifiedAt = request.receivedAt;
        request.persist();
        audit.note(request, "system:account-service", "received", "account.closed.v1");
        saga.start(request, "system:account-service");
        return request;
    }

    /**
     * Receives a request from an authorised agent (Data Rights Protocol), which attests that it verified the person's
     * identity: no mailed code, but like any request without login it waits for an officer's approval.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PrivacyRequest openForAgent(NewRequest input, String agentActor, String detail) {
        PrivacyRequest request = newRequest(input, RequestSource.AUTHORISED_AGENT);
        request.status = RequestStatus.UNVERIFIED;
        request.persist();
        audit.note(request, agentActor, "received", input.type() + " under " + request.jurisdiction
                + (detail == null ? "" : "; " + detail));
        request.verifiedAt = request.receivedAt;
        route(request, agentActor, "identity attested by the authorised agent");
        return request;
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public PrivacyRequest verify(String requestId, String code) {
        PrivacyRequest request = PrivacyRequest.findById(requestId);
        VerificationChallenge challenge = VerificationChallenge.findById(requestId);
        if (request == null || request.status != RequestStatus.UNVERIFIED || challenge == null) {
            throw ProblemException.notFound("An unverified request " + requestId);
        }
        if (challenge.attempts >= config.verification().maxAttempts()) {
            throw new ProblemException(429, "verification-locked", "Too many attempts",
                    "This request can no longer be verified; please send a new one.");
        }
        if (Instant.now(clock).isAfter(challenge.expiresAt)) {
            throw new ProblemException(410, "verification-expired", "Code expired",
                    "The code has expired; please send a new request.");
        }
        if (!MessageDigest.isEqual(hash(requestId, code).getBytes(StandardCharsets.UTF_8),
                challenge.codeHash.getBytes(StandardCharsets.UTF_8))) {
            challenge.attempts++;
            throw ProblemException.invalid("code", "wrong code; "
                    + (config.verification().maxAttempts() - challenge.attempts) + " attempts left");
        }
        challenge.delete();
        request.verifiedAt = Instant.now(clock);
        route(request, "requester", "email verified");
        return request;
    }

    /** After verification: questions go to officers' inbox, the rest to approval unless auto-approved. */
    private void route(PrivacyRequest request, String actor, String how) {
        boolean own = request.subjectId != null;
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

    private PrivacyRequest newRequest(NewRequest input, RequestSource source) {
        PrivacyRequest request = new PrivacyRequest();
        request.id = UUID.randomUUID().toString();
        request.type = input.type();
        request.jurisdiction = input.jurisdiction() != null ? input.jurisdiction() : config.defaultJurisdiction();
        request.source = source;
        request.email = input.email();
        request.message = input.message();
        request.changesJson = input.changes() == null ? null : json(input.changes());
        request.receivedAt = Instant.now(clock);
        request.dueAt = LegalDeadlines.dueAt(request.jurisdiction, request.receivedAt);
        request.acknowledgeBy = LegalDeadlines.acknowledgeBy(request.jurisdiction, request.receivedAt);
        return request;
    }

    private void sendCode(PrivacyRequest request) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        VerificationChallenge challenge = new VerificationChallenge();
        challenge.requestId = request.id;
        challenge.codeHash = hash(request.id, code);
        challenge.expiresAt = request.receivedAt.plus(config.verification().codeTtl());
        challenge.persist();
        mailer.send(Mail.withText(request.email, "Confirm your privacy request",
                "We received your " + request.type.name().toLowerCase() + " request (reference " + request.id + ").\n\n"
                        + "Your confirmation code is " + code + ". It is valid for "
                        + config.verification().codeTtl().toMinutes() + " minutes.\n\n"
                        + "If you did not send this request, ignore this message; nothing will happen."));
    }

    static String hash(String requestId, String code) {
        return Sha256.hex(requestId + ":" + code.trim());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
