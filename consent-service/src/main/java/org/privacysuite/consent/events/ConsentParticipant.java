package org.privacysuite.consent.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/** consent-service's part in erasure and access requests. Consent choices are corrected by recording new ones. */
@ApplicationScoped
public class ConsentParticipant implements PrivacyRequestParticipant {

    @Inject
    ConsentErasure erasure;

    @Inject
    ConsentExport export;

    @Override
    public String service() {
        return ConsentErasure.SERVICE;
    }

    @Override
    public void erase(ErasureRequested request) {
        erasure.erase(request);
    }

    @Override
    public void export(AccessRequested request) {
        export.export(request);
    }
}
