package org.privacysuite.consent.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.privacysuite.consent.domain.ConsentState;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.service.DecisionCache;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.outbox.Outbox;

/**
 * Erases a subject's consent data, for the account and every device tied to it. Declared per record type:
 * <ul>
 * <li>{@code consent-record} ANONYMISE: the ledger keeps that a decision was made (purpose, yes/no, notice version,
 * time, method) under a random pseudonym; page URL, browser family, address and device link are removed;</li>
 * <li>{@code consent-receipt} ANONYMISE: same pseudonym, page URL removed;</li>
 * <li>{@code consent-state} DELETE: no current choice remains, so every check answers "not allowed";</li>
 * <li>{@code device-link} DELETE.</li>
 * </ul>
 * The pseudonym is a fresh random id per erasure, known to nobody, so it cannot be traced back.
 */
@ApplicationScoped
public class ConsentErasure {

    public static final String SERVICE = "consent-service";

    @Inject
    EntityManager em;

    @Inject
    DecisionCache decisions;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(ErasureRequested request) {
        List<String> subjects = subjectsOf(request.subjectId(), request.identities().deviceIds());
        decisions.changing(subjects);
        Instant now = Instant.now(clock);
        for (ConsentState state : ConsentState.<ConsentState>list("subjectId in ?1", subjects)) {
            if (state.granted) {
                // Downstream users of the consent (newsletter personalisation, app usage) stop with it.
                outbox.publish(new ConsentChanged(state.subjectId, state.purposeKey, false, state.noticeVersion, now));
            }
        }
        String pseudonym = "erased:" + UUID.randomUUID();
        long records = em.createNativeQuery("UPDATE consent_record SET subject_id = :pseudonym, page_url = NULL,"
                + " user_agent_family = NULL, ip_truncated = NULL, origin_subject_id = NULL, anonymised = TRUE"
                + " WHERE subject_id IN (:subjects)")
                .setParameter("pseudonym", pseudonym).setParameter("subjects", subjects).executeUpdate();
        long receipts = em.createNativeQuery("UPDATE consent_receipt SET subject_id = :pseudonym, page_url = NULL,"
                + " anonymised = TRUE WHERE subject_id IN (:subjects)")
                .setParameter("pseudonym", pseudonym).setParameter("subjects", subjects).executeUpdate();
        long states = ConsentState.delete("subjectId in ?1", subjects);
        long links = DeviceLink.delete("deviceId in ?1 or accountId in ?1", subjects);

        List<RecordTypeResult> results = List.of(
                new RecordTypeResult(ConsentParticipant.CONSENT_RECORD, ErasureAction.ANONYMISE, records),
                new RecordTypeResult(ConsentParticipant.CONSENT_RECEIPT, ErasureAction.ANONYMISE, receipts),
                new RecordTypeResult(ConsentParticipant.CONSENT_STATE, ErasureAction.DELETE, states),
                new RecordTypeResult(ConsentParticipant.DEVICE_LINK, ErasureAction.DELETE, links));
        ErasureOutcome outcome = records + receipts + states + links == 0 ? ErasureOutcome.NOTHING_FOUND
                : ErasureOutcome.ERASED;
        outbox.publish(new ErasureCompleted(request.requestId(), request.subjectId(), SERVICE, outcome, results, null,
                null, List.of()));
    }

    /**
     * The subject, the devices that signed in to the subject's account, and the devices the request names unless
     * such a device is linked to another account: that device's choices are that account's owner's, and no request
     * of someone else exports or erases them.
     */
    static List<String> subjectsOf(String subjectId, List<String> deviceIds) {
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(subjectId);
        for (String deviceId : deviceIds) {
            if (DeviceLink.accountOf(deviceId).map(subjectId::equals).orElse(true)) {
                subjects.add(deviceId);
            }
        }
        subjects.addAll(DeviceLink.devicesOf(subjectId));
        return new ArrayList<>(subjects);
    }
}
