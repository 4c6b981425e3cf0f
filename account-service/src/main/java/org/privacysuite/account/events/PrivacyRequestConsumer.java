package org.privacysuite.account.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.privacysuite.account.service.ErasureIntake;
import org.privacysuite.account.service.ErasureRules;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.kafka.InboundEvent;

/** Takes part in dsar-service's requests: erasure, access, and rectification of the profile it owns. */
@ApplicationScoped
public class PrivacyRequestConsumer {

    public static final String CONSUMER = "account-service.privacy-requests";

    @Inject
    InboxConsumers consumers;

    @Inject
    ErasureIntake erasure;

    @Inject
    AccountExport export;

    @Inject
    AccountRectification rectification;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        consumers.start(CONSUMER, List.of(Topics.PRIVACY_REQUESTS), this::handle);
    }

    void handle(InboundEvent event) {
        Object data = event.data().orElse(null);
        if (data instanceof ErasureRequested request) {
            erasure.receive(request);
        } else if (data instanceof AccessRequested request) {
            export.export(request);
        } else if (data instanceof RectificationRequested request && ErasureRules.SERVICE.equals(request.service())) {
            rectification.apply(request);
        }
    }
}
