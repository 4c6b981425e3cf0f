package org.privacysuite.newsletter.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;

/** Takes part in the dsar-service's sagas: erasure and access requests for newsletter data. */
@ApplicationScoped
public class PrivacyRequestConsumer {

    public static final String CONSUMER = "newsletter-service.privacy-requests";

    @Inject
    InboxConsumers consumers;

    @Inject
    NewsletterErasure erasure;

    @Inject
    NewsletterExport export;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        consumers.start(CONSUMER, List.of(Topics.PRIVACY_REQUESTS), this::handle);
    }

    void handle(InboundEvent event) {
        if (event.data().orElse(null) instanceof ErasureRequested request) {
            erasure.erase(request);
        } else if (event.data().orElse(null) instanceof AccessRequested request) {
            export.export(request);
        }
        // Rectification: subscribers correct their own address by subscribing it; nothing is rewritten here.
    }
}
