package org.privacysuite.newsletter.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.participant.PrivacyRequestParticipant;

/**
 * newsletter-service's part in erasure and access requests. Rectification: subscribers correct their own address by
 * subscribing it; nothing is rewritten here.
 */
@ApplicationScoped
public class NewsletterParticipant implements PrivacyRequestParticipant {

    @Inject
    NewsletterErasure erasure;

    @Inject
    NewsletterExport export;

    @Override
    public String service() {
        return NewsletterErasure.SERVICE;
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
