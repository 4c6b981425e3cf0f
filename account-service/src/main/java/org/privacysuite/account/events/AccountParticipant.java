package org.privacysuite.account.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.account.service.ErasureIntake;
import org.privacysuite.account.service.ErasureRules;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/** account-service's part in dsar-service's requests: erasure, access, and rectification of the profile it owns. */
@ApplicationScoped
public class AccountParticipant implements PrivacyRequestParticipant {

    @Inject
    ErasureIntake erasure;

    @Inject
    AccountExport export;

    @Inject
    AccountRectification rectification;

    @Override
    public String service() {
        return ErasureRules.SERVICE;
    }

    @Override
    public void erase(ErasureRequested request) {
        erasure.receive(request);
    }

    @Override
    public void export(AccessRequested request) {
        export.export(request);
    }

    @Override
    public void rectify(RectificationRequested request) {
        rectification.apply(request);
    }
}
