package org.privacysuite.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.privacysuite.commons.problem.Problem;
import org.privacysuite.commons.problem.ProblemException;
import org.privacysuite.consent.domain.ConsentState;
import org.privacysuite.consent.domain.DeviceLink;
import org.privacysuite.consent.domain.Purpose;

/**
 * Answers "may this subject's data be used for this purpose now?" for other services. Consent-based purposes need a
 * current yes to the notice in force; an unknown subject has none. A device signed in to an account follows the
 * later of its own and the account's decision.
 */
@ApplicationScoped
public class ConsentDecisions {

    @Inject
    PurposeCatalogue catalogue;

    @Inject
    DecisionCache cache;

    public Decision check(String subjectId, String purposeKey) {
        return cache.get(subjectId, purposeKey, () -> decide(subjectId, purposeKey));
    }

    /** @throws ProblemException 400 naming each purpose the catalogue does not have */
    public void requireKnown(String field, List<String> purposeKeys) {
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < purposeKeys.size(); i++) {
            if (catalogue.find(purposeKeys.get(i)).isEmpty()) {
                unknown.add(new Problem.FieldError(field + "[" + i + "]", "unknown purpose " + purposeKeys.get(i)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
    }

    private Decision decide(String subjectId, String purposeKey) {
        Purpose purpose = catalogue.find(purposeKey)
                .orElseThrow(() -> ProblemException.notFound("Purpose " + purposeKey));
        if (!purpose.needsConsent()) {
            return new Decision(true, purpose.currentVersion, null, "not-consent-based");
        }
        Optional<ConsentState> state = latest(ConsentState.of(subjectId, purposeKey),
                DeviceLink.accountOf(subjectId).flatMap(account -> ConsentState.of(account, purposeKey)));
        if (state.isEmpty()) {
            return new Decision(false, null, null, "no-decision");
        }
        ConsentState current = state.get();
        if (!current.granted) {
            return new Decision(false, current.noticeVersion, current.decidedAt, "refused");
        }
        if (purpose.reconsentRequired(true, current.noticeVersion)) {
            return new Decision(false, current.noticeVersion, current.decidedAt, "reconsent-required");
        }
        return new Decision(true, current.noticeVersion, current.decidedAt, "granted");
    }

    private static Optional<ConsentState> latest(Optional<ConsentState> own, Optional<ConsentState> linked) {
        if (own.isEmpty()) {
            return linked;
        }
        if (linked.isEmpty()) {
            return own;
        }
        return linked.get().isLaterThan(own.get()) ? linked : own;
    }
}
