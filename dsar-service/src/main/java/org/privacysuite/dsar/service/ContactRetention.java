package org.privacysuite.dsar.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.privacysuite.dsar.config.DsarConfig;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.domain.RequestStatus;
import org.privacysuite.dsar.domain.RequestType;

/**
 * The retention rules of requests' contact data (docs/retention.md), applied by the job:
 * <ul>
 * <li>a QUESTION: {@code dsar.questions.anonymise-after} after it ended (answered, denied or closed);</li>
 * <li>every other type: {@code dsar.requests.anonymise-after} after it ended;</li>
 * <li>a request whose address was never proven: closed, and its contact data removed,
 * {@code dsar.requests.unverified-after} after it was received.</li>
 * </ul>
 * What is removed: the address, the subject and device ids, the message and the answer, the corrections and the
 * resolved identities. The request's type, dates and outcome and its audit trail (which never holds those values)
 * stay, as the record that the request was answered. Each rule handles a bounded batch per round.
 */
@ApplicationScoped
public class ContactRetention {

    @Inject
    DsarConfig config;

    @Inject
    AuditTrail audit;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Instant now) {
        int batch = config.requests().batchSize();
        Duration questions = config.questions().anonymiseAfter();
        Duration others = config.requests().anonymiseAfter();
        for (PrivacyRequest request : PrivacyRequest.<PrivacyRequest>find("anonymisedAt is null and endedAt < ?1"
                + " and type = ?2", now.minus(questions), RequestType.QUESTION).page(0, batch).list()) {
            anonymise(request, now, "contact details, question and answer removed " + questions + " after it ended");
        }
        for (PrivacyRequest request : PrivacyRequest.<PrivacyRequest>find("anonymisedAt is null and endedAt < ?1"
                + " and type <> ?2", now.minus(others), RequestType.QUESTION).page(0, batch).list()) {
            anonymise(request, now, "contact data removed " + others + " after the request ended");
        }
        Duration unverified = config.requests().unverifiedAfter();
        List<PrivacyRequest> neverProven = PrivacyRequest.<PrivacyRequest>find("status = ?1 and receivedAt < ?2",
                RequestStatus.UNVERIFIED, now.minus(unverified)).page(0, batch).list();
        for (PrivacyRequest request : neverProven) {
            request.closedAt = now;
            audit.transition(request, RequestStatus.CLOSED, AuditTrail.SYSTEM, "closed",
                    "the address was never proven within " + unverified);
            anonymise(request, now, "contact data of a request never verified removed");
        }
    }

    private void anonymise(PrivacyRequest request, Instant now, String why) {
        request.email = null;
        request.subjectId = null;
        request.deviceId = null;
        request.message = null;
        request.reply = null;
        request.changesJson = null;
        request.identitiesJson = null;
        request.anonymisedAt = now;
        audit.note(request, AuditTrail.SYSTEM, "anonymised", why);
    }
}
